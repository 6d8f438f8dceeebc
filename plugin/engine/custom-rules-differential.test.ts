import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { factSetArb, ruleArb } from '../../test/engine/arbitraries.ts';
import { type CustomRule, effectiveSettings, ruleSetWithCustom } from './custom-rules.ts';
import type { FactSet, SubjectKind } from './fact-catalogue.ts';
import { referenceEngine } from './reference-engine.ts';

const SUBJECTS: readonly SubjectKind[] = ['kr', 'month', 'account', 'pool'];
const NUMBER_FIELD: Record<SubjectKind, string> = {
  kr: '$.score',
  month: '$.confidence',
  account: '$.daysSinceContact',
  pool: '$.eligibleCount',
};

/** A generated rule of the accepted subset as an admin's custom rule, also reading a declared setting. */
const customRuleArb = (subject: SubjectKind, i: number): fc.Arbitrary<CustomRule> =>
  fc.tuple(ruleArb(subject, `gen-${subject}-${i}`), fc.integer({ min: 0, max: 110 })).map(([rule, t]) => ({
    name: rule.name,
    title: { 'zh-CN': `规则 ${i}`, 'en-US': `Rule ${i}` },
    level: subject,
    conditions: {
      all: [
        rule.conditions,
        {
          fact: subject,
          path: NUMBER_FIELD[subject],
          operator: 'lessThanInclusive',
          value: { fact: 'settings', path: `$.customRules.gen${i}.t` },
        },
      ],
    },
    event: { type: `custom.gen-${i % 2}`, ...(rule.event.params ? { params: rule.event.params } : {}) },
    settings: [
      {
        path: `customRules.gen${i}.t`,
        title: { 'zh-CN': '阈值', 'en-US': 'Threshold' },
        minimum: 0,
        maximum: 110,
        default: t,
      },
    ],
  }));

function factsFor(subject: SubjectKind, all: Required<FactSet>, settings: unknown): FactSet {
  if (subject === 'month') return { settings, kr: all.kr, month: all.month };
  return { settings, [subject]: all[subject] };
}

describe('compiled custom rules agree with json-rules-engine', () => {
  it('on generated custom rules with declared settings, for random facts', async () => {
    const docArb = fc
      .tuple(...SUBJECTS.map((s, k) => fc.array(customRuleArb(s, k), { minLength: 1, maxLength: 2 })))
      .map((groups) => ({
        rules: groups.flat().map((rule, i) => ({
          ...rule,
          name: `${rule.name}-${i}`,
          settings: rule.settings!.map((s) => ({ ...s, path: `${s.path}x${i}` })),
          conditions: JSON.parse(
            JSON.stringify(rule.conditions).replace(/(\$\.customRules\.gen\d+\.t)/, `$1x${i}`),
          ),
        })),
      }));
    await fc.assert(
      fc.asyncProperty(
        docArb,
        fc.array(factSetArb, { minLength: 1, maxLength: 3 }),
        async (doc, factSets) => {
          const ruleSet = ruleSetWithCustom(doc);
          for (const all of factSets) {
            const settings = effectiveSettings(all.settings, doc);
            for (const subject of SUBJECTS) {
              const facts = factsFor(subject, all as Required<FactSet>, settings);
              const compiled = ruleSet.bySubject[subject]
                .filter((rule) => rule.test(facts))
                .map((rule) => ({ name: rule.name, type: rule.eventType, params: rule.params(facts) }));
              const reference = await referenceEngine(ruleSet, subject)(facts);
              const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
              expect(compiled.sort(byName)).toEqual(reference.sort(byName));
            }
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
