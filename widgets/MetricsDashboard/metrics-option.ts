import type { CycleMetrics } from '../../plugin/domain/metrics.ts';
import type { WidgetChartOption } from '../shared/echarts.ts';
import type { WidgetT } from '../shared/i18n.ts';
import { NEUTRAL, SERIES_COLOURS } from '../shared/palette.ts';

export type MetricKey = 'alignmentRate' | 'averageResponseDays' | 'highMarginShare' | 'completionSpread';
export const METRIC_KEYS: readonly MetricKey[] = [
  'alignmentRate',
  'averageResponseDays',
  'highMarginShare',
  'completionSpread',
];

/** Values before the change (e.g. the case: 38 % aligned, 11 days, 41 % high-margin); shares as 0..1. */
export type MetricsBaseline = Partial<Record<MetricKey, number>>;

const PERCENT = 100;
const isShare = (metric: MetricKey) => metric !== 'averageResponseDays';
const oneDecimal = (value: number) => Math.round(value * 10) / 10;

/** Chart units: shares as percentages, days as days, one decimal. */
export function toChartValue(metric: MetricKey, value: number | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  return oneDecimal(isShare(metric) ? value * PERCENT : value);
}

export function formatMetric(metric: MetricKey, value: number | null | undefined, t: WidgetT): string {
  const shown = toChartValue(metric, value);
  if (shown === null) return t('metrics.noData');
  return isShare(metric) ? t('metrics.percent', { value: shown }) : t('metrics.days', { value: shown });
}

/** The latest month that has a value for the metric. */
export function latestValue(metric: MetricKey, metrics: readonly CycleMetrics[]): number | null {
  for (let i = metrics.length - 1; i >= 0; i -= 1) {
    const value = metrics[i]?.[metric];
    if (value !== null && value !== undefined) return value;
  }
  return null;
}

/**
 * One metric over the cycle months as a line, with the before-value as a dashed reference line.
 * The alignment chart also draws the explicit link rate, the case's own measure of alignment.
 */
export function buildMetricOption(
  metric: MetricKey,
  metrics: readonly CycleMetrics[],
  baseline: MetricsBaseline,
  t: WidgetT,
): WidgetChartOption {
  const unit = isShare(metric) ? '%' : '';
  const before = toChartValue(metric, baseline[metric]);
  const series: NonNullable<WidgetChartOption['series']> = [
    {
      type: 'line',
      name: t(`metrics.${metric}`),
      data: metrics.map((m) => toChartValue(metric, m[metric])),
      symbol: 'circle',
      symbolSize: 7,
      connectNulls: false,
      itemStyle: { color: SERIES_COLOURS[0] },
      label: { show: true, formatter: `{c}${unit}`, fontSize: 10 },
      markLine:
        before === null
          ? undefined
          : {
              symbol: 'none',
              silent: true,
              lineStyle: { type: 'dashed', color: NEUTRAL.muted },
              label: { formatter: `${t('metrics.baseline')} ${before}${unit}`, position: 'insideEndTop' },
              data: [{ yAxis: before }],
            },
    },
  ];
  if (metric === 'alignmentRate') {
    series.push({
      type: 'line',
      name: t('metrics.linkedRate'),
      data: metrics.map((m) => toChartValue(metric, m.linkedRate)),
      symbol: 'triangle',
      symbolSize: 7,
      lineStyle: { type: 'dotted' },
      itemStyle: { color: SERIES_COLOURS[1] },
    });
  }
  return {
    aria: { enabled: true },
    tooltip: { trigger: 'axis' },
    legend: { show: series.length > 1, top: 0 },
    grid: { left: 8, right: 16, top: 28, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: metrics.map((m) => m.month) },
    yAxis: {
      type: 'value',
      min: 0,
      max: isShare(metric) ? PERCENT : undefined,
      axisLabel: { formatter: `{value}${unit}` },
    },
    series,
  };
}
