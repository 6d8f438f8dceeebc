import { describe, expect, it } from 'vitest';
import { caseStudySnapshot } from '../../host/demo/case-study.ts';
import {
  makeAlignedKeyResult,
  makeCheckIn,
  makePerson,
  makeSettings,
  makeSnapshot,
} from '../../plugin/domain/test-factories.ts';
import type { KeyResult, Snapshot } from '../../plugin/domain/types.ts';
import { evaluate } from '../../plugin/engine/evaluate.ts';
import { createIncrementalEvaluator } from '../../plugin/engine/incremental-evaluator.ts';

const settings = makeSettings();
const people = [makePerson({ id: 'person-1' }), makePerson({ id: 'person-2' })];
const old = makeAlignedKeyResult({ id: 'kr-old' });
// Proposed mid-April, never checked in, never linked: before the fix it was red from January.
const late = makeAlignedKeyResult({ id: 'kr-late', ownerId: 'person-2', createdAt: '2026-04-15T03:00:00Z' });
const checkIns = ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05'].map((month, i) =>
  makeCheckIn({ krId: 'kr-old', month, value: 2 * (i + 1) }),
);
const snapshot = makeSnapshot({ people, keyResults: [old, late], checkIns });

const eventsOf = (s: Snapshot, at: string, krId: string) =>
  evaluate(s, settings, at)
    .events.filter((e) => e.subject.krId === krId)
    .map((e) => `${e.type}${e.subject.month ? ` ${e.subject.month}` : ''}`);

describe('the engine counts a KR from the month it was created', () => {
  it('raises nothing for the months before it: no red, no missing check-in, no escalation, not stale', () => {
    // 25 days after it was proposed (the cycle began 129 days before).
    const events = eventsOf(snapshot, '2026-05-10', 'kr-late');
    expect(events.filter((e) => /20\d\d-0[1-3]$/.test(e))).toEqual([]);
    expect(events).not.toContain('kr-stale');
    // From April on it owes its check-ins like any KR.
    expect(events).toEqual(
      expect.arrayContaining(['calibration-red 2026-04', 'checkin-missing 2026-04', 'escalate 2026-04']),
    );
  });

  it('leaves it out of the metrics rows before it existed, and the whole organisation pass agrees', () => {
    const without = makeSnapshot({ people, keyResults: [old], checkIns });
    const rows = evaluate(snapshot, settings, '2026-06-10').metrics;
    expect(rows.slice(0, 3)).toEqual(evaluate(without, settings, '2026-06-10').metrics.slice(0, 3));
    expect(rows[3]!.linkedRate).toBe(1);
    const incremental = createIncrementalEvaluator(
      makeSnapshot({ people, keyResults: [old], checkIns }),
      settings,
      '2026-06-10',
    );
    incremental.apply({ kind: 'kr-saved', keyResult: late });
    expect(incremental.evaluation()).toEqual(evaluate(snapshot, settings, '2026-06-10'));
  });

  it('evaluates an old snapshot without createdAt exactly as one dated from the cycle start', () => {
    const fromStart = caseStudySnapshot();
    const start = `${fromStart.cycle.start}T00:00:00Z`;
    for (const kr of fromStart.keyResults) kr.createdAt = start;
    const stored = caseStudySnapshot();
    for (const kr of stored.keyResults) delete (kr as Partial<KeyResult>).createdAt;
    const before = evaluate(stored, settings, '2026-06-30');
    expect(stored.keyResults.every((kr) => kr.createdAt === start)).toBe(true);
    expect(before).toEqual(evaluate(fromStart, settings, '2026-06-30'));
    // The case's KRs, proposed at the kickoff a week later, owe the same months.
    expect(evaluate(caseStudySnapshot(), settings, '2026-06-30').colours).toEqual(before.colours);
  });
});
