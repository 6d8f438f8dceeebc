import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contributionDetail, crossRegionHelp, systemScore } from './contribution.ts';
import { completionRate, latestCheckInUpTo } from './metrics.ts';
import { indexSnapshot, latestMonthGroup } from './snapshot-index.ts';
import {
  makeCheckIn,
  makeKeyResult,
  makeLink,
  makeObjective,
  makePeerReview,
  makePerson,
  makeSettings,
  makeSnapshot,
  makeTargetRevision,
} from './test-factories.ts';
import type { Snapshot } from './types.ts';

const MONTHS = ['2026-01', '2026-02', '2026-03', '2026-04'];
const QUARTERS = ['2026-Q1', '2026-Q2'];
const PEOPLE = ['p1', 'p2', 'p3', 'p4'];
// Equal instants written differently, so tie-breaks between check-ins are exercised.
const INSTANTS = ['2026-02-03T09:00:00Z', '2026-02-03T09:00:00.000Z', '2026-02-03', '2026-05-01T00:00:00Z'];

const pick = <T>(values: readonly T[]) => fc.constantFrom(...values);

/** Small snapshots full of ties: shared months, equal submission instants, repeated ids, orphans. */
const snapshotArb: fc.Arbitrary<Snapshot> = fc
  .record({
    people: fc.array(
      fc.record({ id: pick(PEOPLE), regionId: pick(['r1', 'r2', null]), sales: fc.boolean() }),
      { maxLength: 5 },
    ),
    krs: fc.array(
      fc.record({
        id: pick(['k1', 'k2', 'k3', 'k4', 'k5']),
        ownerId: pick(PEOPLE),
        personal: fc.boolean(),
        target: fc.integer({ min: 0, max: 100 }),
        linked: fc.boolean(),
        revised: fc.boolean(),
      }),
      { maxLength: 8 },
    ),
    checkIns: fc.array(
      fc.record({
        krId: pick(['k1', 'k2', 'k3', 'k4', 'k5', 'orphan']),
        month: pick(MONTHS),
        value: fc.integer({ min: 0, max: 120 }),
        submittedAt: pick(INSTANTS),
      }),
      { maxLength: 25 },
    ),
    reviews: fc.array(
      fc.record({
        id: pick(['v1', 'v2', 'v3', 'v4', 'v5', 'v6']),
        quarter: pick(QUARTERS),
        reviewerId: pick(PEOPLE),
        revieweeId: pick(PEOPLE),
        score: fc.integer({ min: 1, max: 5 }),
      }),
      { maxLength: 15 },
    ),
  })
  .map(({ people, krs, checkIns, reviews }) =>
    makeSnapshot({
      people: people.map((p) =>
        makePerson({ id: p.id, regionId: p.regionId, role: p.sales ? 'sales' : 'manager' }),
      ),
      objectives: [makeObjective({ id: 'o1', weight: 2 })],
      keyResults: krs.map((kr) =>
        makeKeyResult({
          id: kr.id,
          ownerId: kr.ownerId,
          ownerType: kr.personal ? 'person' : 'region',
          baseline: 0,
          target: kr.target,
          links: kr.linked
            ? [makeLink({ objectiveId: 'o1', weight: 100, linkedAt: '2026-01-05T00:00:00Z' })]
            : [],
          targetHistory: kr.revised
            ? [
                makeTargetRevision({
                  at: '2026-02-15T00:00:00Z',
                  previousTarget: kr.target + 10,
                  newTarget: kr.target,
                }),
              ]
            : [],
        }),
      ),
      checkIns: checkIns.map((c, i) => makeCheckIn({ ...c, id: `c${i}` })),
      peerReviews: reviews.map((r) =>
        makePeerReview({
          id: r.id,
          quarter: r.quarter,
          reviewerId: r.reviewerId,
          revieweeId: r.revieweeId,
          scores: { collaboration: r.score, crossRegionHelp: 6 - r.score, knowledgeSharing: r.score },
        }),
      ),
    }),
  );

const settings = makeSettings({ peerReview: { minReviewers: 1, trimMinReviewers: 3 } });

describe('indexed lookups give the results of the full scans', () => {
  it('latest check-in, completion rate, system score, cross-region help and contribution', () => {
    fc.assert(
      fc.property(snapshotArb, (snapshot) => {
        const index = indexSnapshot(snapshot);
        for (const krId of ['k1', 'k2', 'orphan']) {
          for (const month of MONTHS) {
            const group = latestMonthGroup(index.checkInsByKr.get(krId) ?? [], month);
            const latest = latestCheckInUpTo(krId, snapshot.checkIns, month);
            expect(group.map((c) => c.month)).toEqual(group.map(() => latest?.month));
            expect(latest === null || group.includes(latest)).toBe(true);
          }
        }
        for (const personId of PEOPLE) {
          for (const month of MONTHS) {
            expect(completionRate(personId, snapshot, month, settings, index)).toEqual(
              completionRate(personId, snapshot, month, settings),
            );
          }
          for (const quarter of QUARTERS) {
            expect(systemScore(personId, snapshot, settings, quarter, index)).toEqual(
              systemScore(personId, snapshot, settings, quarter),
            );
            expect(crossRegionHelp(personId, snapshot, quarter, settings, index)).toEqual(
              crossRegionHelp(personId, snapshot, quarter, settings),
            );
            expect(contributionDetail(personId, snapshot, settings, quarter, index)).toEqual(
              contributionDetail(personId, snapshot, settings, quarter),
            );
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('keeps same-month check-ins in snapshot order after sorting by month', () => {
    const checkIns = [
      makeCheckIn({ id: 'late-march', krId: 'k1', month: '2026-03' }),
      makeCheckIn({ id: 'jan', krId: 'k1', month: '2026-01' }),
      makeCheckIn({ id: 'early-march', krId: 'k1', month: '2026-03' }),
    ];
    const index = indexSnapshot(makeSnapshot({ checkIns }));
    expect(index.checkInsByKr.get('k1')?.map((c) => c.id)).toEqual(['jan', 'late-march', 'early-march']);
    expect(latestMonthGroup(index.checkInsByKr.get('k1')!, '2026-02').map((c) => c.id)).toEqual(['jan']);
    expect(latestMonthGroup(index.checkInsByKr.get('k1')!, '2025-12')).toEqual([]);
  });
});
