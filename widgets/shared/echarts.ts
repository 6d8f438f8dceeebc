// Every ECharts part the widgets draw with, registered at once: for server-side rendering
// (renderChartToSvg), tests and hosts that take all widgets. A widget itself registers only its own
// parts on shared/echarts-core.ts, so a page bundles only the charts it draws.

import type { BarSeriesOption, LineSeriesOption, RadarSeriesOption, TreeSeriesOption } from 'echarts/charts';
import { BarChart, LineChart, RadarChart, TreeChart } from 'echarts/charts';
import type {
  AriaComponentOption,
  GridComponentOption,
  LegendComponentOption,
  MarkLineComponentOption,
  RadarComponentOption,
  TitleComponentOption,
  TooltipComponentOption,
} from 'echarts/components';
import {
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  RadarComponent,
  TitleComponent,
} from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import { init, use } from './echarts-core.ts';

use([
  BarChart,
  LineChart,
  RadarChart,
  TreeChart,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  RadarComponent,
  TitleComponent,
]);

/** The option type of every chart the widgets build. */
export type WidgetChartOption = ComposeOption<
  | BarSeriesOption
  | LineSeriesOption
  | RadarSeriesOption
  | TreeSeriesOption
  | AriaComponentOption
  | GridComponentOption
  | LegendComponentOption
  | MarkLineComponentOption
  | RadarComponentOption
  | TitleComponentOption
  | TooltipComponentOption
>;

export type ChartRenderer = 'canvas' | 'svg';

/**
 * Renders an option to an SVG string without a DOM (server-side rendering), e.g. for e-mailed
 * reports or tests. Animation is off so the string shows the final state.
 */
export function renderChartToSvg(option: WidgetChartOption, width: number, height: number): string {
  const chart = init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ ...option, animation: false });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

export { init };
