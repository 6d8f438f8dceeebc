import { LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent } from 'echarts/components';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { EChart } from '../../../../widgets/shared/EChart.tsx';
import type { WidgetChartOption } from '../../../../widgets/shared/echarts.ts';
import { use } from '../../../../widgets/shared/echarts-core.ts';
import type { PaceSeries } from './kr-detail-model.ts';

// Only the parts this chart draws (the shared core has the renderers, aria and tooltip).
use([LineChart, GridComponent, LegendComponent]);

/** Check-ins as a line, with the expected pace as a dashed line. */
export function KrPaceChart({ series, unit }: { series: PaceSeries; unit: string }) {
  const { t } = useTranslation();
  const option = useMemo<WidgetChartOption>(
    () => ({
      aria: { enabled: true },
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 48, right: 16, top: 32, bottom: 24 },
      xAxis: { type: 'category', data: series.months },
      yAxis: { type: 'value', name: unit },
      series: [
        {
          type: 'line',
          name: t('krDetail.chart.actual'),
          data: series.actual,
          connectNulls: false,
          itemStyle: { color: '#0072B2' },
        },
        {
          type: 'line',
          name: t('krDetail.chart.expected'),
          data: series.expected,
          symbol: 'none',
          lineStyle: { type: 'dashed', color: '#999' },
          itemStyle: { color: '#999' },
        },
      ],
    }),
    [series, unit, t],
  );
  return (
    <EChart option={option} height={220} ariaLabel={t('krDetail.chart.label')} testId="kr-detail-chart" />
  );
}
