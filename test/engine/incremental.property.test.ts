/**
 * Differential test of the incremental evaluator: from a generated snapshot, any sequence of writes
 * applied incrementally gives, after every write, what a full `evaluate()` of the state reached
 * gives, result for result (events, colours, alignment, metrics, contributions, pool). A second
 * property holds the fast whole-organisation `evaluate()` to the domain functions it replaced.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { alignmentRate, linkedRate } from '../../plugin/domain/alignment.ts';
import { contributionDetail } from '../../plugin/domain/contribution.ts';
import { metricsByMonth } from '../../plugin/domain/metrics.ts';
import { krColours } from '../../plugin/domain/pace.ts';
import { computePoolRun } from '../../plugin/domain/pool.ts';
import type { Settings } from '../../plugin/domain/settings.ts';
import type { Snapshot } from '../../plugin/domain/types.ts';
import { defaultRuleSet } from '../../plugin/engine/default-rules.ts';
import { type Evaluation, evaluate } from '../../plugin/engine/evaluate.ts';
import { IncrementalEvaluator } from '../../plugin/engine/incremental-evaluator.ts';
import { applyWrite, type Write } from '../../plugin/engine/incremental-writes.ts';
import { DATES, resolveWrite, settingsArb, snapshotArb, writeSpecArb } from './snapshot-arbitraries.ts';

const rules = defaultRuleSet();
const quarterArb = fc.constantFrom(undefined, undefined, '2026-Q1', '2026-Q2');
const caseArb = fc.record({
  snapshot: snapshotArb,
  settings: settingsArb,
  at: fc.constantFrom(...DATES),
  quarter: quarterArb,
  writes: fc.array(writeSpecArb, { minLength: 1, maxLength: 12 }),
});

function expectSameAsFull(
  inc: IncrementalEvaluator,
  snapshot: Snapshot,
  settings: Settings,
  at: string,
  quarter: string | undefined,
): Evaluation {
  const full = evaluate(snapshot, settings, at, rules, { quarter });
  expect(inc.snapshot()).toEqual(snapshot);
  const got = inc.evaluation();
  expect(got.events).toEqual(full.events);
  expect(got.colours).toEqual(full.colours);
  expect(got.alignment).toEqual(full.alignment);
  expect(got.metrics).toEqual(full.metrics);
  expect(got.pool).toEqual(full.pool);
  expect(got).toEqual(full);
  if (inc.quarter !== null) {
    for (const person of snapshot.people.filter((p) => p.role === 'sales')) {
      const reference = contributionDetail(person.id, snapshot, settings, inc.quarter).contribution;
      expect(inc.contribution(person.id)).toEqual(reference);
    }
  }
  return full;
}

describe('incremental evaluation equals a full evaluation of the state reached', () => {
  it('after every write of any sequence, result for result', () => {
    fc.assert(
      fc.property(caseArb, ({ snapshot, settings, at, quarter, writes }) => {
        const inc = IncrementalEvaluator.create(snapshot, settings, at, rules, { quarter });
        let state = snapshot;
        let current = settings;
        expectSameAsFull(inc, state, current, at, quarter);
        for (const [i, spec] of writes.entries()) {
          const write: Write = resolveWrite(spec, state, i);
          const change = inc.apply(write);
          state = applyWrite(state, write);
          if (write.kind === 'settings-changed') current = write.settings;
          const full = expectSameAsFull(inc, state, current, at, quarter);
          // What apply() returned is the new state of each KR it touched.
          for (const kr of change.krs) {
            expect(kr.colours).toEqual(full.colours.filter((c) => c.krId === kr.krId));
            expect(kr.events).toEqual(full.events.filter((e) => e.subject.krId === kr.krId));
            expect(kr.removed).toBe(!state.keyResults.some((k) => k.id === kr.krId));
          }
          // Every KR whose results changed was named by the write's dependents.
          if (!change.full) {
            const named = new Set(change.dependents.krs.map((k) => k.krId));
            for (const kr of change.krs) expect(named.has(kr.krId)).toBe(true);
          }
          if (change.poolEvents !== null) {
            expect(change.poolEvents).toEqual(full.events.filter((e) => e.subject.quarter !== undefined));
          }
        }
      }),
      { numRuns: 100 },
    );
  }, 120_000);

  it('catches a wrong incremental step (the comparison can fail)', () => {
    const [c] = fc.sample(
      caseArb.filter((x) => x.snapshot.keyResults.some((kr) => kr.ownerType === 'person')),
      {
        numRuns: 1,
        seed: 7,
      },
    );
    const { snapshot, settings, at } = c!;
    const inc = IncrementalEvaluator.create(snapshot, settings, at, rules);
    const kr = snapshot.keyResults.find((k) => k.ownerType === 'person')!;
    const write: Write = {
      kind: 'check-in-saved',
      checkIn: {
        ...(snapshot.checkIns[0] ?? {}),
        id: 'x',
        krId: kr.id,
        month: '2026-01',
        value: 7,
        submittedAt: '2026-01-05T00:00:00Z',
        selfColour: null,
        colourNote: '',
        blockers: '',
        resourceRequest: null,
        confidence: 5,
      },
    };
    inc.apply(write);
    // The full evaluation of the state before the write is not what the evaluator holds now.
    expect(() => expectSameAsFull(inc, snapshot, settings, at, undefined)).toThrow();
  });
});

describe('evaluate() over a whole organisation agrees with the domain functions', () => {
  it('colours, alignment and linked rates, metrics rows and the pool run', () => {
    fc.assert(
      fc.property(
        snapshotArb,
        settingsArb,
        fc.constantFrom(...DATES),
        quarterArb,
        (snapshot, settings, at, quarter) => {
          const result = evaluate(snapshot, settings, at, rules, { quarter });
          const colours = snapshot.keyResults.flatMap((kr) =>
            krColours(
              kr,
              snapshot.checkIns.filter((c) => c.krId === kr.id),
              snapshot.cycle,
              settings,
              at,
            ),
          );
          expect(result.colours).toEqual(colours);
          expect(result.alignment.rate).toBe(
            alignmentRate(snapshot.keyResults, snapshot.objectives, settings, at).rate,
          );
          expect(result.alignment.linkedRate).toBe(linkedRate(snapshot.keyResults, at).rate);
          expect(result.metrics).toEqual(
            metricsByMonth(snapshot, settings).filter((m) => m.month <= at.slice(0, 7)),
          );
          if (result.pool !== null)
            expect(result.pool).toEqual(computePoolRun(snapshot, settings, result.pool.quarter));
        },
      ),
      { numRuns: 150 },
    );
  }, 120_000);
});
