/**
 * fast-check arbitraries for whole snapshots and for sequences of writes, for the incremental
 * evaluator's differential test. Small organisations whose values sit on the edges that matter:
 * check-ins submitted around the due day and after the "as of" date, several per month, months
 * outside the cycle, links to unknown objectives, revised targets, instants in other offsets.
 */
import fc from 'fast-check';
import type { Settings } from '../../plugin/domain/settings.ts';
import {
  makeActivity,
  makeCheckIn,
  makeCycle,
  makeEscalation,
  makeKeyAccount,
  makeKeyResult,
  makeObjective,
  makePeerReview,
  makePerson,
  makeSettings,
} from '../../plugin/domain/test-factories.ts';
import type { CheckIn, KeyResult, KrLink, Person, Snapshot } from '../../plugin/domain/types.ts';
import type { Write } from '../../plugin/engine/incremental-writes.ts';

export const INSTANTS = [
  '2025-12-20T08:00:00Z',
  '2026-01-05T00:00:00Z',
  '2026-01-31T23:59:59Z',
  '2026-02-06T10:00:00Z',
  '2026-02-08T09:00:00Z',
  '2026-03-05T12:00:00.500Z',
  '2026-03-31T16:00:00Z',
  '2026-04-07T00:00:00+08:00',
  '2026-05-28T09:00:00Z',
  '2026-06-30T12:00:00Z',
  '2026-07-09T09:00:00Z',
  '2026-08-01T00:00:00Z',
] as const;
export const MONTHS = [
  '2025-12',
  '2026-01',
  '2026-02',
  '2026-03',
  '2026-04',
  '2026-05',
  '2026-06',
  '2026-07',
];
export const DATES = [
  '2026-01-20',
  '2026-02-07',
  '2026-02-08',
  '2026-03-31',
  '2026-04-10',
  '2026-06-30',
  '2026-07-10',
];
const OBJECTIVES = ['o-ne', 'o-hm', 'o-gone'];
const REGIONS = ['r-east', 'r-west', null];

const instant = fc.constantFrom(...INSTANTS);
const nullableInstant = fc.option(instant, { nil: null, freq: 3 });
const month = fc.constantFrom(...MONTHS);
const value = fc.oneof(fc.integer({ min: 0, max: 150 }), fc.constantFrom(59.5, 72, 90, 120.25));

const linkArb: fc.Arbitrary<KrLink> = fc.record({
  objectiveId: fc.constantFrom(...OBJECTIVES),
  weight: fc.constantFrom(0, 30, 50, 100),
  linkedAt: instant,
});

/** A KR with the given id; owners drawn from `owners` (people) or a region. */
export function krArb(id: string, owners: readonly string[]): fc.Arbitrary<KeyResult> {
  return fc
    .record({
      regionOwned: fc.nat({ max: 3 }).map((n) => n === 0),
      owner: fc.constantFrom(...owners),
      metric: fc.constantFrom('number' as const, 'percent' as const, 'milestone' as const),
      baseline: fc.constantFrom(0, 10, 100),
      target: fc.constantFrom(0, 10, 100, 120),
      focusTags: fc.subarray(['new-energy', 'high-margin']),
      links: fc.array(linkArb, { maxLength: 3 }),
      rationale: fc.constantFrom(
        '',
        'short',
        '这个关键结果直接服务于新能源目标的客户拓展',
        'serves the new-energy objective directly',
      ),
      rationaleAt: nullableInstant,
      confirmedAt: nullableInstant,
      updateIntervalDays: fc.constantFrom(null, null, 10, 30),
      // Mostly the cycle start; else proposed mid-cycle, on a month's last second, after the "as of".
      createdAt: fc.oneof(
        { weight: 2, arbitrary: fc.constant('2026-01-01T00:00:00Z') },
        { weight: 1, arbitrary: instant },
      ),
      revised: fc.option(fc.record({ at: instant, newTarget: fc.constantFrom(80, 150) }), {
        nil: null,
        freq: 3,
      }),
    })
    .map((r) =>
      makeKeyResult({
        id,
        ownerType: r.regionOwned ? 'region' : 'person',
        ownerId: r.regionOwned ? 'r-east' : r.owner,
        title: `KR ${id}`,
        metric: r.metric,
        baseline: r.baseline,
        target: r.target,
        focusTags: r.focusTags,
        // One link per objective, as storage keys them.
        links: r.links.filter((l, i, all) => all.findIndex((o) => o.objectiveId === l.objectiveId) === i),
        rationale: r.rationale,
        rationaleAt: r.rationaleAt,
        confirmedAt: r.confirmedAt,
        updateIntervalDays: r.updateIntervalDays,
        createdAt: r.createdAt,
        targetHistory:
          r.revised === null
            ? []
            : [
                {
                  at: r.revised.at,
                  previousTarget: r.target,
                  newTarget: r.revised.newTarget,
                  reason: 'revised',
                },
              ],
      }),
    );
}

function checkInArb(id: string, krIds: readonly string[]): fc.Arbitrary<CheckIn> {
  return fc
    .record({ krId: fc.constantFrom(...krIds, 'kr-orphan'), month, value, submittedAt: instant })
    .map((r) => makeCheckIn({ id, ...r }));
}

const personArb = (id: string): fc.Arbitrary<Person> =>
  fc
    .record({
      role: fc.constantFrom('sales' as const, 'sales' as const, 'sales' as const, 'manager' as const),
      regionId: fc.constantFrom(...REGIONS),
      managerId: fc.constantFrom('m-east', null),
      baseBonusCents: fc.constantFrom(0, 1_000_000, 3_000_000, 3_333_333),
    })
    .map((r) => makePerson({ id, name: id, ...r }));

/** A small organisation: people, KRs, check-ins, escalations, activity, accounts and peer reviews. */
export const snapshotArb: fc.Arbitrary<Snapshot> = fc
  .record({ people: fc.integer({ min: 1, max: 5 }), krs: fc.integer({ min: 0, max: 7 }) })
  .chain(({ people: peopleCount, krs: krCount }) => {
    const personIds = Array.from({ length: peopleCount }, (_, i) => `p${i}`);
    const krIds = Array.from({ length: krCount }, (_, i) => `kr${i}`);
    const krIdsOrNone = krIds.length > 0 ? krIds : ['kr-orphan'];
    return fc.record({
      people: fc.tuple(...personIds.map(personArb)),
      keyResults: fc.tuple(...krIds.map((id) => krArb(id, personIds))),
      checkIns: fc
        .array(fc.integer({ min: 0, max: 1_000 }), { maxLength: 16 })
        .chain((seeds) => fc.tuple(...seeds.map((_, i) => checkInArb(`ci${i}`, krIdsOrNone)))),
      escalations: fc.array(
        fc.record({
          krId: fc.constantFrom(...krIdsOrNone),
          raisedAt: instant,
          resolvedAt: nullableInstant,
          month,
        }),
        { maxLength: 3 },
      ),
      activities: fc.array(
        fc.record({
          personId: fc.constantFrom(...personIds),
          month,
          dealsAmountCents: fc.constantFrom(0, 100_000, 250_000),
          highMarginAmountCents: fc.constantFrom(0, 50_000),
        }),
        { maxLength: 4 },
      ),
      accounts: fc.array(
        fc.record({
          ownerId: fc.constantFrom(...personIds),
          lastContactAt: fc.constantFrom(null, '2026-01-10', '2026-04-01'),
        }),
        {
          maxLength: 3,
        },
      ),
      reviews: fc.array(
        fc.record({
          reviewerId: fc.constantFrom(...personIds),
          revieweeId: fc.constantFrom(...personIds),
          quarter: fc.constantFrom('2026-Q1', '2026-Q2'),
          score: fc.integer({ min: 1, max: 5 }),
        }),
        { maxLength: 10 },
      ),
    });
  })
  .map((r) => ({
    cycle: makeCycle(),
    regions: [
      { id: 'r-east', name: 'East' },
      { id: 'r-west', name: 'West' },
    ],
    people: r.people,
    objectives: [
      makeObjective({ id: 'o-ne', focusTags: ['new-energy'], weight: 2 }),
      makeObjective({ id: 'o-hm', focusTags: ['high-margin'], weight: 1 }),
    ],
    keyResults: r.keyResults,
    checkIns: r.checkIns,
    escalations: r.escalations.map((e, i) => makeEscalation({ id: `e${i}`, ...e, raisedById: 'p0' })),
    activities: r.activities.map((a) => makeActivity(a)),
    keyAccounts: r.accounts.map((a, i) => makeKeyAccount({ id: `a${i}`, name: `a${i}`, ...a })),
    peerReviews: r.reviews.map(({ score, ...review }, i) =>
      makePeerReview({
        id: `rv${i}`,
        ...review,
        scores: { collaboration: score, crossRegionHelp: 6 - score, knowledgeSharing: score },
      }),
    ),
  }));

/** Settings within their schema's rules, moved off the defaults where results turn. */
export const settingsArb: fc.Arbitrary<Settings> = fc
  .record({
    minScore: fc.constantFrom(40, 60, 80),
    green: fc.constantFrom(90, 100),
    amber: fc.constantFrom(50, 70),
    streak: fc.constantFrom(1, 2, 3),
    dueDay: fc.constantFrom(1, 7, 31),
    minReviewers: fc.constantFrom(1, 2, 3),
    minContribution: fc.constantFrom(0, 10, 40),
    cap: fc.constantFrom(100, 120),
  })
  .map((r) =>
    makeSettings({
      alignment: { minScore: r.minScore },
      calibration: {
        greenMinPacePercent: r.green,
        amberMinPacePercent: r.amber,
        amberStreakToEscalate: r.streak,
        checkinDueDay: r.dueDay,
      },
      peerReview: { minReviewers: r.minReviewers, trimMinReviewers: 3 },
      pool: { minContribution: r.minContribution },
      contribution: { progressCapPercent: r.cap },
    }),
  );

/**
 * A write chosen by numbers, made concrete against the state it is applied to ({@link resolveWrite}),
 * so every write has something to hit and shrinking stays meaningful.
 */
export type WriteSpec =
  | {
      kind: 'check-in-saved';
      existing: boolean;
      pick: number;
      kr: number;
      month: string;
      value: number;
      submittedAt: string;
    }
  | { kind: 'check-in-removed'; pick: number }
  | { kind: 'kr-saved'; existing: boolean; pick: number; kr: KeyResult }
  | { kind: 'kr-removed'; pick: number }
  | { kind: 'link-saved'; pick: number; link: KrLink }
  | { kind: 'link-removed'; pick: number; link: number }
  | { kind: 'settings-changed'; settings: Settings };

const pick = fc.nat({ max: 50 });

export const writeSpecArb: fc.Arbitrary<WriteSpec> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('check-in-saved' as const),
      existing: fc.boolean(),
      pick,
      kr: pick,
      month,
      value,
      submittedAt: instant,
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('check-in-removed' as const), pick }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('kr-saved' as const),
      existing: fc.boolean(),
      pick,
      kr: krArb('new', ['p0', 'p1', 'p2', 'p-none']),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('kr-removed' as const), pick }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('link-saved' as const), pick, link: linkArb }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('link-removed' as const), pick, link: pick }) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('settings-changed' as const), settings: settingsArb }),
  },
);

/** The write `spec` stands for in `snapshot`; `serial` makes ids of new records unique. */
export function resolveWrite(spec: WriteSpec, snapshot: Snapshot, serial: number): Write {
  const krs = snapshot.keyResults;
  const checkIns = snapshot.checkIns;
  const nth = <T>(items: readonly T[], n: number): T | undefined =>
    items.length === 0 ? undefined : items[n % items.length];
  switch (spec.kind) {
    case 'check-in-saved': {
      const existing = spec.existing ? nth(checkIns, spec.pick) : undefined;
      const krId = nth(krs, spec.kr)?.id ?? 'kr-orphan';
      const base = existing ?? makeCheckIn({ id: `w-ci${serial}` });
      // An edit keeps its KR half of the time, as most edits do.
      const movedKr = existing !== undefined && spec.pick % 2 === 0 ? existing.krId : krId;
      return {
        kind: 'check-in-saved',
        checkIn: {
          ...base,
          krId: movedKr,
          month: spec.month,
          value: spec.value,
          submittedAt: spec.submittedAt,
        },
      };
    }
    case 'check-in-removed':
      return { kind: 'check-in-removed', checkInId: nth(checkIns, spec.pick)?.id ?? 'ci-missing' };
    case 'kr-saved': {
      const existing = spec.existing ? nth(krs, spec.pick) : undefined;
      const id = existing?.id ?? `w-kr${serial}`;
      return {
        kind: 'kr-saved',
        keyResult: { ...spec.kr, id, title: `KR ${id}`, version: (existing?.version ?? 0) + 1 },
      };
    }
    case 'kr-removed':
      return { kind: 'kr-removed', krId: nth(krs, spec.pick)?.id ?? 'kr-missing' };
    case 'link-saved': {
      const kr = nth(krs, spec.pick);
      if (kr === undefined) return { kind: 'check-in-removed', checkInId: 'ci-missing' };
      return { kind: 'link-saved', krId: kr.id, link: spec.link };
    }
    case 'link-removed': {
      const kr = nth(krs, spec.pick);
      if (kr === undefined) return { kind: 'check-in-removed', checkInId: 'ci-missing' };
      return {
        kind: 'link-removed',
        krId: kr.id,
        objectiveId: nth(kr.links, spec.link)?.objectiveId ?? 'o-ne',
      };
    }
    case 'settings-changed':
      return { kind: 'settings-changed', settings: spec.settings };
  }
}
