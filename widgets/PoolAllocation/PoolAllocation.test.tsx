// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PoolRunResult, PoolStatement } from '../../plugin/domain/pool.ts';
import { EXCLUDED_BELOW_MIN_CONTRIBUTION } from '../../plugin/domain/pool.ts';
import { renderChartToSvg } from '../shared/echarts.ts';
import { widgetT } from '../shared/i18n.ts';
import { TEST_IDS } from '../test-ids.ts';
import { PoolAllocation } from './index.tsx';
import { buildPoolOption, moneyFormatter } from './pool-option.ts';

function statement(
  personId: string,
  cents: number,
  idealCents: number,
  extra: Partial<PoolStatement['allocation']> = {},
): PoolStatement {
  return {
    personId,
    quarter: '2026-Q1',
    contribution: { personId, peer: 80, system: 60, crossRegionHelp: null, value: 68, peerCounted: true },
    weights: { peer: 40, system: 60, crossRegionBonusPercent: 10 },
    allocation: { personId, cents, idealCents, floorApplied: false, capApplied: false, ...extra },
    lines: [
      { key: 'statement.peer.score', params: { count: 4, score: 80 } },
      { key: 'statement.pool.final', params: { finalYuan: cents / 100, finalCents: cents } },
    ],
  };
}

const statements = [
  statement('p-a', 600_000, 700_000.4, { capApplied: true }),
  statement('p-b', 300_000, 280_000),
  statement('p-c', 100_001, 20_000, { floorApplied: true }),
];
const run: PoolRunResult = {
  quarter: '2026-Q1',
  poolCents: 1_000_001,
  eligible: ['p-a', 'p-b', 'p-c'],
  excluded: [{ personId: 'p-d', reason: EXCLUDED_BELOW_MIN_CONTRIBUTION }],
  allocations: statements.map((s) => s.allocation),
  statements,
};
const people = [
  { id: 'p-a', name: '张伟' },
  { id: 'p-b', name: '李娜' },
  { id: 'p-c', name: '王强' },
  { id: 'p-d', name: '赵磊' },
];
const t = widgetT('zh-CN');
const money = moneyFormatter('zh-CN', 'CNY');

afterEach(cleanup);

type BarOption = {
  xAxis: { data: string[] };
  series: [
    { data: { value: number; label: { formatter: string }; itemStyle: { decal?: unknown } }[] },
    { data: number[]; symbol: string },
  ];
};

describe('pool option', () => {
  const option = buildPoolOption(
    run,
    (id) => people.find((p) => p.id === id)?.name ?? id,
    t,
    money,
  ) as unknown as BarOption;

  it('puts the largest amounts first, in currency units', () => {
    expect(option.xAxis.data).toEqual(['张伟', '李娜', '王强']);
    expect(option.series[0].data.map((d) => d.value)).toEqual([6000, 3000, 1000.01]);
    expect(option.series[1].data).toEqual([7000, 2800, 200]);
    expect(option.series[1].symbol).toBe('diamond');
  });

  it('says on the bar when the cap or floor moved the amount, with a pattern, not colour alone', () => {
    expect(option.series[0].data[0]?.label.formatter).toBe('¥6,000.00\n封顶');
    expect(option.series[0].data[2]?.label.formatter).toBe('¥1,000.01\n保底');
    expect(option.series[0].data[1]?.label.formatter).toBe('¥3,000.00');
    expect(option.series[0].data[0]?.itemStyle.decal).toBeDefined();
    expect(option.series[0].data[1]?.itemStyle.decal).toBeUndefined();
  });

  it('renders to SVG with names and amounts', () => {
    const svg = renderChartToSvg(option as never, 600, 320);
    expect(svg).toContain('李娜');
    expect(svg).toContain('¥3,000.00');
  });
});

describe('PoolAllocation', () => {
  it('shows the pool, each amount with its adjustment, and who is left out', () => {
    render(<PoolAllocation run={run} people={people} renderer="svg" />);
    expect(screen.getByTestId(TEST_IDS.pool.root).textContent).toContain(
      '2026-Q1 激励池 ¥10,000.01，3 人参与分配',
    );
    const row = screen.getByTestId(TEST_IDS.pool.row('p-a'));
    expect(row.textContent).toContain('¥6,000.00');
    expect(row.textContent).toContain('已按封顶发放');
    expect(screen.getByTestId(TEST_IDS.pool.row('p-c')).textContent).toContain('已按保底发放');
    expect(screen.getByLabelText('未参与分配的人员').textContent).toContain(
      '赵磊：目标贡献值低于参与激励池的最低值，本季度不参与分配。',
    );
  });

  it('opens the statement of a person, rendered from the statement locale', () => {
    const onSelectPerson = vi.fn();
    render(<PoolAllocation run={run} people={people} onSelectPerson={onSelectPerson} renderer="svg" />);
    fireEvent.click(screen.getByTestId(TEST_IDS.pool.row('p-b')));
    expect(onSelectPerson).toHaveBeenCalledExactlyOnceWith('p-b');
    const lines = screen.getByTestId(TEST_IDS.pool.statement('p-b'));
    expect(lines.textContent).toContain('共 4 份有效互评，互评得分 80（满分 100）');
    expect(lines.textContent).toContain('最终发放 ¥3,000.00');
  });

  it('renders statements in English too', () => {
    render(<PoolAllocation run={run} people={people} selectedPersonId="p-b" locale="en-US" renderer="svg" />);
    const lines = screen.getByTestId(TEST_IDS.pool.statement('p-b'));
    expect(lines.querySelectorAll('li')).toHaveLength(2);
    expect(lines.textContent).not.toContain('statement.');
  });
});
