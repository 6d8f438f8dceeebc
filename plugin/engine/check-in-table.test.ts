import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { indexSnapshot } from '../domain/snapshot-index.ts';
import { makeCheckIn, makeKeyResult, makeSnapshot } from '../domain/test-factories.ts';
import { CheckInTable } from './check-in-table.ts';
import { groupCheckIns } from './org-eval.ts';

const MONTHS = ['2026-01', '2026-02', '2026-03', '2026-04'];

// KR ids may repeat and check-ins may name a KR that is not there, in any order.
const caseArb = fc.record({
  krIds: fc.array(fc.constantFrom('k0', 'k1', 'k2', 'k3'), { maxLength: 6 }),
  checkIns: fc.array(
    fc.record({
      krId: fc.constantFrom('k0', 'k1', 'k2', 'k3', 'k-orphan'),
      month: fc.constantFrom(...MONTHS),
      day: fc.integer({ min: 1, max: 28 }),
    }),
    { maxLength: 20 },
  ),
});

describe('CheckInTable', () => {
  it('hands out the groups groupCheckIns makes, per KR position and per id', () => {
    fc.assert(
      fc.property(caseArb, ({ krIds, checkIns: specs }) => {
        const keyResults = krIds.map((id, i) => makeKeyResult({ id, title: `KR ${i}` }));
        const checkIns = specs.map((spec, i) =>
          makeCheckIn({
            id: `c${i}`,
            krId: spec.krId,
            month: spec.month,
            submittedAt: `2026-05-${String(spec.day).padStart(2, '0')}T09:00:00Z`,
          }),
        );
        const table = new CheckInTable(checkIns, keyResults);
        const groups = groupCheckIns(checkIns);
        const index = indexSnapshot(makeSnapshot({ keyResults, checkIns }));
        keyResults.forEach((kr, position) => {
          expect(table.groupAt(position)).toEqual(groups.get(kr.id));
          expect(table.checkInsOf(kr.id)).toEqual(groups.get(kr.id)?.checkIns);
          expect(table.checkInsOf(kr.id) ?? []).toEqual(index.checkInsByKr.get(kr.id) ?? []);
          expect(table.krById(kr.id)).toBe(index.krById.get(kr.id));
        });
        expect(table.checkInsOf('k-orphan')).toBeUndefined();
        expect(new Map(table.krs())).toEqual(index.krById);
      }),
      { numRuns: 300 },
    );
  });
});
