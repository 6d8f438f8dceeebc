import type { EChartsType } from 'echarts/core';
import { useEffect, useRef } from 'react';
import { TEST_IDS } from '../test-ids.ts';
import type { ChartRenderer, WidgetChartOption } from './echarts.ts';
import { init } from './echarts-core.ts';

export interface EChartProps {
  option: WidgetChartOption;
  height: number;
  renderer?: ChartRenderer;
  /** Read by screen readers; the chart's aria description adds the data. */
  ariaLabel: string;
  testId?: string;
}

/** Thin React wrapper: one ECharts instance per mount, option replaced (not merged) on change. */
export function EChart({ option, height, renderer = 'canvas', ariaLabel, testId }: EChartProps) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);
  const latestOption = useRef(option);
  latestOption.current = option;

  useEffect(() => {
    const node = element.current;
    if (!node) return;
    const instance = init(node, null, { renderer });
    chart.current = instance;
    instance.setOption(latestOption.current, { notMerge: true });
    const observer =
      typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(() => instance.resize());
    observer?.observe(node);
    return () => {
      observer?.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, [renderer]);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  // ECharts' aria component writes its own data description onto the chart element.
  return (
    <figure aria-label={ariaLabel} data-testid={testId ?? TEST_IDS.chart} style={{ margin: 0 }}>
      <div ref={element} style={{ width: '100%', height }} />
    </figure>
  );
}
