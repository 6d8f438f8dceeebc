/**
 * OKR Align widgets: data in through props, intents out through callbacks, no fetching or storage.
 * The manifest names each widget's own entry (`widgets/<Widget>/index.tsx`); this barrel is for hosts
 * that bundle them all.
 */
export {
  AlignmentBoard,
  type AlignmentBoardProps,
  type AlignmentCard,
  type BoardFilters,
  type PresenceUser,
} from './AlignmentBoard/index.tsx';
export { AlignmentMap, type AlignmentMapProps } from './AlignmentMap/index.tsx';
export {
  CalibrationBoard,
  type CalibrationBoardProps,
  type CalibrationRow,
} from './CalibrationBoard/index.tsx';
export { HealthRadar, type HealthRadarProps, type RadarMode } from './HealthRadar/index.tsx';
export {
  type MetricsBaseline,
  MetricsDashboard,
  type MetricsDashboardProps,
} from './MetricsDashboard/index.tsx';
export { PoolAllocation, type PoolAllocationProps } from './PoolAllocation/index.tsx';
export { renderChartToSvg } from './shared/echarts.ts';
export {
  addWidgetMessages,
  DEFAULT_WIDGET_LOCALE,
  WIDGET_LOCALES,
  type WidgetLocale,
  widgetMessages,
} from './shared/i18n.ts';
export { TEST_IDS } from './test-ids.ts';
