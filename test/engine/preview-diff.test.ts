import demo from '../../host/demo/case-study.snapshot.json' with { type: 'json' };
import type { Snapshot } from '../../plugin/domain/types.ts';
import { defaultSettings, evaluate } from '../../plugin/engine/index.ts';
import { compareEvaluations, diffDocuments } from '../../plugin/engine/preview-diff.ts';

const demoSnapshot = (): Snapshot => structuredClone(demo) as Snapshot;

describe('settings preview diff (every host)', () => {
  const snapshot = demoSnapshot();
  const at = snapshot.cycle.end;
  const current = defaultSettings();
  const before = { settings: current, evaluation: evaluate(snapshot, current, at) };

  it('reports nothing when the proposal equals the current settings', () => {
    const p = compareEvaluations(snapshot, before, before, at);
    expect(p.changes).toEqual([]);
    expect(p.alignmentFlips).toEqual([]);
    expect(p.colours).toEqual([]);
    expect(p.escalations).toEqual([]);
    expect(p.poolShares).toEqual([]);
  });

  it('shows KRs that stop counting as aligned when the minimum score rises', () => {
    const proposed = defaultSettings();
    proposed.alignment.minScore = 95;
    const p = compareEvaluations(
      snapshot,
      before,
      { settings: proposed, evaluation: evaluate(snapshot, proposed, at) },
      at,
    );
    expect(p.changes).toEqual([
      { path: 'alignment.minScore', before: current.alignment.minScore, after: 95 },
    ]);
    expect(p.alignmentFlips.length).toBeGreaterThan(0);
    expect(p.alignmentFlips.every((f) => f.before.aligned && !f.after.aligned)).toBe(true);
    expect(p.alignmentRate.after).toBeLessThan(p.alignmentRate.before);
  });

  it('diffs documents leaf by leaf', () => {
    expect(diffDocuments({ a: { b: 1, c: [1] } }, { a: { b: 2, c: [1] }, d: true })).toEqual([
      { path: 'a.b', before: 1, after: 2 },
      { path: 'd', before: null, after: true },
    ]);
  });
});
