import { Card, Col, Row, Typography } from 'antd';
import { LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent } from 'echarts/components';
import { useMemo } from 'react';
import type { CycleMetrics } from '../../plugin/domain/metrics.ts';
import { EChart } from '../shared/EChart.tsx';
import type { ChartRenderer } from '../shared/echarts.ts';
import { use } from '../shared/echarts-core.ts';
import { useWidgetT, type WidgetLocale } from '../shared/i18n.ts';
import { TEST_IDS } from '../test-ids.ts';
import {
  buildMetricOption,
  formatMetric,
  latestValue,
  METRIC_KEYS,
  type MetricKey,
  type MetricsBaseline,
} from './metrics-option.ts';

// The ECharts parts this widget draws with (the shared core has the renderers, aria and tooltip).
use([LineChart, GridComponent, LegendComponent, MarkLineComponent]);

export type { MetricKey, MetricsBaseline } from './metrics-option.ts';
export { buildMetricOption, formatMetric, latestValue } from './metrics-option.ts';

export interface MetricsDashboardProps {
  /** `metricsByMonth` of the cycle. */
  metrics: CycleMetrics[];
  /** Values before the change, drawn as a reference line and shown as "before → latest". */
  baseline?: MetricsBaseline;
  /** Which metrics to show, in order; all four by default. */
  show?: readonly MetricKey[];
  chartHeight?: number;
  renderer?: ChartRenderer;
  locale?: WidgetLocale;
}

const DEFAULT_CHART_HEIGHT = 220;

/** The case's results over the months of a cycle, each against its before-value. */
export function MetricsDashboard({
  metrics,
  baseline = {},
  show = METRIC_KEYS,
  chartHeight = DEFAULT_CHART_HEIGHT,
  renderer,
  locale,
}: MetricsDashboardProps) {
  const t = useWidgetT(locale);
  const options = useMemo(
    () => new Map(show.map((metric) => [metric, buildMetricOption(metric, metrics, baseline, t)])),
    [show, metrics, baseline, t],
  );
  return (
    <Row gutter={[12, 12]} data-testid={TEST_IDS.metrics.root}>
      {show.map((metric) => {
        const latest = formatMetric(metric, latestValue(metric, metrics), t);
        const before = baseline[metric];
        return (
          <Col key={metric} xs={24} lg={12}>
            <Card size="small" title={t(`metrics.${metric}`)}>
              <div data-testid={TEST_IDS.metrics.stat(metric)}>
                <Typography.Text type="secondary">
                  {before === undefined
                    ? t('metrics.latest')
                    : `${t('metrics.baseline')} → ${t('metrics.latest')}`}
                </Typography.Text>
                <div style={{ fontSize: 22, fontWeight: 600 }}>
                  {before === undefined
                    ? latest
                    : t('metrics.beforeAfter', { before: formatMetric(metric, before, t), after: latest })}
                </div>
              </div>
              <EChart
                option={options.get(metric) ?? {}}
                height={chartHeight}
                renderer={renderer}
                ariaLabel={t('metrics.aria', { metric: t(`metrics.${metric}`) })}
              />
            </Card>
          </Col>
        );
      })}
    </Row>
  );
}

export default MetricsDashboard;
