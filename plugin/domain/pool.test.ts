import { createInstance } from 'i18next';
import { describe, expect, it } from 'vitest';
import enUS from './locale/statement.en-US.json' with { type: 'json' };
import zhCN from './locale/statement.zh-CN.json' with { type: 'json' };
import {
  type Allocation,
  allocatePool,
  computePoolRun,
  EXCLUDED_BELOW_MIN_CONTRIBUTION,
  type PoolRunResult,
  poolSize,
  STATEMENT_KEYS,
  shareBounds,
} from './pool.ts';
import {
  makeCheckIn,
  makeKeyResult,
  makeLink,
  makeObjective,
  makePeerReview,
  makePerson,
  makeRegion,
  makeSettings,
  makeSnapshot,
} from './test-factories.ts';
import type { PeerReview, Snapshot } from './types.ts';

const centsOf = (allocations: Allocation[]) =>
  Object.fromEntries(allocations.map((a) => [a.personId, a.cents]));
const total = (allocations: Allocation[]) => allocations.reduce((sum, a) => sum + a.cents, 0);

describe('poolSize', () => {
  it.each([
    { bonuses: [3_000_000, 3_000_000], rate: 15, expected: 900_000 },
    { bonuses: [333], rate: 15, expected: 49 }, // 49.95 rounds down
    { bonuses: [199, 1], rate: 1, expected: 2 },
    { bonuses: [], rate: 15, expected: 0 },
    { bonuses: [1_000], rate: 0, expected: 0 },
    { bonuses: [Number.MAX_SAFE_INTEGER], rate: 100, expected: Number.MAX_SAFE_INTEGER },
    { bonuses: [Number.MAX_SAFE_INTEGER, 7], rate: 50, expected: 4_503_599_627_370_499 },
  ])('$bonuses × $rate % = $expected cents', ({ bonuses, rate, expected }) => {
    expect(poolSize(bonuses, rate)).toBe(expected);
  });

  it.each([
    { bonuses: [-1], rate: 15 },
    { bonuses: [10.5], rate: 15 },
    { bonuses: [Number.NaN], rate: 15 },
    { bonuses: [100], rate: 1.5 },
    { bonuses: [100], rate: -1 },
    { bonuses: [Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER], rate: 100 },
  ])('rejects $bonuses at $rate %', ({ bonuses, rate }) => {
    expect(() => poolSize(bonuses, rate)).toThrow(/^pool: /);
  });
});

describe('shareBounds', () => {
  it('rounds the floor up and the cap down to whole cents', () => {
    // equal share 3333.33…: floor 50 % = 1666.67 → 1667, cap 200 % = 6666.67 → 6666
    expect(shareBounds(10_000, 3, 50, 200)).toEqual({ floorCents: 1667, capCents: 6666 });
  });

  it('relaxes a bound to the rounded equal share only when it cannot hold in cents', () => {
    // floor 100 % of 3.33… would need 4 cents each (12 > 10): lowered to 3; cap 100 % raised to 4
    expect(shareBounds(10, 3, 100, 100)).toEqual({ floorCents: 3, capCents: 4 });
    expect(shareBounds(10, 3, 99, 101)).toEqual({ floorCents: 3, capCents: 4 });
  });
});

describe('allocatePool', () => {
  it('gives the capped excess to the others in proportion to weight', () => {
    const result = allocatePool(
      10_000,
      [
        { personId: 'a', weight: 100 },
        { personId: 'b', weight: 1 },
        { personId: 'c', weight: 1 },
      ],
      0,
      200,
    );
    expect(centsOf(result)).toEqual({ a: 6666, b: 1667, c: 1667 });
    expect(result.map((r) => [r.capApplied, r.floorApplied])).toEqual([
      [true, false],
      [false, false],
      [false, false],
    ]);
    expect(result[0]!.idealCents).toBeCloseTo((10_000 * 100) / 102, 6);
  });

  it('raises a small share to the floor and takes it from the others in proportion', () => {
    const result = allocatePool(
      10_000,
      [
        { personId: 'a', weight: 1 },
        { personId: 'b', weight: 50 },
        { personId: 'c', weight: 49 },
      ],
      50,
      1000,
    );
    // floor = ⌈1666.67⌉ = 1667; b, c share 8333 as 50:49 = 4208.59 / 4124.41 → b gets the spare cent
    expect(centsOf(result)).toEqual({ a: 1667, b: 4209, c: 4124 });
    expect(result[0]!.floorApplied).toBe(true);
    expect(total(result)).toBe(10_000);
  });

  it('binds floor and cap in the same run', () => {
    const result = allocatePool(
      1_800_000,
      [
        { personId: 'p1', weight: 122 },
        { personId: 'p2', weight: 49.5 },
        { personId: 'p3', weight: 30 },
        { personId: 'p4', weight: 25 },
      ],
      50,
      200,
    );
    expect(centsOf(result)).toEqual({ p1: 900_000, p2: 420_283, p3: 254_717, p4: 225_000 });
    expect(result.map((r) => `${r.floorApplied}/${r.capApplied}`)).toEqual([
      'false/true',
      'false/false',
      'false/false',
      'true/false',
    ]);
  });

  it.each([
    { pool: 100, weights: { c: 1, a: 1, b: 1 }, expected: { a: 34, b: 33, c: 33 } },
    { pool: 200, weights: { c: 1, b: 1, a: 1 }, expected: { a: 67, b: 67, c: 66 } },
    { pool: 10, weights: { c: 10, b: 7, a: 3 }, expected: { a: 2, b: 3, c: 5 } }, // 1.5 / 3.5 / 5: tie → a
    { pool: 7, weights: { a: 1, b: 2 }, expected: { a: 2, b: 5 } }, // 2.33 / 4.67: larger remainder → b
    { pool: 100, weights: { z: 0, y: 0, x: 0 }, expected: { x: 34, y: 33, z: 33 } }, // all zero: equal split
  ])('largest remainder: $pool cents over $weights', ({ pool, weights, expected }) => {
    const list = Object.entries(weights).map(([personId, weight]) => ({ personId, weight }));
    expect(centsOf(allocatePool(pool, list, 0, 1000))).toEqual(expected);
  });

  it('returns the result sorted by personId whatever the input order', () => {
    const result = allocatePool(
      100,
      [
        { personId: 'b', weight: 2 },
        { personId: 'a', weight: 1 },
      ],
      0,
      1000,
    );
    expect(result.map((r) => r.personId)).toEqual(['a', 'b']);
  });

  it('gives zero weights the floor, and what is left once everyone else is capped', () => {
    expect(
      centsOf(
        allocatePool(
          1000,
          [
            { personId: 'a', weight: 3 },
            { personId: 'b', weight: 0 },
            { personId: 'c', weight: 1 },
          ],
          50,
          200,
        ),
      ),
    ).toEqual({ a: 625, b: 167, c: 208 });
    // cap 100 %: a is held at 500, so b, with weight 0, takes the other 500
    expect(
      centsOf(
        allocatePool(
          1000,
          [
            { personId: 'a', weight: 1 },
            { personId: 'b', weight: 0 },
          ],
          0,
          100,
        ),
      ),
    ).toEqual({ a: 500, b: 500 });
  });

  it('keeps a pool of 0 and a single person exact', () => {
    expect(centsOf(allocatePool(0, [{ personId: 'a', weight: 5 }], 50, 200))).toEqual({ a: 0 });
    expect(centsOf(allocatePool(12_345, [{ personId: 'a', weight: 5 }], 50, 200))).toEqual({ a: 12_345 });
  });

  it('returns [] for nobody', () => {
    expect(allocatePool(1000, [], 50, 200)).toEqual([]);
  });

  it.each([
    { pool: 100, weight: -1, floor: 50, cap: 200, error: /weight of a must be a finite number >= 0/ },
    { pool: 100, weight: Number.NaN, floor: 50, cap: 200, error: /weight of a/ },
    { pool: 100, weight: Number.POSITIVE_INFINITY, floor: 50, cap: 200, error: /weight of a/ },
    { pool: 100.5, weight: 1, floor: 50, cap: 200, error: /poolCents must be a non-negative integer/ },
    { pool: -100, weight: 1, floor: 50, cap: 200, error: /poolCents/ },
    { pool: 100, weight: 1, floor: 101, cap: 200, error: /floorPercent must be <= 100/ },
    { pool: 100, weight: 1, floor: 50, cap: 99, error: /capPercent must be >= 100/ },
  ])('rejects pool $pool, weight $weight, floor $floor, cap $cap', ({ pool, weight, floor, cap, error }) => {
    expect(() => allocatePool(pool, [{ personId: 'a', weight }], floor, cap)).toThrow(error);
  });

  it('rejects a person listed twice', () => {
    expect(() =>
      allocatePool(
        100,
        [
          { personId: 'a', weight: 1 },
          { personId: 'a', weight: 2 },
        ],
        50,
        200,
      ),
    ).toThrow(/person a appears twice/);
  });
});

/**
 * Four eligible sales people whose run binds the cap (p1), the floor (p4) and redistributes (p2, p3);
 * p5 falls below the minimum contribution; m1 is a manager and never in the pool.
 */
function poolScenario(): Snapshot {
  const review = (reviewerId: string, revieweeId: string, score: number): PeerReview =>
    makePeerReview({
      id: `review-${reviewerId}-${revieweeId}`,
      reviewerId,
      revieweeId,
      scores: { collaboration: score, crossRegionHelp: score, knowledgeSharing: score },
    });
  const linkedKr = (id: string, ownerId: string, objectiveId: string) =>
    makeKeyResult({ id, ownerId, title: `KR ${id}`, target: 10, links: [makeLink({ objectiveId })] });
  return makeSnapshot({
    regions: [makeRegion({ id: 'east' }), makeRegion({ id: 'south', name: '华南' })],
    people: [
      makePerson({ id: 'p1', regionId: 'east' }),
      makePerson({ id: 'p2', regionId: 'east' }),
      makePerson({ id: 'p3', regionId: 'south' }),
      makePerson({ id: 'p4', regionId: 'east' }),
      makePerson({ id: 'p5', regionId: 'south' }),
      makePerson({ id: 'm1', role: 'manager', regionId: 'east', baseBonusCents: 9_000_000 }),
    ],
    objectives: [makeObjective({ id: 'o1', weight: 2 }), makeObjective({ id: 'o2', weight: 1 })],
    keyResults: [
      linkedKr('kr-p1', 'p1', 'o1'),
      linkedKr('kr-p2', 'p2', 'o2'),
      makeKeyResult({ id: 'kr-p2-unlinked', ownerId: 'p2', title: 'KR unlinked', target: 10 }),
      linkedKr('kr-p3', 'p3', 'o1'),
    ],
    checkIns: [
      makeCheckIn({ krId: 'kr-p1', month: '2026-03', value: 15 }), // 150 % → capped at 120 %
      makeCheckIn({ krId: 'kr-p2', month: '2026-02', value: 2 }),
      makeCheckIn({ krId: 'kr-p2-unlinked', month: '2026-02', value: 10 }),
      makeCheckIn({ krId: 'kr-p3', month: '2026-03', value: 3 }),
    ],
    peerReviews: [
      ...['p2', 'p3', 'p4', 'p5', 'm1'].map((r) => review(r, 'p1', 5)),
      ...['p1', 'p3', 'p4'].map((r) => review(r, 'p2', 4)),
      ...['p1', 'p2', 'p5'].map((r) => review(r, 'p4', 3)),
    ],
  });
}

describe('computePoolRun', () => {
  // One other-region reviewer is enough here, so the scenario shows the cross-region bonus.
  const settings = makeSettings({ peerReview: { minReviewers: 1 } });
  const run = computePoolRun(poolScenario(), settings, '2026-Q1');

  it('pools 15 % of the eligible sales people’s base bonuses', () => {
    expect(run.eligible).toEqual(['p1', 'p2', 'p3', 'p4']);
    expect(run.excluded).toEqual([{ personId: 'p5', reason: EXCLUDED_BELOW_MIN_CONTRIBUTION }]);
    expect(run.poolCents).toBe(1_800_000);
    expect(total(run.allocations)).toBe(run.poolCents);
  });

  it('splits by contribution value with floor and cap', () => {
    const values = Object.fromEntries(run.statements.map((s) => [s.personId, s.contribution.value]));
    expect(values.p1).toBeCloseTo(122, 9); // 40 % × 100 + 60 % × 120 + 10 % × 100
    expect(values.p2).toBeCloseTo(49.5, 9); // 40 % × 75 + 60 % × 20 + 10 % × 75
    expect(values.p3).toBeCloseTo(30, 9); // no peer score: system only
    expect(values.p4).toBeCloseTo(25, 9); // 40 % × 50 + 0 + 10 % × 50
    expect(centsOf(run.allocations)).toEqual({ p1: 900_000, p2: 420_283, p3: 254_717, p4: 225_000 });
  });

  it('explains each number in the statement lines', () => {
    const keysOf = (personId: string) =>
      run.statements.find((s) => s.personId === personId)!.lines.map((l) => l.key);
    expect(keysOf('p1')).toEqual([
      'statement.peer.score',
      'statement.peer.trimmed',
      'statement.system.kr',
      'statement.system.score',
      'statement.value.weighted',
      'statement.crossRegion.bonus',
      'statement.value.total',
      'statement.pool.size',
      'statement.pool.baseBonus',
      'statement.pool.ideal',
      'statement.pool.cap',
      'statement.pool.final',
    ]);
    expect(keysOf('p3')).toContain('statement.peer.notCounted');
    expect(keysOf('p3')).toContain('statement.value.systemOnly');
    expect(keysOf('p4')).toContain('statement.pool.floor');
    const p2 = run.statements.find((s) => s.personId === 'p2')!;
    expect(p2.lines.find((l) => l.key === 'statement.system.krUnlinked')?.params.krTitle).toBe('KR unlinked');
    expect(p2.lines.find((l) => l.key === 'statement.peer.untrimmed')?.params).toEqual({
      count: 3,
      trimMinReviewers: 5,
    });
    expect(p2.lines.at(-1)).toEqual({
      key: 'statement.pool.final',
      params: { finalYuan: 4202.83, finalCents: 420_283 },
    });
    expect(p2.weights).toEqual({ peer: 40, system: 60, crossRegionBonusPercent: 10 });
  });

  it('reads every threshold from settings', () => {
    const stricter = computePoolRun(
      poolScenario(),
      makeSettings({ pool: { minContribution: 26, ratePercent: 10 } }),
      '2026-Q1',
    );
    expect(stricter.eligible).toEqual(['p1', 'p2', 'p3']);
    expect(stricter.poolCents).toBe(900_000);
    expect(total(stricter.allocations)).toBe(900_000);
  });

  it('returns an empty run when nobody is eligible', () => {
    const empty = computePoolRun(makeSnapshot(), settings, '2026-Q1');
    expect(empty).toMatchObject({ poolCents: 0, eligible: [], allocations: [], statements: [] });
  });
});

describe('statement locales', () => {
  const locales = { 'zh-CN': zhCN, 'en-US': enUS } as const;

  function flatten(node: unknown, prefix = ''): Record<string, string> {
    if (typeof node === 'string') return { [prefix]: node };
    return Object.assign(
      {},
      ...Object.entries(node as Record<string, unknown>).map(([k, v]) =>
        flatten(v, prefix ? `${prefix}.${k}` : k),
      ),
    );
  }

  it.each(Object.keys(locales))('%s has exactly the keys computePoolRun can emit', (locale) => {
    const texts = flatten(locales[locale as keyof typeof locales]);
    expect(Object.keys(texts).sort()).toEqual([...STATEMENT_KEYS].sort());
  });

  it('the example run emits every key, each with the parameters its texts use', () => {
    const run: PoolRunResult = computePoolRun(
      poolScenario(),
      makeSettings({ peerReview: { minReviewers: 1 } }),
      '2026-Q1',
    );
    // Joiners and leavers under each tenure rule bring the tenure lines and exclusion reasons.
    const tenureRuns = (['pro-rata-days', 'full-if-present-on-end', 'exclude-if-under-days'] as const).map(
      (mode) => {
        const scenario = poolScenario();
        scenario.people.push(
          makePerson({ id: 'p6', joinedOn: '2026-02-01', leftOn: '2026-03-20' }),
          makePerson({ id: 'p7', leftOn: '2025-12-31' }),
          makePerson({ id: 'p8', joinedOn: '2026-01-20' }),
        );
        for (const reviewee of ['p6', 'p8'])
          scenario.peerReviews.push(
            makePeerReview({ id: `review-p1-${reviewee}`, reviewerId: 'p1', revieweeId: reviewee }),
          );
        const tenure = { mode, minDays: 60 };
        return computePoolRun(
          scenario,
          makeSettings({ peerReview: { minReviewers: 1 }, pool: { tenure } }),
          '2026-Q1',
        );
      },
    );
    const runs = [run, ...tenureRuns];
    const emitted = new Set(
      runs.flatMap((r) => [
        ...r.statements.flatMap((s) => s.lines.map((l) => l.key)),
        ...r.excluded.map((e) => e.reason),
      ]),
    );
    expect([...emitted].sort()).toEqual([...STATEMENT_KEYS].sort());

    const i18n = createInstance();
    void i18n.init({
      resources: { 'zh-CN': { statement: zhCN }, 'en-US': { statement: enUS } },
      ns: ['statement'],
      defaultNS: 'statement',
      lng: 'zh-CN',
      interpolation: { escapeValue: false },
      initAsync: false,
    });
    for (const locale of Object.keys(locales)) {
      const texts = flatten(locales[locale as keyof typeof locales]);
      const t = i18n.getFixedT(locale);
      for (const line of runs.flatMap((r) => r.statements.flatMap((s) => s.lines))) {
        const used = [...texts[line.key]!.matchAll(/\{\{\s*(\w+)/g)].map((m) => m[1]);
        for (const name of used)
          expect(line.params, `${locale} ${line.key} uses ${name}`).toHaveProperty(name!);
        const text = t(line.key, line.params);
        expect(text).not.toContain('{{');
        expect(text).not.toBe(line.key);
      }
    }
    const p1Final = run.statements[0]!.lines.at(-1)!;
    expect(i18n.getFixedT('zh-CN')(p1Final.key, p1Final.params)).toContain('¥9,000.00');
  });
});
