// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { CycleMetrics } from '../../plugin/domain/metrics.ts';
import { renderChartToSvg } from '../shared/echarts.ts';
import { widgetT } from '../shared/i18n.ts';
import { TEST_IDS } from '../test-ids.ts';
import { MetricsDashboard } from './index.tsx';
import { buildMetricOption, formatMetric, latestValue } from './metrics-option.ts';

const month = (m: string, values: Partial<CycleMetrics>): CycleMetrics => ({
  month: m,
  alignmentRate: 0,
  linkedRate: 0,
  averageResponseDays: null,
  highMarginShare: null,
  completionSpread: null,
  ...values,
});
const metrics = [
  month('2026-01', {
    alignmentRate: 0.4,
    linkedRate: 0.53,
    averageResponseDays: 9.5,
    highMarginShare: 0.44,
    completionSpread: 0.42,
  }),
  month('2026-02', {
    alignmentRate: 0.667,
    linkedRate: 0.8,
    averageResponseDays: null,
    highMarginShare: 0.52,
    completionSpread: 0.3,
  }),
  month('2026-03', {
    alignmentRate: 0.89,
    linkedRate: 0.93,
    averageResponseDays: 2.3,
    highMarginShare: 0.67,
    completionSpread: null,
  }),
];
const baseline = { alignmentRate: 0.38, averageResponseDays: 11, highMarginShare: 0.41 };
const t = widgetT('zh-CN');

afterEach(cleanup);

type LineOption = {
  xAxis: { data: string[] };
  yAxis: { max?: number };
  series: {
    name: string;
    data: (number | null)[];
    markLine?: { data: { yAxis: number }[]; label: { formatter: string } };
  }[];
};

describe('metric options', () => {
  it('draws shares as percentages with the before-value as a reference line', () => {
    const option = buildMetricOption('alignmentRate', metrics, baseline, t) as unknown as LineOption;
    expect(option.xAxis.data).toEqual(['2026-01', '2026-02', '2026-03']);
    expect(option.yAxis.max).toBe(100);
    expect(option.series[0]?.data).toEqual([40, 66.7, 89]);
    expect(option.series[0]?.markLine?.data).toEqual([{ yAxis: 38 }]);
    expect(option.series[0]?.markLine?.label.formatter).toBe('改革前 38%');
    expect(option.series[1]).toMatchObject({ name: 'KR 显性关联率', data: [53, 80, 93] });
  });

  it('keeps days in days and leaves months without data as gaps', () => {
    const option = buildMetricOption('averageResponseDays', metrics, baseline, t) as unknown as LineOption;
    expect(option.series[0]?.data).toEqual([9.5, null, 2.3]);
    expect(option.yAxis.max).toBeUndefined();
    expect(option.series[0]?.markLine?.data).toEqual([{ yAxis: 11 }]);
    expect(option.series).toHaveLength(1);
  });

  it('has no reference line without a baseline', () => {
    const option = buildMetricOption('completionSpread', metrics, baseline, t) as unknown as LineOption;
    expect(option.series[0]?.markLine).toBeUndefined();
  });

  it('takes the latest month with a value', () => {
    expect(latestValue('completionSpread', metrics)).toBe(0.3);
    expect(formatMetric('averageResponseDays', 2.3, t)).toBe('2.3 天');
    expect(formatMetric('highMarginShare', null, t)).toBe('暂无数据');
  });

  it('renders the reference line to SVG', () => {
    const svg = renderChartToSvg(buildMetricOption('highMarginShare', metrics, baseline, t), 400, 220);
    expect(svg).toContain('改革前 41%');
    expect(svg).toContain('2026-03');
  });
});

describe('MetricsDashboard', () => {
  it('shows the case before and after for each result', () => {
    render(<MetricsDashboard metrics={metrics} baseline={baseline} renderer="svg" />);
    expect(screen.getByTestId(TEST_IDS.metrics.stat('alignmentRate')).textContent).toContain('38% → 89%');
    expect(screen.getByTestId(TEST_IDS.metrics.stat('averageResponseDays')).textContent).toContain(
      '11 天 → 2.3 天',
    );
    expect(screen.getByTestId(TEST_IDS.metrics.stat('highMarginShare')).textContent).toContain('41% → 67%');
    expect(screen.getByTestId(TEST_IDS.metrics.stat('completionSpread')).textContent).toContain('30%');
  });

  it('shows only the metrics asked for, in English when asked', () => {
    render(<MetricsDashboard metrics={metrics} show={['highMarginShare']} locale="en-US" renderer="svg" />);
    expect(screen.queryByTestId(TEST_IDS.metrics.stat('alignmentRate'))).toBeNull();
    expect(
      screen.getByRole('figure', { name: 'Line chart of High-margin share of sales by month' }),
    ).toBeTruthy();
  });
});
