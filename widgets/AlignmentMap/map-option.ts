import type { TreeSeriesOption } from 'echarts/charts';
import type { Objective } from '../../plugin/domain/types.ts';
import type { AlignmentCard } from '../AlignmentBoard/board-model.ts';
import type { WidgetChartOption } from '../shared/echarts.ts';
import type { WidgetT } from '../shared/i18n.ts';
import { NEUTRAL, TRAFFIC_COLOURS } from '../shared/palette.ts';

type TreeNode = NonNullable<TreeSeriesOption['data']>[number];

const ALIGNED_COLOUR = '#0072B2';
const UNALIGNED_COLOUR = '#8c8c8c';
/** Pixels per leaf row, so labels never overlap. */
export const MAP_ROW_HEIGHT = 20;

function krLeaf(card: AlignmentCard, t: WidgetT, aligned: boolean): TreeNode {
  const warn = card.belowThreshold;
  const colour = !aligned ? UNALIGNED_COLOUR : warn ? TRAFFIC_COLOURS.amber.strong : ALIGNED_COLOUR;
  const name = t('map.kr', { owner: card.ownerName, title: card.kr.title });
  return {
    name: warn ? `⚠ ${name}` : name,
    value: Math.round(card.score),
    symbol: warn ? 'triangle' : 'circle',
    itemStyle: { color: colour, borderColor: colour },
    label: { color: warn ? '#8a5a00' : NEUTRAL.text },
  };
}

function byRegion(cards: AlignmentCard[], t: WidgetT, aligned: boolean): TreeNode[] {
  const groups = new Map<string, AlignmentCard[]>();
  for (const card of cards) {
    const region = card.regionId === null ? t('map.noRegion') : card.regionName;
    const group = groups.get(region) ?? [];
    group.push(card);
    groups.set(region, group);
  }
  return [...groups]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([region, group]) => ({
      name: `${region} · ${t('map.count', { count: group.length })}`,
      children: group.map((card) => krLeaf(card, t, aligned)),
    }));
}

/** Leaves in the taller of the two trees: the chart needs that many rows. */
export function mapLeafRows(objectives: readonly Objective[], cards: readonly AlignmentCard[]): number {
  const ids = new Set(objectives.map((o) => o.id));
  let linked = 0;
  let unlinked = 0;
  for (const card of cards) {
    const n = card.kr.links.filter((l) => ids.has(l.objectiveId)).length;
    if (n === 0) unlinked += 1;
    linked += n;
  }
  return Math.max(linked, unlinked, 1);
}

/**
 * The alignment map: strategic Objective → region → personal KR as a tree, and the KRs without a
 * link as a second, grey, dashed tree set apart on the right.
 */
export function buildAlignmentMapOption(
  objectives: readonly Objective[],
  cards: readonly AlignmentCard[],
  t: WidgetT,
): WidgetChartOption {
  const ids = new Set(objectives.map((o) => o.id));
  const unaligned = cards.filter((card) => !card.kr.links.some((l) => ids.has(l.objectiveId)));
  const aligned: TreeNode = {
    name: t('map.strategy'),
    children: objectives.map((objective) => ({
      name: objective.title,
      children: byRegion(
        cards.filter((card) => card.kr.links.some((l) => l.objectiveId === objective.id)),
        t,
        true,
      ),
    })),
  };
  const apart: TreeNode = {
    name: `${t('map.unaligned')} · ${t('map.count', { count: unaligned.length })}`,
    children: byRegion(unaligned, t, false),
  };
  const common = {
    type: 'tree',
    orient: 'LR',
    top: 16,
    bottom: 16,
    symbolSize: 8,
    initialTreeDepth: 3,
    expandAndCollapse: true,
    animationDuration: 300,
    label: { position: 'left', verticalAlign: 'middle', align: 'right', fontSize: 12 },
    leaves: { label: { position: 'right', verticalAlign: 'middle', align: 'left' } },
  } satisfies TreeSeriesOption;
  return {
    aria: { enabled: true },
    tooltip: { trigger: 'item', triggerOn: 'mousemove' },
    series: [
      {
        ...common,
        id: 'aligned',
        name: t('map.strategy'),
        left: '10%',
        right: '48%',
        data: [aligned],
        itemStyle: { color: ALIGNED_COLOUR, borderColor: ALIGNED_COLOUR },
        lineStyle: { color: '#9ec5e0', width: 1.5 },
      },
      {
        ...common,
        id: 'unaligned',
        name: t('map.unaligned'),
        left: '66%',
        right: '14%',
        data: [apart],
        itemStyle: { color: UNALIGNED_COLOUR, borderColor: UNALIGNED_COLOUR },
        lineStyle: { color: UNALIGNED_COLOUR, width: 1, type: 'dashed' },
      },
    ],
  };
}
