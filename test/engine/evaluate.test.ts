import { describe, expect, it } from 'vitest';
import { shouldEscalate } from '../../plugin/domain/pace.ts';
import {
  makeAlignedKeyResult,
  makeCheckIn,
  makeKeyAccount,
  makeKeyResult,
  makeLink,
  makeObjective,
  makePerson,
  makeSettings,
  makeSnapshot,
} from '../../plugin/domain/test-factories.ts';
import type { Snapshot } from '../../plugin/domain/types.ts';
import { InputError, SnapshotError } from '../../plugin/engine/errors.ts';
import { evaluate } from '../../plugin/engine/evaluate.ts';
import type { RuleEvent } from '../../plugin/engine/rule-types.ts';

const settings = makeSettings();

function eventsOf(snapshot: Snapshot, at: string, s = settings): RuleEvent[] {
  return evaluate(snapshot, s, at).events;
}

function typesFor(events: RuleEvent[], krId: string): string[] {
  return events
    .filter((event) => event.subject.krId === krId)
    .map((e) => `${e.type}${e.subject.month ? ` ${e.subject.month}` : ''}`);
}

// Linked (40) + focus match (20) = 60, exactly the default minimum score.
const linkedAndMatching = makeKeyResult({
  id: 'kr-60',
  links: [makeLink({ objectiveId: 'objective-new-energy', weight: 100, linkedAt: '2026-01-05T00:00:00Z' })],
});
// Linked (40) to an objective with another focus: 40.
const linkedOnly = makeKeyResult({
  id: 'kr-40',
  focusTags: ['other'],
  links: [makeLink({ objectiveId: 'objective-new-energy', weight: 100, linkedAt: '2026-01-05T00:00:00Z' })],
});

describe('evaluate: alignment rules', () => {
  const snapshot = makeSnapshot({
    people: [makePerson()],
    objectives: [makeObjective()],
    keyResults: [linkedAndMatching, linkedOnly, makeKeyResult({ id: 'kr-none' })],
  });

  it('reminds below the minimum score and not at it, with the score in the params', () => {
    const events = eventsOf(snapshot, '2026-01-20').filter((e) => e.type === 'alignment-low');
    expect(events).toEqual([
      {
        type: 'alignment-low',
        subject: { krId: 'kr-40', personId: 'person-1' },
        params: { score: 40, minScore: 60, rationale: false },
      },
      {
        type: 'alignment-low',
        subject: { krId: 'kr-none', personId: 'person-1' },
        params: { score: 0, minScore: 60, rationale: false },
      },
    ]);
  });

  it('reads the threshold from settings', () => {
    const lower = makeSettings({ alignment: { minScore: 40 } });
    const events = eventsOf(snapshot, '2026-01-20', lower).filter((e) => e.type === 'alignment-low');
    expect(events.map((e) => e.subject.krId)).toEqual(['kr-none']);
  });

  it('flags a KR without a link, and reports the rates and per-KR scores', () => {
    const evaluation = evaluate(snapshot, settings, '2026-01-20');
    expect(evaluation.events.filter((e) => e.type === 'kr-unlinked').map((e) => e.subject.krId)).toEqual([
      'kr-none',
    ]);
    expect(evaluation.alignment.rate).toBeCloseTo(1 / 3);
    expect(evaluation.alignment.linkedRate).toBeCloseTo(2 / 3);
    expect(evaluation.alignment.perKr.map((k) => [k.krId, k.score])).toEqual([
      ['kr-60', 60],
      ['kr-40', 40],
      ['kr-none', 0],
    ]);
  });

  it('does not count a link made after the "as of" date', () => {
    const events = eventsOf(snapshot, '2026-01-04').filter((e) => e.type === 'kr-unlinked');
    expect(events.map((e) => e.subject.krId)).toEqual(['kr-60', 'kr-40', 'kr-none']);
  });
});

describe('evaluate: calibration rules', () => {
  // Target 12 from 0 over six months: 2 per month is on pace; 1.6 is 80 % of pace (amber).
  const kr = makeAlignedKeyResult({ id: 'kr-1' });
  const amberTwice = makeSnapshot({
    people: [makePerson()],
    objectives: [makeObjective()],
    keyResults: [kr],
    checkIns: [makeCheckIn({ month: '2026-01', value: 1.6 }), makeCheckIn({ month: '2026-02', value: 3.2 })],
  });

  it('escalates on the month the amber streak reaches the setting, not before', () => {
    expect(typesFor(eventsOf(amberTwice, '2026-03-06'), 'kr-1')).toEqual([
      'calibration-amber 2026-01',
      'calibration-amber 2026-02',
      'escalate 2026-02',
    ]);
    const longer = makeSettings({ calibration: { amberStreakToEscalate: 3 } });
    expect(typesFor(eventsOf(amberTwice, '2026-03-06', longer), 'kr-1')).toEqual([
      'calibration-amber 2026-01',
      'calibration-amber 2026-02',
    ]);
  });

  it('counts a check-in missing after its due day as red, and not on the due day', () => {
    const none = makeSnapshot({ people: [makePerson()], objectives: [makeObjective()], keyResults: [kr] });
    expect(typesFor(eventsOf(none, '2026-02-07'), 'kr-1')).toEqual([]);
    expect(typesFor(eventsOf(none, '2026-02-08'), 'kr-1')).toEqual([
      'calibration-red 2026-01',
      'escalate 2026-01',
      'checkin-missing 2026-01',
    ]);
  });

  it('escalates exactly where the domain says a month should escalate', () => {
    const evaluation = evaluate(amberTwice, settings, '2026-04-10');
    const escalated = evaluation.events.filter((e) => e.type === 'escalate').map((e) => e.subject.month);
    const expected = evaluation.colours.filter((c) => shouldEscalate(c, settings)).map((c) => c.month);
    expect(escalated).toEqual(expected);
    expect(expected.length).toBeGreaterThan(0);
  });
});

describe('evaluate: alerts', () => {
  it('alerts on a key client after more than keyClientGapDays without contact', () => {
    const snapshot = makeSnapshot({
      people: [makePerson()],
      keyAccounts: [
        makeKeyAccount({ lastContactAt: '2026-01-01' }),
        makeKeyAccount({ id: 'never', lastContactAt: null }),
      ],
    });
    const gaps = (at: string) => eventsOf(snapshot, at).filter((e) => e.type === 'key-client-gap');
    expect(gaps('2026-04-01').map((e) => e.subject)).toEqual([{ accountId: 'never', personId: 'person-1' }]);
    expect(gaps('2026-04-02')).toEqual([
      {
        type: 'key-client-gap',
        subject: { accountId: 'account-1', personId: 'person-1' },
        params: { daysSinceContact: 91, keyClientGapDays: 90 },
      },
      {
        type: 'key-client-gap',
        subject: { accountId: 'never', personId: 'person-1' },
        params: { daysSinceContact: null, keyClientGapDays: 90 },
      },
    ]);
  });

  it('flags a KR not updated within its own interval, or krStaleDays without one', () => {
    const own = makeAlignedKeyResult({ id: 'own', updateIntervalDays: 10 });
    const standard = makeAlignedKeyResult({ id: 'standard' });
    const snapshot = makeSnapshot({
      people: [makePerson()],
      objectives: [makeObjective()],
      keyResults: [own, standard],
      checkIns: [
        makeCheckIn({ krId: 'own', month: '2026-01', value: 2, submittedAt: '2026-01-20T00:00:00Z' }),
        makeCheckIn({ krId: 'standard', month: '2026-01', value: 2, submittedAt: '2026-01-20T00:00:00Z' }),
      ],
    });
    const stale = (at: string) =>
      eventsOf(snapshot, at)
        .filter((e) => e.type === 'kr-stale')
        .map((e) => e.subject.krId);
    expect(stale('2026-01-30')).toEqual([]);
    expect(stale('2026-01-31')).toEqual(['own']);
    expect(stale('2026-03-06')).toEqual(['own']);
    expect(stale('2026-03-07')).toEqual(['own', 'standard']);
  });
});

describe('evaluate: pool and metrics', () => {
  const snapshot = makeSnapshot({
    people: [makePerson(), makePerson({ id: 'person-2' })],
    objectives: [makeObjective()],
    keyResults: [
      makeAlignedKeyResult({ id: 'kr-1' }),
      makeAlignedKeyResult({ id: 'kr-2', ownerId: 'person-2' }),
    ],
    checkIns: [
      makeCheckIn({ krId: 'kr-1', month: '2026-03', value: 6 }),
      makeCheckIn({ krId: 'kr-2', month: '2026-03', value: 5 }),
    ],
  });

  it('runs no pool before the first quarter of the cycle has ended', () => {
    const evaluation = evaluate(snapshot, settings, '2026-03-30');
    expect(evaluation.pool).toBeNull();
    expect(evaluation.events.some((e) => e.type === 'pool-weights')).toBe(false);
    expect(evaluation.metrics.map((m) => m.month)).toEqual(['2026-01', '2026-02', '2026-03']);
  });

  it('runs the latest ended quarter, or the one asked for, and reports the weights it used', () => {
    const evaluation = evaluate(snapshot, settings, '2026-04-01');
    expect(evaluation.pool?.quarter).toBe('2026-Q1');
    const event = evaluation.events.find((e) => e.type === 'pool-weights');
    expect(evaluation.pool?.eligible.length).toBeGreaterThan(0);
    expect(event).toEqual({
      type: 'pool-weights',
      subject: { quarter: '2026-Q1' },
      params: {
        quarter: '2026-Q1',
        poolCents: evaluation.pool?.poolCents,
        eligibleCount: evaluation.pool?.eligible.length,
        peerWeight: 40,
        systemWeight: 60,
        crossRegionBonusPercent: 10,
        ratePercent: 15,
        minContribution: 20,
        floorPercentOfEqualShare: 50,
        capPercentOfEqualShare: 200,
      },
    });
    expect(evaluate(snapshot, settings, '2026-04-01', undefined, { quarter: '2026-Q2' }).pool?.quarter).toBe(
      '2026-Q2',
    );
  });
});

describe('evaluate: input checks', () => {
  it('refuses a snapshot that does not match its schema, naming the path', () => {
    const broken = JSON.parse(JSON.stringify(makeSnapshot({ keyResults: [makeKeyResult()] })));
    delete broken.keyResults[0].ownerId;
    expect(() => evaluate(broken, settings, '2026-02-01', undefined, { source: 'org.json' })).toThrow(
      new SnapshotError('org.json', [
        { path: 'keyResults[0].ownerId', message: 'required field is missing' },
      ]),
    );
  });

  it('refuses a malformed date or quarter', () => {
    const snapshot = makeSnapshot();
    expect(() => evaluate(snapshot, settings, '2026-02-30x')).toThrow(
      new InputError('evaluate: "2026-02-30x" is not a date; give the "as of" date as YYYY-MM-DD.'),
    );
    expect(() => evaluate(snapshot, settings, '2026-04-01', undefined, { quarter: '2026-Q5' })).toThrow(
      new InputError('evaluate: "2026-Q5" is not a quarter; use YYYY-Qn with n from 1 to 4.'),
    );
  });
});
