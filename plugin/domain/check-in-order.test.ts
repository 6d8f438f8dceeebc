import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isNewerCheckIn, newestCheckIn } from './check-in-order.ts';
import { systemScore } from './contribution.ts';
import { latestCheckInUpTo } from './metrics.ts';
import { krColours } from './pace.ts';
import { indexSnapshot } from './snapshot-index.ts';
import {
  makeCheckIn,
  makeCycle,
  makeKeyResult,
  makeLink,
  makeObjective,
  makeSettings,
  makeSnapshot,
} from './test-factories.ts';
import type { CheckIn } from './types.ts';

const MONTHS = ['2026-01', '2026-02', '2026-03'];
// Equal instants written differently, so ties on the submission time are common.
const INSTANTS = [
  '2026-03-03T09:00:00Z',
  '2026-03-03T09:00:00.000Z',
  '2026-03-03T17:00:00+08:00',
  '2026-04-01T00:00:00Z',
];
const settings = makeSettings();
const kr = makeKeyResult({
  id: 'k1',
  ownerId: 'p1',
  target: 100,
  links: [makeLink({ linkedAt: '2026-01-05T00:00:00Z' })],
});

const checkInsArb: fc.Arbitrary<CheckIn[]> = fc
  .uniqueArray(
    fc.record({
      id: fc.constantFrom('c1', 'c2', 'c3', 'c4', 'c5', 'c6'),
      month: fc.constantFrom(...MONTHS),
      value: fc.integer({ min: 0, max: 120 }),
      submittedAt: fc.constantFrom(...INSTANTS),
    }),
    { selector: (c) => c.id, maxLength: 6 },
  )
  .map((list) => list.map((c) => makeCheckIn({ ...c, krId: 'k1' })));

const snapshotOf = (checkIns: CheckIn[]) =>
  makeSnapshot({ keyResults: [kr], checkIns, objectives: [makeObjective()] });

describe('which check-in counts', () => {
  it.each([
    [
      'later month beats a later submission',
      { month: '2026-02', submittedAt: '2026-01-01T00:00:00Z', id: 'a' },
      { month: '2026-01', submittedAt: '2026-09-01T00:00:00Z', id: 'b' },
    ],
    [
      'same month: later submission',
      { month: '2026-02', submittedAt: '2026-03-02T00:00:00Z', id: 'a' },
      { month: '2026-02', submittedAt: '2026-03-01T00:00:00Z', id: 'b' },
    ],
    [
      'same instant written differently: larger id',
      { month: '2026-02', submittedAt: '2026-03-01T08:00:00+08:00', id: 'b' },
      { month: '2026-02', submittedAt: '2026-03-01T00:00:00Z', id: 'a' },
    ],
  ])('%s', (_, newer, older) => {
    expect(isNewerCheckIn(newer, older)).toBe(true);
    expect(isNewerCheckIn(older, newer)).toBe(false);
    expect(newestCheckIn([older, newer])).toBe(newer);
    expect(newestCheckIn([newer, older])).toBe(newer);
  });

  it('the system score uses the newest submission of the latest month, not the first in the snapshot', () => {
    const first = makeCheckIn({
      id: 'c-old',
      krId: 'k1',
      month: '2026-03',
      value: 20,
      submittedAt: '2026-03-28T09:00:00Z',
    });
    const second = makeCheckIn({
      id: 'c-new',
      krId: 'k1',
      month: '2026-03',
      value: 80,
      submittedAt: '2026-03-30T09:00:00Z',
    });
    for (const order of [
      [first, second],
      [second, first],
    ]) {
      const snapshot = snapshotOf(order);
      expect(systemScore('p1', snapshot, settings, '2026-Q1').parts[0]?.progress).toBeCloseTo(0.8, 12);
      expect(latestCheckInUpTo('k1', order, '2026-03')?.id).toBe('c-new');
    }
  });

  it('system score, latest check-in and colours do not depend on the order of the check-ins', () => {
    const cycle = makeCycle();
    fc.assert(
      fc.property(
        checkInsArb.chain((list) =>
          fc.tuple(
            fc.constant(list),
            fc.shuffledSubarray(list, { minLength: list.length, maxLength: list.length }),
          ),
        ),
        ([original, shuffled]) => {
          const a = snapshotOf(original);
          const b = snapshotOf(shuffled);
          const score = systemScore('p1', a, settings, '2026-Q1');
          expect(systemScore('p1', b, settings, '2026-Q1')).toEqual(score);
          expect(systemScore('p1', b, settings, '2026-Q1', indexSnapshot(b))).toEqual(score);
          for (const month of MONTHS) {
            const latest = latestCheckInUpTo('k1', original, month);
            expect(latestCheckInUpTo('k1', shuffled, month)).toBe(latest);
            // The system score reads the same check-in as the metrics.
            if (month === '2026-03')
              expect(score.parts[0]?.progress).toBeCloseTo(
                latest ? Math.min(1.2, latest.value / 100) : 0,
                12,
              );
          }
          expect(krColours(kr, shuffled, cycle, settings, '2026-06-30')).toEqual(
            krColours(kr, original, cycle, settings, '2026-06-30'),
          );
        },
      ),
      { numRuns: 300 },
    );
  });
});
