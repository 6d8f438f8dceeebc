import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RULE_FILES } from '../../plugin/engine/default-rules.ts';
import { FACT_FIELDS, FACT_NAMES } from '../../plugin/engine/fact-catalogue.ts';
import { EVENT_TYPES, OPERATORS } from '../../plugin/engine/rule-types.ts';
import ruleFileSchema from '../../rules/rule-file.schema.json' with { type: 'json' };

function numbersIn(value: unknown, path: string, into: string[]): string[] {
  if (typeof value === 'number') into.push(path);
  else if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) numbersIn(item, `${path}[${i}]`, into);
  } else if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) numbersIn(child, `${path}.${key}`, into);
  }
  return into;
}

describe('rule files and their schema', () => {
  it('lists in the schema exactly the facts, operators and event types the engine knows', () => {
    const definitions = ruleFileSchema.definitions;
    expect(definitions.factName.enum).toEqual(FACT_NAMES);
    expect(definitions.operator.enum).toEqual(OPERATORS);
    expect(definitions.eventType.enum).toEqual(EVENT_TYPES);
  });

  it('writes no number in any shipped rule (only rule priorities may be numbers)', () => {
    for (const file of DEFAULT_RULE_FILES) {
      const rules = (file.json as { rules: unknown[] }).rules;
      const numbers = numbersIn(rules, file.name, []).filter((path) => !path.endsWith('.priority'));
      expect(numbers).toEqual([]);
    }
  });

  it('documents every fact property in rules/README.md', () => {
    const readme = readFileSync(new URL('../../rules/README.md', import.meta.url), 'utf8');
    for (const [fact, fields] of Object.entries(FACT_FIELDS)) {
      expect(readme).toContain(`### \`${fact}\``);
      for (const field of Object.keys(fields)) expect(readme, `${fact}.${field}`).toContain(`\`${field}\``);
    }
  });
});
