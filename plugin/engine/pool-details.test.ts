import { describe, expect, it } from 'vitest';
import { computePoolRun } from '../domain/pool.ts';
import {
  makeCheckIn,
  makeKeyResult,
  makeLink,
  makeObjective,
  makePerson,
  makeSettings,
  makeSnapshot,
} from '../domain/test-factories.ts';
import { defaultRuleSet } from './default-rules.ts';
import { evaluate } from './evaluate.ts';

// Links on the quarter's last second and just after it; KRs listed out of id order; a revised target.
const snapshot = makeSnapshot({
  people: [makePerson({ id: 'p-a' }), makePerson({ id: 'p-b' })],
  objectives: [makeObjective(), makeObjective({ id: 'objective-margin', weight: 3 })],
  keyResults: [
    makeKeyResult({
      id: 'kr-z',
      ownerId: 'p-a',
      links: [makeLink({ linkedAt: '2026-06-30T23:59:59Z' })],
    }),
    makeKeyResult({
      id: 'kr-m',
      ownerId: 'p-a',
      links: [makeLink({ objectiveId: 'objective-margin', weight: 40, linkedAt: '2026-07-01T00:00:00Z' })],
    }),
    makeKeyResult({
      id: 'kr-b',
      ownerId: 'p-b',
      target: 20,
      links: [makeLink({ objectiveId: 'objective-margin', weight: 50 })],
      targetHistory: [{ at: '2026-05-15T00:00:00Z', previousTarget: 10, newTarget: 20, reason: '' }],
    }),
  ],
  checkIns: [
    makeCheckIn({ krId: 'kr-z', month: '2026-06', value: 9 }),
    makeCheckIn({ krId: 'kr-m', month: '2026-05', value: 30 }),
    makeCheckIn({ krId: 'kr-b', month: '2026-04', value: 8 }),
    makeCheckIn({ krId: 'kr-b', month: '2026-07', value: 19, submittedAt: '2026-07-02T09:00:00Z' }),
  ],
});

describe('the pool run of evaluate()', () => {
  it('is the domain pool run, with the system score from the KR pass', () => {
    const settings = makeSettings({ pool: { minContribution: 0 } });
    const result = evaluate(snapshot, settings, '2026-07-10', defaultRuleSet(), { quarter: '2026-Q2' });
    expect(result.pool).toEqual(computePoolRun(snapshot, settings, '2026-Q2'));
    const lines = result
      .pool!.statements.flatMap((s) => s.lines)
      .filter((l) => l.key.startsWith('statement.system.kr'));
    // Per person (by id), KRs sorted by id; the link made after the quarter's end does not count.
    expect(lines.map((l) => [l.params.krId, l.params.strategicWeight ?? 0])).toEqual([
      ['kr-m', 0],
      ['kr-z', 1],
      ['kr-b', 1.5],
    ]);
  });

  it('is the domain pool run for a quarter that ends after the "as of" date', () => {
    const settings = makeSettings({ pool: { minContribution: 0 } });
    const result = evaluate(snapshot, settings, '2026-05-10', defaultRuleSet(), { quarter: '2026-Q2' });
    expect(result.pool).toEqual(computePoolRun(snapshot, settings, '2026-Q2'));
  });
});
