import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocatePool, poolSize, proRatedPoolSize, shareBounds, shareBoundsByDays } from './pool.ts';

const RUNS = { numRuns: 200 };

const weight = fc.oneof(
  fc.constant(0),
  fc.integer({ min: 0, max: 200 }),
  fc.double({ min: 0, max: 1_000, noNaN: true, noDefaultInfinity: true }),
  fc.double({ min: 1e200, max: 1e308, noNaN: true, noDefaultInfinity: true }),
);

const people = fc.uniqueArray(fc.record({ personId: fc.string({ minLength: 1, maxLength: 4 }), weight }), {
  minLength: 1,
  maxLength: 25,
  selector: (p) => p.personId,
});

const run = fc.record({
  pool: fc.oneof(fc.integer({ min: 0, max: 1_000 }), fc.integer({ min: 0, max: 10_000_000_000 })),
  people,
  floor: fc.integer({ min: 0, max: 100 }),
  cap: fc.integer({ min: 100, max: 1_000 }),
});

describe('allocatePool properties', () => {
  it('adds up to the pool exactly and keeps every share within floor and cap', () => {
    fc.assert(
      fc.property(run, ({ pool, people, floor, cap }) => {
        const result = allocatePool(pool, people, floor, cap);
        const { floorCents, capCents } = shareBounds(pool, people.length, floor, cap);
        expect(result.reduce((sum, a) => sum + a.cents, 0)).toBe(pool);
        for (const a of result) {
          expect(Number.isSafeInteger(a.cents)).toBe(true);
          expect(a.cents).toBeGreaterThanOrEqual(floorCents);
          expect(a.cents).toBeLessThanOrEqual(capCents);
        }
      }),
      RUNS,
    );
  });

  it('has bounds that hold exactly in cents unless within a cent of the equal share', () => {
    fc.assert(
      fc.property(run, ({ pool, people, floor, cap }) => {
        const n = BigInt(people.length);
        const { floorCents, capCents } = shareBounds(pool, people.length, floor, cap);
        const exactFloorHolds = BigInt(floorCents) * 100n * n >= BigInt(pool) * BigInt(floor);
        const exactCapHolds = BigInt(capCents) * 100n * n <= BigInt(pool) * BigInt(cap);
        expect(exactFloorHolds || floorCents === Math.floor(pool / people.length)).toBe(true);
        expect(exactCapHolds || capCents === Math.ceil(pool / people.length)).toBe(true);
        expect(floorCents * people.length).toBeLessThanOrEqual(pool);
        expect(capCents * people.length).toBeGreaterThanOrEqual(pool);
      }),
      RUNS,
    );
  });

  it('does not depend on the order of the input', () => {
    fc.assert(
      fc.property(
        run.chain((r) =>
          fc.tuple(fc.constant(r), fc.shuffledSubarray(r.people, { minLength: r.people.length })),
        ),
        ([{ pool, people, floor, cap }, shuffled]) => {
          expect(allocatePool(pool, shuffled, floor, cap)).toEqual(allocatePool(pool, people, floor, cap));
        },
      ),
      RUNS,
    );
  });

  it('never gives a higher weight fewer cents, except one cent by personId between tied shares', () => {
    fc.assert(
      fc.property(run, ({ pool, people, floor, cap }) => {
        const result = allocatePool(pool, people, floor, cap);
        const weightOf = new Map(people.map((p) => [p.personId, p.weight]));
        for (const hi of result) {
          for (const lo of result) {
            if (weightOf.get(hi.personId)! <= weightOf.get(lo.personId)!) continue;
            if (hi.cents >= lo.cents) continue;
            expect(lo.cents - hi.cents).toBe(1);
            expect(lo.personId < hi.personId).toBe(true);
          }
        }
      }),
      RUNS,
    );
  });

  it('stays within a cent of the proportional share when neither floor nor cap can bind', () => {
    fc.assert(
      fc.property(run, ({ pool, people }) => {
        // cap 1000 % of pool / n is at least the whole pool for n <= 10
        const result = allocatePool(pool, people.slice(0, 10), 0, 1_000);
        for (const a of result) {
          expect(Math.abs(a.cents - a.idealCents)).toBeLessThan(1);
          expect(a.floorApplied || a.capApplied).toBe(false);
        }
      }),
      RUNS,
    );
  });

  it('splits equally, within a cent, when all weights are 0', () => {
    fc.assert(
      fc.property(run, ({ pool, people, floor, cap }) => {
        const result = allocatePool(
          pool,
          people.map((p) => ({ ...p, weight: 0 })),
          floor,
          cap,
        );
        const cents = result.map((a) => a.cents);
        expect(Math.max(...cents) - Math.min(...cents)).toBeLessThanOrEqual(1);
      }),
      RUNS,
    );
  });
});

describe('poolSize properties', () => {
  it('equals ⌊Σ bonuses × rate / 100⌋ computed in BigInt', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 100_000_000_000 }), { maxLength: 30 }),
        fc.integer({ min: 0, max: 100 }),
        (bonuses, rate) => {
          const exact = (bonuses.reduce((s, b) => s + BigInt(b), 0n) * BigInt(rate)) / 100n;
          const size = poolSize(bonuses, rate);
          expect(BigInt(size)).toBe(exact);
          expect(size * 100).toBeLessThanOrEqual(bonuses.reduce((s, b) => s + b, 0) * rate + 1e-6);
        },
      ),
      RUNS,
    );
  });
});

describe('pool properties with random tenures', () => {
  const QUARTER_DAYS = 92;
  const tenured = fc.uniqueArray(
    fc.record({
      personId: fc.string({ minLength: 1, maxLength: 4 }),
      weight,
      days: fc.integer({ min: 1, max: QUARTER_DAYS }),
      baseBonusCents: fc.integer({ min: 0, max: 10_000_000 }),
    }),
    { minLength: 1, maxLength: 25, selector: (p) => p.personId },
  );
  const tenuredRun = fc.record({
    people: tenured,
    rate: fc.integer({ min: 0, max: 100 }),
    floor: fc.integer({ min: 0, max: 100 }),
    cap: fc.integer({ min: 100, max: 1_000 }),
  });

  it('pools ⌊Σ base × days × rate / (100 × quarter days)⌋, and adds up to it within pro-rated floor and cap', () => {
    fc.assert(
      fc.property(tenuredRun, ({ people, rate, floor, cap }) => {
        const counted = people.map((p) => ({ baseBonusCents: p.baseBonusCents, countedDays: p.days }));
        const pool = proRatedPoolSize(counted, QUARTER_DAYS, rate);
        const exact =
          (people.reduce((s, p) => s + BigInt(p.baseBonusCents) * BigInt(p.days), 0n) * BigInt(rate)) /
          (100n * BigInt(QUARTER_DAYS));
        expect(BigInt(pool)).toBe(exact);
        const result = allocatePool(pool, people, floor, cap);
        expect(result.reduce((sum, a) => sum + a.cents, 0)).toBe(pool);
        const sorted = [...people].sort((a, b) =>
          a.personId < b.personId ? -1 : a.personId > b.personId ? 1 : 0,
        );
        const bounds = shareBoundsByDays(
          pool,
          sorted.map((p) => p.days),
          floor,
          cap,
        );
        for (const [i, a] of result.entries()) {
          expect(Number.isSafeInteger(a.cents)).toBe(true);
          expect(a.cents).toBeGreaterThanOrEqual(bounds[i]!.floorCents);
          expect(a.cents).toBeLessThanOrEqual(bounds[i]!.capCents);
        }
      }),
      RUNS,
    );
  });

  it('with equal days is the plain per-head split', () => {
    fc.assert(
      fc.property(run, fc.integer({ min: 1, max: QUARTER_DAYS }), ({ pool, people, floor, cap }, days) => {
        const withDays = people.map((p) => ({ ...p, days }));
        const cents = (r: { personId: string; cents: number }[]) => r.map((a) => [a.personId, a.cents]);
        expect(cents(allocatePool(pool, withDays, floor, cap))).toEqual(
          cents(allocatePool(pool, people, floor, cap)),
        );
      }),
      RUNS,
    );
  });

  it('splits by days, within a cent of pool × days / Σ days, when all weights are 0 and the floor is 0', () => {
    fc.assert(
      fc.property(tenuredRun, fc.integer({ min: 0, max: 10_000_000 }), ({ people }, pool) => {
        const result = allocatePool(
          pool,
          people.map((p) => ({ ...p, weight: 0 })),
          0,
          1_000,
        );
        const allDays = people.reduce((s, p) => s + p.days, 0);
        const daysOf = new Map(people.map((p) => [p.personId, p.days]));
        for (const a of result)
          expect(Math.abs(a.cents - (pool * daysOf.get(a.personId)!) / allDays)).toBeLessThan(1 + 1e-6);
      }),
      RUNS,
    );
  });
});
