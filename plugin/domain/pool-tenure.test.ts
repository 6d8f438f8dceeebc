import { createInstance } from 'i18next';
import { describe, expect, it } from 'vitest';
import enUS from './locale/statement.en-US.json' with { type: 'json' };
import zhCN from './locale/statement.zh-CN.json' with { type: 'json' };
import { allocatePool, computePoolRun, proRatedPoolSize, shareBoundsByDays } from './pool.ts';
import type { PoolTenure } from './settings.ts';
import {
  daysPresent,
  EXCLUDED_NOT_PRESENT,
  EXCLUDED_NOT_PRESENT_ON_END,
  EXCLUDED_UNDER_MIN_DAYS,
  poolPresence,
  quarterSpan,
} from './tenure.ts';
import { makeCycle, makePeerReview, makePerson, makeSettings, makeSnapshot } from './test-factories.ts';
import type { Person } from './types.ts';

const Q3 = '2026-Q3'; // 1 July – 30 September: 92 days

/** Three reps who review each other alike, so their contribution values are equal (40 each). */
function tenureScenario(people: Partial<Person>[]) {
  const ids = people.map((p) => p.id!);
  return makeSnapshot({
    cycle: makeCycle({ id: 'cycle-2026-h2', name: '2026 H2', start: '2026-07-01', end: '2026-12-31' }),
    people: people.map((p) => makePerson({ regionId: 'region-east', ...p })),
    peerReviews: ids.flatMap((reviewee) =>
      ids
        .filter((reviewer) => reviewer !== reviewee)
        .map((reviewer) =>
          makePeerReview({
            id: `r-${reviewer}-${reviewee}`,
            quarter: Q3,
            reviewerId: reviewer,
            revieweeId: reviewee,
          }),
        ),
    ),
  });
}

const three = [
  { id: 'full' },
  { id: 'joiner', joinedOn: '2026-08-01' }, // 61 days
  { id: 'leaver', leftOn: '2026-08-15' }, // 46 days
];
const settingsWith = (tenure: PoolTenure) =>
  makeSettings({ peerReview: { minReviewers: 1 }, pool: { minContribution: 0, tenure } });
const cents = (run: ReturnType<typeof computePoolRun>) =>
  Object.fromEntries(run.allocations.map((a) => [a.personId, a.cents]));
const sum = (run: ReturnType<typeof computePoolRun>) => run.allocations.reduce((s, a) => s + a.cents, 0);

describe('days present', () => {
  it('counts the quarter from joinedOn to leftOn, both days included', () => {
    expect(quarterSpan(Q3)).toEqual({ start: '2026-07-01', end: '2026-09-30', days: 92 });
    expect(daysPresent({ joinedOn: null, leftOn: null }, Q3)).toBe(92);
    expect(daysPresent({}, Q3)).toBe(92);
    expect(daysPresent({ joinedOn: '2026-08-01' }, Q3)).toBe(61);
    expect(daysPresent({ leftOn: '2026-08-15' }, Q3)).toBe(46);
    expect(daysPresent({ joinedOn: '2026-09-30' }, Q3)).toBe(1);
    expect(daysPresent({ leftOn: '2026-06-30' }, Q3)).toBe(0);
    expect(daysPresent({ joinedOn: '2026-10-01' }, Q3)).toBe(0);
    expect(daysPresent({ joinedOn: '2026-02-28', leftOn: '2026-03-01' }, '2026-Q1')).toBe(2);
  });

  it('applies each tenure mode', () => {
    const proRata = { mode: 'pro-rata-days', minDays: 30 } as const;
    const onEnd = { mode: 'full-if-present-on-end', minDays: 30 } as const;
    const underDays = { mode: 'exclude-if-under-days', minDays: 50 } as const;
    const joiner = { joinedOn: '2026-08-01' };
    const leaver = { leftOn: '2026-08-15' };
    expect(poolPresence(joiner, Q3, proRata)).toMatchObject({
      days: 61,
      countedDays: 61,
      excludedReason: null,
    });
    expect(poolPresence(joiner, Q3, onEnd)).toMatchObject({ countedDays: 92, excludedReason: null });
    expect(poolPresence(leaver, Q3, onEnd)).toMatchObject({
      countedDays: 0,
      excludedReason: EXCLUDED_NOT_PRESENT_ON_END,
    });
    expect(poolPresence({ leftOn: '2026-09-30' }, Q3, onEnd).countedDays).toBe(92);
    expect(poolPresence(joiner, Q3, underDays)).toMatchObject({ countedDays: 92, excludedReason: null });
    expect(poolPresence(leaver, Q3, underDays)).toMatchObject({
      countedDays: 0,
      excludedReason: EXCLUDED_UNDER_MIN_DAYS,
    });
    for (const rule of [proRata, onEnd, underDays])
      expect(poolPresence({ leftOn: '2026-06-30' }, Q3, rule).excludedReason).toBe(EXCLUDED_NOT_PRESENT);
  });
});

describe('pro-rated pool', () => {
  it('pools base × days / quarter days, rounded down once', () => {
    const base = 3_000_000;
    const people = [92, 61, 46].map((countedDays) => ({ baseBonusCents: base, countedDays }));
    // 15 % × 3 000 000 × 199 / 92 = 973 369.56…
    expect(proRatedPoolSize(people, 92, 15)).toBe(973_369);
    expect(() => proRatedPoolSize([{ baseBonusCents: base, countedDays: 93 }], 92, 15)).toThrow(
      /counted days must be a whole number from 1 to 92/,
    );
  });

  it('pro-rates floor and cap with the days, and equal days give the per-head bounds', () => {
    const bounds = shareBoundsByDays(973_369, [92, 61, 46], 50, 200);
    expect(bounds[1]).toEqual({ floorCents: 149_185, capCents: 596_738 }); // ⌈973 369 × 61 / 398⌉, ⌊… × 61 × 2 / 199⌋
    expect(shareBoundsByDays(1_000, [7, 7, 7], 50, 200)).toEqual(
      Array(3).fill({ floorCents: 167, capCents: 666 }),
    );
  });

  it('refuses days for some people only', () => {
    expect(() =>
      allocatePool(
        100,
        [
          { personId: 'a', weight: 1, days: 3 },
          { personId: 'b', weight: 1 },
        ],
        50,
        200,
      ),
    ).toThrow(/days were given for some people only/);
  });
});

describe('computePoolRun with tenure', () => {
  it('pro-rata-days: a joiner and a leaver share by days present, to the cent', () => {
    const run = computePoolRun(
      tenureScenario(three),
      settingsWith({ mode: 'pro-rata-days', minDays: 30 }),
      Q3,
    );
    expect(run.eligible).toEqual(['full', 'joiner', 'leaver']);
    expect(run.poolCents).toBe(973_369);
    // 973 369 × 92/199 = 449 999.74, × 61/199 = 298 369.39, × 46/199 = 224 999.87: two cents to the largest remainders.
    expect(cents(run)).toEqual({ full: 450_000, joiner: 298_369, leaver: 225_000 });
    expect(sum(run)).toBe(run.poolCents);
    const joinerLine = run.statements[1]!.lines.find((l) => l.key === 'statement.tenure.proRata');
    expect(joinerLine?.params).toMatchObject({ days: 61, quarterDays: 92 });
    expect(run.statements[0]!.lines.some((l) => l.key.startsWith('statement.tenure'))).toBe(false);
  });

  it('full-if-present-on-end: the leaver gets nothing, the joiner a full share', () => {
    const run = computePoolRun(
      tenureScenario(three),
      settingsWith({ mode: 'full-if-present-on-end', minDays: 30 }),
      Q3,
    );
    expect(run.excluded).toEqual([{ personId: 'leaver', reason: EXCLUDED_NOT_PRESENT_ON_END }]);
    expect(run.poolCents).toBe(900_000);
    expect(cents(run)).toEqual({ full: 450_000, joiner: 450_000 });
    expect(run.statements[1]!.lines.some((l) => l.key === 'statement.tenure.full')).toBe(true);
  });

  it('exclude-if-under-days: under minDays is out, from minDays a full share', () => {
    const run = computePoolRun(
      tenureScenario(three),
      settingsWith({ mode: 'exclude-if-under-days', minDays: 50 }),
      Q3,
    );
    expect(run.excluded).toEqual([{ personId: 'leaver', reason: EXCLUDED_UNDER_MIN_DAYS }]);
    expect(cents(run)).toEqual({ full: 450_000, joiner: 450_000 });
    const lower = computePoolRun(
      tenureScenario(three),
      settingsWith({ mode: 'exclude-if-under-days', minDays: 46 }),
      Q3,
    );
    expect(cents(lower)).toEqual({ full: 450_000, joiner: 450_000, leaver: 450_000 });
  });

  it('leaves out someone gone before the quarter in every mode, and a document without the rule is pro-rata', () => {
    const people = [...three, { id: 'gone', leftOn: '2026-06-30' }];
    const settings = makeSettings({ peerReview: { minReviewers: 1 }, pool: { minContribution: 0 } });
    delete settings.pool.tenure;
    const run = computePoolRun(tenureScenario(people), settings, Q3);
    expect(run.excluded).toEqual([{ personId: 'gone', reason: EXCLUDED_NOT_PRESENT }]);
    expect(cents(run)).toEqual({ full: 450_000, joiner: 298_369, leaver: 225_000 });
  });

  it('reads "在岗 61/92 天，按比例 66.3%" and "present 61 of 92 days, pro-rated 66.3%"', () => {
    const run = computePoolRun(
      tenureScenario(three),
      settingsWith({ mode: 'pro-rata-days', minDays: 30 }),
      Q3,
    );
    const line = run.statements[1]!.lines.find((l) => l.key === 'statement.tenure.proRata')!;
    const i18n = createInstance();
    void i18n.init({
      resources: { 'zh-CN': { statement: zhCN }, 'en-US': { statement: enUS } },
      ns: ['statement'],
      defaultNS: 'statement',
      lng: 'zh-CN',
      interpolation: { escapeValue: false },
      initAsync: false,
    });
    expect(i18n.getFixedT('zh-CN')(line.key, line.params)).toContain('在岗 61/92 天，按比例 66.3%');
    expect(i18n.getFixedT('en-US')(line.key, line.params)).toContain(
      'Present 61 of 92 days, pro-rated 66.3%',
    );
  });
});
