/**
 * `snapshotFrom: 'storage'`: a snapshot the host built from its typed storage is evaluated without
 * the schema check, with the same results; one from outside is still refused with the same error.
 */
import { describe, expect, it } from 'vitest';
import { caseStudySnapshot } from '../../host/demo/case-study.ts';
import { makeKeyResult, makeSettings, makeSnapshot } from '../../plugin/domain/test-factories.ts';
import type { Snapshot } from '../../plugin/domain/types.ts';
import { SnapshotError } from '../../plugin/engine/errors.ts';
import { evaluate } from '../../plugin/engine/evaluate.ts';
import { IncrementalEvaluator } from '../../plugin/engine/incremental-evaluator.ts';
import { validateSnapshot } from '../../plugin/engine/validate-snapshot.ts';

const settings = makeSettings();
const AT = '2026-06-15';

/** A snapshot from outside without a KR's owner, and the error `evaluate` gives for it. */
function brokenDocument(): { broken: Snapshot; error: SnapshotError } {
  const broken = JSON.parse(JSON.stringify(makeSnapshot({ keyResults: [makeKeyResult()] })));
  delete broken.keyResults[0].ownerId;
  const error = new SnapshotError('org.json', [
    { path: 'keyResults[0].ownerId', message: 'required field is missing' },
  ]);
  return { broken, error };
}

describe("evaluate with snapshotFrom: 'storage'", () => {
  it('gives what the checked evaluation gives', () => {
    const checked = evaluate(caseStudySnapshot(), settings, AT);
    const stored = evaluate(caseStudySnapshot(), settings, AT, undefined, { snapshotFrom: 'storage' });
    expect(stored).toEqual(checked);
    expect(stored.events.length).toBeGreaterThan(0);
  });

  it('does not run the schema check: a field the engine never reads may be off', () => {
    const snapshot = makeSnapshot({ keyResults: [makeKeyResult({ title: 42 as unknown as string })] });
    expect(() => evaluate(snapshot, settings, AT)).toThrow(SnapshotError);
    expect(evaluate(snapshot, settings, AT, undefined, { snapshotFrom: 'storage' }).colours).toEqual(
      evaluate({ ...snapshot, keyResults: [makeKeyResult()] }, settings, AT).colours,
    );
  });

  it('fills a missing creation date as the check does', () => {
    const without = () => {
      const snapshot = makeSnapshot({ keyResults: [makeKeyResult()] });
      delete (snapshot.keyResults[0] as Partial<Snapshot['keyResults'][0]>).createdAt;
      return snapshot;
    };
    const checked = validateSnapshot(without());
    const stored = without();
    const evaluation = evaluate(stored, settings, AT, undefined, { snapshotFrom: 'storage' });
    expect(stored.keyResults[0]!.createdAt).toBeDefined();
    expect(stored.keyResults[0]!.createdAt).toBe(checked.keyResults[0]!.createdAt);
    expect(evaluation).toEqual(evaluate(without(), settings, AT));
  });

  it.each([
    ['by default', {}],
    ["with snapshotFrom: 'outside'", { snapshotFrom: 'outside' as const }],
  ])('still refuses a malformed snapshot from outside %s, with the same error', (_, options) => {
    const { broken, error } = brokenDocument();
    expect(() => evaluate(broken, settings, AT, undefined, { source: 'org.json', ...options })).toThrow(
      error,
    );
    expect(() =>
      IncrementalEvaluator.create(broken, settings, AT, undefined, { source: 'org.json', ...options }),
    ).toThrow(error);
  });

  it('holds for the incremental evaluator too', () => {
    const incremental = IncrementalEvaluator.create(caseStudySnapshot(), settings, AT, undefined, {
      snapshotFrom: 'storage',
    });
    expect(incremental.evaluation()).toEqual(evaluate(caseStudySnapshot(), settings, AT));
  });
});
