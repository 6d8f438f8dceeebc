import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultRuleSet } from '../../plugin/engine/default-rules.ts';
import type { FactSet, SubjectKind } from '../../plugin/engine/fact-catalogue.ts';
import { loadRules } from '../../plugin/engine/load-rules.ts';
import { type ReferenceResult, referenceEngine } from '../../plugin/engine/reference-engine.ts';
import type { RuleSet } from '../../plugin/engine/rule-types.ts';
import { factSetArb, ruleArb } from './arbitraries.ts';

type Fired = ReferenceResult;

const SUBJECTS: readonly SubjectKind[] = ['kr', 'month', 'account', 'pool'];

function factsFor(subject: SubjectKind, all: Required<FactSet>): FactSet {
  if (subject === 'month') return { settings: all.settings, kr: all.kr, month: all.month };
  return { settings: all.settings, [subject]: all[subject] };
}

function compiledEvents(ruleSet: RuleSet, subject: SubjectKind, facts: FactSet): Fired[] {
  return ruleSet.bySubject[subject]
    .filter((rule) => rule.test(facts))
    .map((rule) => ({ name: rule.name, type: rule.eventType, params: rule.params(facts) }));
}

const byName = (a: Fired, b: Fired) => a.name.localeCompare(b.name);

async function expectSameEvents(ruleSet: RuleSet, all: Required<FactSet>): Promise<void> {
  for (const subject of SUBJECTS) {
    if (ruleSet.bySubject[subject].length === 0) continue;
    const facts = factsFor(subject, all);
    const compiled = compiledEvents(ruleSet, subject, facts).sort(byName);
    const reference = (await referenceEngine(ruleSet, subject)(facts)).sort(byName);
    expect(compiled).toEqual(reference);
  }
}

describe('compiled rules agree with json-rules-engine, result for result', () => {
  it('on the shipped rule files, for random facts and settings', async () => {
    const ruleSet = defaultRuleSet();
    await fc.assert(
      fc.asyncProperty(factSetArb, (facts) => expectSameEvents(ruleSet, facts as Required<FactSet>)),
      { numRuns: 150 },
    );
  });

  it('on random rules of the accepted subset, for random facts and settings', async () => {
    const rulesArb = fc.tuple(
      ...SUBJECTS.map((subject) => fc.array(ruleArb(subject, subject), { minLength: 1, maxLength: 3 })),
    );
    await fc.assert(
      fc.asyncProperty(
        rulesArb,
        fc.array(factSetArb, { minLength: 1, maxLength: 4 }),
        async (groups, factSets) => {
          const rules = groups.flat().map((rule, i) => ({ ...rule, name: `${rule.name}-${i}` }));
          const ruleSet = loadRules([
            {
              name: 'random.rules.json',
              json: { id: 'test.random', facts: ['settings', 'kr', 'month', 'account', 'pool'], rules },
            },
          ]);
          for (const facts of factSets) await expectSameEvents(ruleSet, facts as Required<FactSet>);
        },
      ),
      { numRuns: 120 },
    );
  });

  it('fails when the compiled path diverges (the test can catch a wrong operator)', async () => {
    const ruleSet = defaultRuleSet();
    const broken: RuleSet = {
      ...ruleSet,
      bySubject: {
        ...ruleSet.bySubject,
        kr: ruleSet.bySubject.kr.map((rule) => ({ ...rule, test: (facts: FactSet) => !rule.test(facts) })),
      },
    };
    const facts = fc.sample(factSetArb, { numRuns: 1, seed: 1 })[0] as Required<FactSet>;
    await expect(expectSameEvents(broken, facts)).rejects.toThrow();
  });
});
