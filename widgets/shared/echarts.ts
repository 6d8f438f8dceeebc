// Only the ECharts parts the widgets draw with are registered, to keep the bundle small.

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
  AriaComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  RadarComponent,
  TitleComponent,
  TooltipComponent,
} from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import { init, use } from 'echarts/core';
import { CanvasRenderer, SVGRenderer } from 'echarts/renderers';

use([
  BarChart,
  LineChart,
  RadarChart,
  TreeChart,
  AriaComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  RadarComponent,
  TitleComponent,
  TooltipComponent,
  CanvasRenderer,
  SVGRenderer,
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
