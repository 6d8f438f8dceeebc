// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { makeCard, makeKr, makeObjective } from '../shared/factories.ts';
import { AlignmentMap } from './index.tsx';
import { buildMapTree, defaultOpen, leavesOf, searchTree } from './map-tree.ts';

afterEach(cleanup);

const at = '2026-01-10T09:00:00Z';
const link = (objectiveId: string, weight = 100) => ({ objectiveId, weight, linkedAt: at });
const objectives = [
  makeObjective({ id: 'o-energy', title: '拓展新能源行业客户' }),
  makeObjective({ id: 'o-margin', title: '提升高毛利产品占比' }),
];
const cards = [
  makeCard(makeKr({ id: 'kr-1', ownerId: 'p-zhang', title: '新能源客户 5 家', links: [link('o-energy')] }), {
    ownerName: '张伟',
    regionId: 'r-east',
    regionName: '华东',
    score: 85,
  }),
  makeCard(
    makeKr({
      id: 'kr-2',
      ownerId: 'p-zhao',
      title: '高毛利机型 300 万',
      links: [link('o-margin', 50), link('o-energy', 50)],
    }),
    { ownerName: '赵敏', regionId: 'r-east', regionName: '华东', score: 55, belowThreshold: true },
  ),
  makeCard(makeKr({ id: 'kr-3', ownerId: 'p-huang', title: '续签重点客户服务合同', links: [] }), {
    ownerName: '黄伟明',
    regionId: 'r-south',
    regionName: '华南',
    score: 20,
    belowThreshold: true,
  }),
  makeCard(
    makeKr({
      id: 'kr-4',
      ownerType: 'region',
      ownerId: 'r-south',
      title: '华南回款',
      links: [link('o-energy')],
    }),
    {
      ownerName: '华南',
      regionId: 'r-south',
      regionName: '华南',
      score: 90,
    },
  ),
];
const words = { unlinked: '未关联的 KR', hq: '总部' };
const status = {
  'kr-1': { progress: 0.6, colour: 'green' as const },
  'kr-2': { progress: 0.2, colour: 'red' as const },
};

describe('alignment tree', () => {
  it('nests Objective → region → person → KR, a KR under each Objective it serves, the unlinked apart', () => {
    const tree = buildMapTree(objectives, cards, status, words);
    expect(tree.map((n) => [n.kind, n.title, n.summary.krs])).toEqual([
      ['objective', '拓展新能源行业客户', 3],
      ['objective', '提升高毛利产品占比', 1],
      ['unlinked', '未关联的 KR', 1],
    ]);
    const energy = tree[0]!;
    expect(energy.children.map((r) => r.title)).toEqual(['华东', '华南']);
    const east = energy.children[0]!;
    expect(east.children.map((p) => [p.kind, p.title])).toEqual([
      ['person', '张伟'],
      ['person', '赵敏'],
    ]);
    // A region's own KR hangs off the region, not off a person.
    expect(energy.children[1]!.children.map((c) => [c.kind, c.title])).toEqual([['kr', '华南回款']]);
    expect(leavesOf(energy).find((l) => l.card?.kr.id === 'kr-2')?.weight).toBe(50);
    // Summaries: mean progress of KRs with one, mean score, below-threshold count, colours.
    expect(east.summary).toEqual({
      krs: 2,
      progress: 0.4,
      score: 70,
      below: 1,
      colours: { green: 1, amber: 0, red: 1 },
    });
    const keys = tree.flatMap((n) => [n, ...n.children.flatMap((c) => [c, ...c.children])]).map((n) => n.key);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('search keeps the way to every match and opens it; a small tree opens whole', () => {
    const tree = buildMapTree(objectives, cards, status, words);
    const found = searchTree(tree, '赵敏');
    expect(found.nodes.map((n) => n.title)).toEqual(['拓展新能源行业客户', '提升高毛利产品占比']);
    expect(found.nodes[0]!.children.map((r) => r.title)).toEqual(['华东']);
    expect(found.nodes[0]!.children[0]!.children.map((p) => p.title)).toEqual(['赵敏']);
    expect(found.open.has(tree[0]!.key)).toBe(true);
    expect(searchTree(tree, '  ').nodes).toHaveLength(3);
    expect(searchTree(tree, 'nobody').nodes).toEqual([]);
    expect(defaultOpen(tree).size).toBeGreaterThan(tree.length);
    // A big tree opens only the Objectives, showing their regions.
    expect(defaultOpen(tree, 2)).toEqual(new Set(tree.map((n) => n.key)));
  });
});

describe('AlignmentMap', () => {
  it('shows cards with names, progress and score; folds, searches and opens a KR', () => {
    const opened: string[] = [];
    render(
      <AlignmentMap
        objectives={objectives}
        cards={cards}
        status={status}
        locale="zh-CN"
        onOpenKr={(id) => opened.push(id)}
      />,
    );
    const map = screen.getByTestId('alignment-map');
    expect(within(map).getAllByText('新能源客户 5 家')).toHaveLength(1);
    expect(within(map).getAllByText('高毛利机型 300 万')).toHaveLength(2);
    expect(within(map).getAllByText('3 个 KR · 进度 40% · 对齐分 77').length).toBe(1);
    expect(within(map).getByText('续签重点客户服务合同')).toBeTruthy();
    expect(map.textContent).not.toContain('kr-1');

    fireEvent.click(screen.getByRole('button', { name: '收起「拓展新能源行业客户」' }));
    expect(within(map).queryByText('新能源客户 5 家')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: '展开「拓展新能源行业客户」' }));
    expect(within(map).getByText('新能源客户 5 家')).toBeTruthy();

    const search = screen.getByRole('searchbox', { name: '搜索目标、区域、人员或 KR' });
    fireEvent.change(search, { target: { value: '黄伟明' } });
    expect(within(map).queryByText('新能源客户 5 家')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: '查看「续签重点客户服务合同」的详情' }));
    expect(opened).toEqual(['kr-3']);

    fireEvent.change(search, { target: { value: '没有这个人' } });
    expect(map.textContent).toContain('没有与「没有这个人」匹配的目标、区域、人员或 KR');
  });
});
