import { describe, expect, it } from 'vitest';
import {
  completionRate,
  completionSpread,
  highMarginShare,
  latestCheckInUpTo,
  metricsByMonth,
} from './metrics.ts';
import {
  makeActivity,
  makeAlignedKeyResult,
  makeCheckIn,
  makeEscalation,
  makeKeyResult,
  makeLink,
  makeObjective,
  makePerson,
  makeSettings,
  makeSnapshot,
  makeTargetRevision,
} from './test-factories.ts';

const settings = makeSettings();
const cap = settings.contribution.progressCapPercent / 100;

describe('highMarginShare', () => {
  it('is Σ high-margin over Σ deals', () => {
    expect(
      highMarginShare([
        makeActivity({ dealsAmountCents: 100, highMarginAmountCents: 41 }),
        makeActivity({ personId: 'p2', dealsAmountCents: 300, highMarginAmountCents: 227 }),
      ]),
    ).toBeCloseTo(268 / 400, 12);
  });
  it('is null with zero sales', () => {
    expect(highMarginShare([])).toBeNull();
    expect(highMarginShare([makeActivity({ dealsAmountCents: 0, highMarginAmountCents: 0 })])).toBeNull();
  });
});

describe('completionRate', () => {
  // Two KRs 0 → 10 of person-1.
  const krA = makeKeyResult({ id: 'a', target: 10 });
  const krB = makeKeyResult({ id: 'b', target: 10 });
  const snapshot = makeSnapshot({
    people: [makePerson()],
    keyResults: [krA, krB, makeKeyResult({ id: 'other', ownerId: 'person-2' })],
    checkIns: [
      makeCheckIn({ krId: 'a', month: '2026-01', value: 2 }),
      makeCheckIn({ krId: 'a', month: '2026-03', value: 6 }),
      makeCheckIn({ krId: 'b', month: '2026-02', value: 4 }),
      makeCheckIn({ krId: 'b', month: '2026-05', value: 25 }),
    ],
  });

  it('uses the newest check-in at or before the month; none counts as 0', () => {
    expect(completionRate('person-1', snapshot, '2026-01', settings)).toBeCloseTo((0.2 + 0) / 2, 12);
    expect(completionRate('person-1', snapshot, '2026-02', settings)).toBeCloseTo((0.2 + 0.4) / 2, 12);
    expect(completionRate('person-1', snapshot, '2026-04', settings)).toBeCloseTo((0.6 + 0.4) / 2, 12);
  });

  it('caps each KR at progressCapPercent', () => {
    expect(completionRate('person-1', snapshot, '2026-05', settings)).toBeCloseTo((0.6 + cap) / 2, 12);
    const higherCap = makeSettings({ contribution: { progressCapPercent: 200 } });
    expect(completionRate('person-1', snapshot, '2026-05', higherCap)).toBeCloseTo((0.6 + 2) / 2, 12);
  });

  it('is null for a person without KRs; regional KRs do not count', () => {
    const regional = makeSnapshot({
      keyResults: [makeKeyResult({ ownerType: 'region', ownerId: 'person-9' })],
    });
    expect(completionRate('person-9', regional, '2026-03', settings)).toBeNull();
  });

  it('measures against the target in force at the month end', () => {
    const revised = makeKeyResult({
      id: 'r',
      target: 20,
      targetHistory: [makeTargetRevision({ at: '2026-03-10T00:00:00Z', previousTarget: 10, newTarget: 20 })],
    });
    const s = makeSnapshot({
      keyResults: [revised],
      checkIns: [makeCheckIn({ krId: 'r', month: '2026-02', value: 5 })],
    });
    expect(completionRate('person-1', s, '2026-02', settings)).toBeCloseTo(0.5, 12);
    expect(completionRate('person-1', s, '2026-03', settings)).toBeCloseTo(0.25, 12);
  });

  it('latestCheckInUpTo prefers the later month, then the later submission', () => {
    const early = makeCheckIn({ id: 'early', month: '2026-02', submittedAt: '2026-03-01T00:00:00Z' });
    const late = makeCheckIn({ id: 'late', month: '2026-02', submittedAt: '2026-03-02T00:00:00Z' });
    expect(latestCheckInUpTo('kr-1', [late, early], '2026-02')?.id).toBe('late');
    expect(latestCheckInUpTo('kr-1', [late, early], '2026-01')).toBeNull();
  });
});

describe('completionSpread', () => {
  const people = [
    makePerson({ id: 's1' }),
    makePerson({ id: 's2' }),
    makePerson({ id: 's3' }),
    makePerson({ id: 'm1', role: 'manager' }),
    makePerson({ id: 's4-no-kr' }),
  ];
  const kr = (ownerId: string) => makeKeyResult({ id: `kr-${ownerId}`, ownerId, target: 10 });
  const snapshot = makeSnapshot({
    people,
    keyResults: [kr('s1'), kr('s2'), kr('s3'), kr('m1')],
    checkIns: [
      makeCheckIn({ krId: 'kr-s1', month: '2026-03', value: 2 }),
      makeCheckIn({ krId: 'kr-s2', month: '2026-03', value: 4 }),
      makeCheckIn({ krId: 'kr-s3', month: '2026-03', value: 6 }),
      makeCheckIn({ krId: 'kr-m1', month: '2026-03', value: 10 }),
    ],
  });

  it('spans the sales people who own KRs', () => {
    const result = completionSpread(snapshot, '2026-03', settings);
    expect(result?.min).toBeCloseTo(0.2, 12);
    expect(result?.max).toBeCloseTo(0.6, 12);
    expect(result?.spread).toBeCloseTo(0.4, 12);
    expect(result?.stdev).toBeCloseTo(Math.sqrt(((0.2 - 0.4) ** 2 + 0 + (0.6 - 0.4) ** 2) / 3), 12);
  });

  it('is null without sales people owning KRs', () => {
    expect(
      completionSpread(makeSnapshot({ people: [makePerson({ role: 'manager' })] }), '2026-03', settings),
    ).toBeNull();
  });
});

describe('metricsByMonth', () => {
  const objective = makeObjective();
  const snapshot = makeSnapshot({
    people: [makePerson({ id: 'p1' }), makePerson({ id: 'p2' })],
    objectives: [objective],
    keyResults: [
      makeAlignedKeyResult({ id: 'k1', ownerId: 'p1', target: 10 }),
      // Linked on the last day of February; rationale and confirmation in March.
      makeAlignedKeyResult({
        id: 'k2',
        ownerId: 'p2',
        target: 10,
        links: [makeLink({ linkedAt: '2026-02-28T22:00:00Z' })],
        rationaleAt: '2026-03-05T00:00:00Z',
        confirmedAt: '2026-03-06T00:00:00Z',
      }),
    ],
    checkIns: [
      makeCheckIn({ krId: 'k1', month: '2026-01', value: 2 }),
      makeCheckIn({ krId: 'k2', month: '2026-01', value: 1 }),
    ],
    escalations: [
      makeEscalation({ id: 'e1', raisedAt: '2026-02-03T00:00:00Z', resolvedAt: '2026-02-14T00:00:00Z' }),
      makeEscalation({ id: 'e2', raisedAt: '2026-03-03T00:00:00Z', resolvedAt: '2026-04-01T00:00:00Z' }),
    ],
    activities: [
      makeActivity({ personId: 'p1', month: '2026-01', dealsAmountCents: 100, highMarginAmountCents: 41 }),
      makeActivity({ personId: 'p2', month: '2026-02', dealsAmountCents: 0, highMarginAmountCents: 0 }),
      makeActivity({ personId: 'p2', month: '2026-03', dealsAmountCents: 100, highMarginAmountCents: 67 }),
    ],
  });
  const metrics = metricsByMonth(snapshot, settings);

  it('has one entry per cycle month', () => {
    expect(metrics.map((m) => m.month)).toEqual([
      '2026-01',
      '2026-02',
      '2026-03',
      '2026-04',
      '2026-05',
      '2026-06',
    ]);
  });

  it('alignment and links as of each month end', () => {
    expect(metrics.map((m) => m.linkedRate)).toEqual([0.5, 1, 1, 1, 1, 1]);
    // k2 in February: linked (40) + focus (20) = 60 = minScore.
    expect(metrics.map((m) => m.alignmentRate)).toEqual([0.5, 1, 1, 1, 1, 1]);
    const strict = metricsByMonth(snapshot, makeSettings({ alignment: { minScore: 61 } }));
    expect(strict.map((m) => m.alignmentRate)).toEqual([0.5, 0.5, 1, 1, 1, 1]);
  });

  it('response days of the escalations resolved within each month', () => {
    expect(metrics.map((m) => m.averageResponseDays)).toEqual([null, 11, null, 29, null, null]);
  });

  it('high-margin share of the month, null with zero sales', () => {
    expect(metrics.map((m) => m.highMarginShare)).toEqual([0.41, null, 0.67, null, null, null]);
  });

  it('completion spread over sales people', () => {
    expect(metrics[0]?.completionSpread).toBeCloseTo(0.1, 12);
  });
});
