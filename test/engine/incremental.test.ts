import { describe, expect, it } from 'vitest';
import {
  makeCheckIn,
  makeEscalation,
  makeKeyResult,
  makeLink,
  makeObjective,
  makePerson,
  makeSettings,
  makeSnapshot,
} from '../../plugin/domain/test-factories.ts';
import { InputError, SnapshotError } from '../../plugin/engine/errors.ts';
import { evaluate } from '../../plugin/engine/evaluate.ts';
import { IncrementalEvaluator } from '../../plugin/engine/incremental-evaluator.ts';
import { applyWrite } from '../../plugin/engine/incremental-writes.ts';

const settings = makeSettings();
const people = [
  makePerson({ id: 'p1', regionId: 'r-east', managerId: 'm1' }),
  makePerson({ id: 'p2', regionId: 'r-west', managerId: 'm2' }),
];
const kr1 = makeKeyResult({
  id: 'kr1',
  ownerId: 'p1',
  links: [makeLink({ objectiveId: 'objective-new-energy', linkedAt: '2026-01-05T00:00:00Z' })],
});
const kr2 = makeKeyResult({ id: 'kr2', ownerId: 'p2' });
const snapshot = makeSnapshot({
  people,
  objectives: [makeObjective()],
  keyResults: [kr1, kr2],
  checkIns: [
    makeCheckIn({ id: 'c1', krId: 'kr1', month: '2026-01', value: 20, submittedAt: '2026-01-30T09:00:00Z' }),
    makeCheckIn({ id: 'c2', krId: 'kr1', month: '2026-02', value: 30, submittedAt: '2026-02-27T09:00:00Z' }),
    makeCheckIn({ id: 'c3', krId: 'kr2', month: '2026-01', value: 5, submittedAt: '2026-01-30T09:00:00Z' }),
  ],
  escalations: [makeEscalation({ id: 'e1', krId: 'kr2' })],
});
const AT = '2026-04-10';

describe('applyWrite', () => {
  it('replaces a saved record where it stands and appends a new one', () => {
    const edited = applyWrite(snapshot, {
      kind: 'check-in-saved',
      checkIn: { ...snapshot.checkIns[0]!, value: 99 },
    });
    expect(edited.checkIns.map((c) => [c.id, c.value])).toEqual([
      ['c1', 99],
      ['c2', 30],
      ['c3', 5],
    ]);
    const added = applyWrite(snapshot, {
      kind: 'kr-saved',
      keyResult: makeKeyResult({ id: 'kr3', ownerId: 'p1' }),
    });
    expect(added.keyResults.map((kr) => kr.id)).toEqual(['kr1', 'kr2', 'kr3']);
    expect(snapshot.keyResults).toHaveLength(2);
  });

  it('removes a KR with its check-ins and escalations, as the foreign keys cascade', () => {
    const removed = applyWrite(snapshot, { kind: 'kr-removed', krId: 'kr2' });
    expect(removed.keyResults.map((kr) => kr.id)).toEqual(['kr1']);
    expect(removed.checkIns.map((c) => c.id)).toEqual(['c1', 'c2']);
    expect(removed.escalations).toEqual([]);
  });

  it('saves a link by objective and refuses a link on an unknown KR', () => {
    const link = makeLink({
      objectiveId: 'objective-new-energy',
      weight: 30,
      linkedAt: '2026-02-01T00:00:00Z',
    });
    const saved = applyWrite(snapshot, { kind: 'link-saved', krId: 'kr1', link });
    expect(saved.keyResults[0]!.links).toEqual([link]);
    expect(() => applyWrite(snapshot, { kind: 'link-saved', krId: 'nope', link })).toThrow(InputError);
  });
});

describe('the dependents of a write', () => {
  const inc = IncrementalEvaluator.create(snapshot, settings, AT);

  it('a check-in: its KR from its month on, the owner, region, team, metrics rows and the open pool', () => {
    const write = {
      kind: 'check-in-saved' as const,
      checkIn: makeCheckIn({ id: 'c9', krId: 'kr1', month: '2026-03', value: 50 }),
    };
    expect(inc.dependents(write)).toEqual({
      full: false,
      krs: [{ krId: 'kr1', months: ['2026-03', '2026-04', '2026-05', '2026-06'] }],
      personIds: ['p1'],
      regionIds: ['r-east'],
      teamIds: ['m1'],
      metricMonths: ['2026-03', '2026-04', '2026-05', '2026-06'],
      poolQuarter: '2026-Q1',
    });
    // A check-in of April cannot change the pool of the first quarter.
    const april = { ...write, checkIn: { ...write.checkIn, month: '2026-04' } };
    expect(inc.dependents(april).poolQuarter).toBeNull();
  });

  it('a moved check-in touches both KRs; settings touch everything', () => {
    const moved = { kind: 'check-in-saved' as const, checkIn: { ...snapshot.checkIns[0]!, krId: 'kr2' } };
    expect(inc.dependents(moved).krs.map((k) => k.krId)).toEqual(['kr1', 'kr2']);
    expect(inc.dependents(moved).personIds).toEqual(['p1', 'p2']);
    expect(inc.dependents({ kind: 'settings-changed', settings }).full).toBe(true);
  });

  it('a link never changes a colour', () => {
    const link = makeLink({ objectiveId: 'objective-new-energy' });
    expect(inc.dependents({ kind: 'link-saved', krId: 'kr2', link }).krs).toEqual([
      { krId: 'kr2', months: [] },
    ]);
  });
});

describe('IncrementalEvaluator', () => {
  it('returns the new colours and events of the KR a check-in touched', () => {
    const inc = IncrementalEvaluator.create(snapshot, settings, AT);
    const checkIn = makeCheckIn({
      id: 'c4',
      krId: 'kr2',
      month: '2026-03',
      value: 60,
      submittedAt: '2026-04-02T09:00:00Z',
    });
    const change = inc.apply({ kind: 'check-in-saved', checkIn });
    const full = evaluate(applyWrite(snapshot, { kind: 'check-in-saved', checkIn }), settings, AT);
    expect(change.full).toBe(false);
    expect(change.krs).toEqual([
      {
        krId: 'kr2',
        removed: false,
        colours: full.colours.filter((c) => c.krId === 'kr2'),
        events: full.events.filter((e) => e.subject.krId === 'kr2'),
      },
    ]);
    expect(change.krs[0]!.colours.find((c) => c.month === '2026-03')?.checkInId).toBe('c4');
    expect(inc.evaluation()).toEqual(full);
  });

  it('refuses a record that does not match the schema and keeps its state', () => {
    const inc = IncrementalEvaluator.create(snapshot, settings, AT);
    const before = inc.evaluation();
    const bad = { ...makeCheckIn({ id: 'c5', krId: 'kr1' }), submittedAt: 'yesterday' };
    expect(() => inc.apply({ kind: 'check-in-saved', checkIn: bad })).toThrow(SnapshotError);
    expect(inc.evaluation()).toEqual(before);
  });

  it('refuses repeated ids, which storage keys never allow', () => {
    const twice = { ...snapshot, keyResults: [kr1, kr1] };
    expect(() => IncrementalEvaluator.create(twice, settings, AT)).toThrow(InputError);
  });

  it('moves to another date with a full evaluation', () => {
    const inc = IncrementalEvaluator.create(snapshot, settings, AT);
    inc.moveTo('2026-07-10');
    expect(inc.date).toBe('2026-07-10');
    expect(inc.quarter).toBe('2026-Q2');
    expect(inc.evaluation()).toEqual(evaluate(snapshot, settings, '2026-07-10'));
    expect(() => inc.moveTo('July')).toThrow(InputError);
    expect(inc.date).toBe('2026-07-10');
  });
});
