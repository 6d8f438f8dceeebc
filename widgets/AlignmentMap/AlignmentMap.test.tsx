import { describe, expect, it } from 'vitest';
import { renderChartToSvg } from '../shared/echarts.ts';
import { makeCard, makeKr, makeObjective } from '../shared/factories.ts';
import { widgetT } from '../shared/i18n.ts';
import { buildAlignmentMapOption, mapLeafRows } from './map-option.ts';

const at = '2026-01-10T09:00:00Z';
const objectives = [
  makeObjective({ id: 'o-energy', title: '拓展新能源行业客户' }),
  makeObjective({ id: 'o-margin', title: '提升高毛利产品占比' }),
];
const cards = [
  makeCard(
    makeKr({
      id: 'kr-1',
      title: '新能源客户 5 家',
      links: [{ objectiveId: 'o-energy', weight: 100, linkedAt: at }],
    }),
    {
      ownerName: '张伟',
      regionName: '华东',
      score: 85,
    },
  ),
  makeCard(
    makeKr({
      id: 'kr-2',
      title: '高毛利机型 300 万',
      links: [
        { objectiveId: 'o-margin', weight: 50, linkedAt: at },
        { objectiveId: 'o-energy', weight: 50, linkedAt: at },
      ],
    }),
    { ownerName: '王强', regionId: 'r-south', regionName: '华南', score: 45, belowThreshold: true },
  ),
  makeCard(makeKr({ id: 'kr-3', title: '低端机型冲量' }), {
    ownerName: '李娜',
    regionName: '华东',
    score: 0,
    belowThreshold: true,
  }),
];

type Node = { name: string; value?: number; symbol?: string; children?: Node[] };
const seriesOf = (option: ReturnType<typeof buildAlignmentMapOption>) =>
  option.series as { id: string; data: Node[]; lineStyle: { type?: string } }[];

describe('alignment map option', () => {
  const t = widgetT('zh-CN');
  const option = buildAlignmentMapOption(objectives, cards, t);
  const [aligned, unaligned] = seriesOf(option);

  it('draws objective → region → KR with the score as value', () => {
    const root = aligned?.data[0];
    expect(root?.children?.map((o) => o.name)).toEqual(['拓展新能源行业客户', '提升高毛利产品占比']);
    const energy = root?.children?.[0];
    expect(energy?.children?.map((r) => r.name)).toEqual(['华东 · 1 个 KR', '华南 · 1 个 KR']);
    expect(energy?.children?.[0]?.children?.[0]).toMatchObject({ name: '张伟：新能源客户 5 家', value: 85 });
  });

  it('marks KRs under the threshold with a warning sign and a different symbol', () => {
    const south = seriesOf(option)[0]?.data[0]?.children?.[1]?.children?.[0]?.children?.[0];
    expect(south).toMatchObject({ name: '⚠ 王强：高毛利机型 300 万', symbol: 'triangle', value: 45 });
  });

  it('sets unlinked KRs apart in a dashed second tree', () => {
    expect(unaligned?.id).toBe('unaligned');
    expect(unaligned?.lineStyle.type).toBe('dashed');
    const root = unaligned?.data[0];
    expect(root?.name).toBe('未关联的 KR · 1 个 KR');
    expect(root?.children?.[0]?.children?.map((n) => n.name)).toEqual(['⚠ 李娜：低端机型冲量']);
  });

  it('sizes by the number of leaf rows', () => {
    expect(mapLeafRows(objectives, cards)).toBe(3);
  });

  it('renders both trees to SVG on the server', () => {
    const svg = renderChartToSvg(option, 900, 400);
    expect(svg).toContain('拓展新能源行业客户');
    expect(svg).toContain('未关联的 KR');
    expect(svg).toContain('stroke-dasharray');
  });
});
