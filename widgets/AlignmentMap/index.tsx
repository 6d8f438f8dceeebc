import { TreeChart } from 'echarts/charts';
import { useMemo } from 'react';
import type { Objective } from '../../plugin/domain/types.ts';
import type { AlignmentCard } from '../AlignmentBoard/board-model.ts';
import { EChart } from '../shared/EChart.tsx';
import type { ChartRenderer } from '../shared/echarts.ts';
import { use } from '../shared/echarts-core.ts';
import { useWidgetT, type WidgetLocale } from '../shared/i18n.ts';
import { TEST_IDS } from '../test-ids.ts';
import { buildAlignmentMapOption, MAP_ROW_HEIGHT, mapLeafRows } from './map-option.ts';

// The ECharts parts this widget draws with (the shared core has the renderers, aria and tooltip).
use([TreeChart]);

export { buildAlignmentMapOption, mapLeafRows } from './map-option.ts';

export interface AlignmentMapProps {
  objectives: Objective[];
  /** The same cards the alignment board gets. */
  cards: AlignmentCard[];
  locale?: WidgetLocale;
  renderer?: ChartRenderer;
  /** Smallest height in pixels; the map grows with the number of KRs. */
  minHeight?: number;
}

const DEFAULT_MIN_HEIGHT = 360;

/** The board's links as a picture: O → region → person KRs, unlinked KRs apart. */
export function AlignmentMap({
  objectives,
  cards,
  locale,
  renderer,
  minHeight = DEFAULT_MIN_HEIGHT,
}: AlignmentMapProps) {
  const t = useWidgetT(locale);
  const option = useMemo(() => buildAlignmentMapOption(objectives, cards, t), [objectives, cards, t]);
  const height = Math.max(minHeight, mapLeafRows(objectives, cards) * MAP_ROW_HEIGHT);
  return (
    <div data-testid={TEST_IDS.map.root}>
      <EChart option={option} height={height} renderer={renderer} ariaLabel={t('map.aria')} />
    </div>
  );
}

export default AlignmentMap;
