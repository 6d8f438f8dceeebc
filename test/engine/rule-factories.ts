/** Builders of rule files for engine tests. */
import type { RuleFileInput } from '../../plugin/engine/load-rules.ts';

type Json = Record<string, unknown>;

/** A valid `kr` rule: score below the minimum alignment score. */
export function makeRule(overrides: Json = {}): Json {
  return {
    name: 'alignment-low',
    conditions: {
      all: [
        {
          fact: 'kr',
          path: '$.score',
          operator: 'lessThan',
          value: { fact: 'settings', path: '$.alignment.minScore' },
        },
      ],
    },
    event: { type: 'alignment-low', params: { score: { fact: 'kr', path: '$.score' } } },
    ...overrides,
  };
}

/** A rule whose only condition is `condition`. */
export function makeRuleWith(condition: Json, overrides: Json = {}): Json {
  return makeRule({ conditions: { all: [condition] }, ...overrides });
}

export function makeRuleFile(
  rules: Json[],
  overrides: Json = {},
  name = 'rules/test.rules.json',
): RuleFileInput {
  return {
    name,
    json: {
      $schema: './rule-file.schema.json',
      id: 'test.rules',
      facts: ['settings', 'kr', 'month', 'account', 'pool'],
      rules,
      ...overrides,
    },
  };
}
