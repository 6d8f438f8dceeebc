import { describe, expect, it } from 'vitest';
import { DEFAULT_RULE_FILES, defaultRuleSet } from '../../plugin/engine/default-rules.ts';
import { RuleFileError } from '../../plugin/engine/errors.ts';
import { loadRules, type RuleFileInput } from '../../plugin/engine/load-rules.ts';
import { RuleStore } from '../../plugin/engine/stores.ts';
import { makeRule, makeRuleFile, makeRuleWith } from './rule-factories.ts';

function messageOf(files: RuleFileInput[]): string {
  try {
    loadRules(files);
  } catch (error) {
    expect(error).toBeInstanceOf(RuleFileError);
    return (error as Error).message;
  }
  throw new Error('expected the rule files to be refused');
}

const F = 'rules/test.rules.json › rule "alignment-low"';
const krScore = { fact: 'kr', path: '$.score' };
const minScore = { fact: 'settings', path: '$.alignment.minScore' };

describe('loadRules', () => {
  it('loads and compiles the shipped rule files', () => {
    const ruleSet = defaultRuleSet();
    expect(ruleSet.files.map((file) => file.id)).toEqual([
      'okr-align.alignment',
      'okr-align.calibration',
      'okr-align.alerts',
      'okr-align.pool',
    ]);
    expect(
      Object.fromEntries(Object.entries(ruleSet.bySubject).map(([k, v]) => [k, v.map((r) => r.name)])),
    ).toEqual({
      kr: ['alignment-low', 'kr-unlinked', 'kr-stale'],
      month: ['calibration-amber', 'calibration-red', 'escalate-red-or-amber-streak', 'checkin-missing'],
      account: ['key-client-gap'],
      pool: ['pool-weights'],
    });
  });

  it.each([
    [
      'an unknown fact',
      makeRuleWith({ fact: 'krr', path: '$.score', operator: 'lessThan', value: minScore }),
      `${F} › conditions.all[0].fact: unknown fact "krr" (known facts: settings, kr, month, account, pool) (did you mean "kr"?)`,
    ],
    [
      'an unknown operator',
      makeRuleWith({ ...krScore, operator: 'lessThen', value: minScore }),
      `${F} › conditions.all[0].operator: unknown operator "lessThen" (allowed: equal, notEqual, lessThan, lessThanInclusive, greaterThan, greaterThanInclusive, in, notIn) (did you mean "lessThan"?)`,
    ],
    [
      'a filter JSONPath',
      makeRuleWith({ fact: 'kr', path: '$..[?(@.x)]', operator: 'lessThan', value: minScore }),
      `${F} › conditions.all[0].path: path "$..[?(@.x)]" is not a plain property path like "$.a.b" (filters, scripts, wildcards, recursive descent and brackets are refused)`,
    ],
    [
      'a script JSONPath in a fact reference',
      makeRuleWith({
        ...krScore,
        operator: 'lessThan',
        value: { fact: 'settings', path: '$[(@.length-1)]' },
      }),
      `${F} › conditions.all[0].value.path: path "$[(@.length-1)]" is not a plain property path like "$.a.b" (filters, scripts, wildcards, recursive descent and brackets are refused)`,
    ],
    [
      'a wildcard JSONPath',
      makeRuleWith({ fact: 'kr', path: '$.*', operator: 'lessThan', value: minScore }),
      `${F} › conditions.all[0].path: path "$.*" is not a plain property path like "$.a.b" (filters, scripts, wildcards, recursive descent and brackets are refused)`,
    ],
    [
      'a settings path that does not exist',
      makeRuleWith({
        ...krScore,
        operator: 'lessThan',
        value: { fact: 'settings', path: '$.alignment.minScor' },
      }),
      `${F} › conditions.all[0].value: path "$.alignment.minScor" is not a setting (did you mean "$.alignment.minScore"?)`,
    ],
    [
      'a settings path to a group, not a setting',
      makeRuleWith({ ...krScore, operator: 'lessThan', value: { fact: 'settings', path: '$.alignment' } }),
      `${F} › conditions.all[0].value: path "$.alignment" is not a setting`,
    ],
    [
      'a property the fact does not have',
      makeRuleWith({ fact: 'kr', path: '$.scor', operator: 'lessThan', value: minScore }),
      `${F} › conditions.all[0].path: path "$.scor" is not a property of fact "kr" (did you mean "$.score"?)`,
    ],
    [
      'a numeric literal threshold',
      makeRuleWith({ ...krScore, operator: 'lessThan', value: 60 }),
      `${F} › conditions.all[0].value: numeric literal 60 where a threshold is expected: thresholds come from settings, e.g. {"fact": "settings", "path": "$.alignment.minScore"}`,
    ],
    [
      'a numeric literal in event params',
      makeRule({ event: { type: 'alignment-low', params: { minScore: 60 } } }),
      `${F} › event.params.minScore: numeric literal 60 where a threshold is expected: thresholds come from settings, e.g. {"fact": "settings", "path": "$.alignment.minScore"}`,
    ],
    [
      'a numeric operator compared with a string',
      makeRuleWith({ ...krScore, operator: 'lessThan', value: 'sixty' }),
      `${F} › conditions.all[0].value: operator "lessThan" needs a threshold: thresholds come from settings, e.g. {"fact": "settings", "path": "$.alignment.minScore"}`,
    ],
    [
      'a numeric operator on a text property',
      makeRuleWith({ fact: 'kr', path: '$.ownerType', operator: 'lessThan', value: minScore }),
      `${F} › conditions.all[0].operator: operator "lessThan" compares numbers, but kr.ownerType is one of person, region`,
    ],
    [
      'a literal that can never match',
      makeRuleWith({ fact: 'month', path: '$.colour', operator: 'equal', value: 'ambre' }),
      `${F} › conditions.all[0].value: "ambre" can never match month.colour, which is one of green, amber, red`,
    ],
    [
      'an unknown event type',
      makeRule({ event: { type: 'alignment-lo' } }),
      `${F} › event.type: unknown event type "alignment-lo" (known: alignment-low, kr-unlinked, calibration-amber, calibration-red, escalate, key-client-gap, checkin-missing, kr-stale, pool-weights) (did you mean "alignment-low"?)`,
    ],
    [
      'a root condition that is not all/any/not',
      makeRule({ conditions: { ...krScore, operator: 'lessThan', value: minScore } }),
      `${F} › conditions: must be {"all": [...]}, {"any": [...]} or {"not": {...}}`,
    ],
    ['a missing event', makeRule({ event: undefined }), `${F} › event: required field is missing`],
    [
      'an unknown field in a condition',
      makeRuleWith({ ...krScore, operator: 'lessThan', value: minScore, params: {} }),
      `${F} › conditions.all[0].params: is not a known field`,
    ],
    [
      'facts of two subjects in one rule',
      makeRuleWith({ fact: 'account', path: '$.neverContacted', operator: 'equal', value: true }),
      `${F}: mixes facts of different subjects (account, kr); only "month" rules may also read "kr"`,
    ],
    [
      'an empty condition list',
      makeRule({ event: { type: 'alignment-low' }, conditions: { all: [] } }),
      `${F} › conditions.all: must NOT have fewer than 1 items`,
    ],
  ])('refuses %s, naming file, rule and field', (_, rule, message) => {
    expect(messageOf([makeRuleFile([JSON.parse(JSON.stringify(rule))])])).toBe(message);
  });

  it('refuses a fact the file does not declare', () => {
    const file = makeRuleFile([makeRule()], { facts: ['settings'] });
    expect(messageOf([file])).toBe(
      `${F} › conditions.all[0].path: fact "kr" is not declared in this file's "facts" (settings)\n` +
        `${F} › event.params.score: fact "kr" is not declared in this file's "facts" (settings)`,
    );
  });

  it('refuses duplicate rule names, within a file and across files', () => {
    expect(messageOf([makeRuleFile([makeRule(), makeRule()])])).toBe(
      `${F} › name: duplicate rule name: "alignment-low" is already used in rules/test.rules.json`,
    );
    const other = makeRuleFile([makeRule()], { id: 'test.other' }, 'rules/other.rules.json');
    expect(messageOf([makeRuleFile([makeRule()]), other])).toBe(
      'rules/other.rules.json › rule "alignment-low" › name: duplicate rule name: "alignment-low" is already used in rules/test.rules.json',
    );
  });

  it('refuses a rule reading only settings', () => {
    const rule = makeRuleWith(
      { fact: 'settings', path: '$.alignment.minScore', operator: 'lessThan', value: minScore },
      { event: { type: 'alignment-low' } },
    );
    expect(messageOf([makeRuleFile([rule])])).toBe(
      `${F}: reads no subject fact: a rule must read one of kr, month, account or pool`,
    );
  });

  it('names a rule without a name by its index', () => {
    expect(messageOf([makeRuleFile([makeRule({ name: undefined })])])).toBe(
      'rules/test.rules.json › rule "#0" › name: required field is missing',
    );
  });

  it('reports every problem of every file', () => {
    const bad = makeRuleWith({ fact: 'krr', path: '$.score', operator: 'lessThan', value: 60 });
    const error = (() => {
      try {
        loadRules([makeRuleFile([bad]), { name: 'rules/x.rules.json', json: { id: 'x', rules: [] } }]);
      } catch (e) {
        return e as RuleFileError;
      }
      throw new Error('expected a RuleFileError');
    })();
    expect(error.issues.map((issue) => [issue.file, issue.rule, issue.field])).toEqual([
      ['rules/test.rules.json', 'alignment-low', 'conditions.all[0].fact'],
      ['rules/test.rules.json', 'alignment-low', 'conditions.all[0].value'],
      ['rules/x.rules.json', undefined, 'facts'],
      ['rules/x.rules.json', undefined, 'id'],
    ]);
  });
});

describe('RuleStore', () => {
  it('keeps the last good rule file when a candidate is bad', () => {
    const store = new RuleStore(DEFAULT_RULE_FILES);
    const alignment = DEFAULT_RULE_FILES[0]!;
    const broken = structuredClone(alignment.json) as {
      rules: { conditions: { all: { value: unknown }[] } }[];
    };
    broken.rules[0]!.conditions.all[0]!.value = { fact: 'settings', path: '$.alignment.minScor' };
    const result = store.propose({ name: alignment.name, json: broken });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.message).toBe(
        'rules/alignment.rules.json › rule "alignment-low" › conditions.all[0].value: path "$.alignment.minScor" is not a setting (did you mean "$.alignment.minScore"?)',
      );
    }
    expect(store.current().rules.map((rule) => rule.name)).toContain('alignment-low');
    expect(store.version()).toBe(1);

    const renamed = structuredClone(alignment.json) as { rules: { name: string }[] };
    renamed.rules[1]!.name = 'kr-has-no-link';
    const accepted = store.propose({ name: alignment.name, json: renamed });
    expect(accepted.ok).toBe(true);
    expect(store.current().rules.map((rule) => rule.name)).toContain('kr-has-no-link');
    expect(store.version()).toBe(2);
  });

  it('refuses a new file that reuses a rule name of another file', () => {
    const store = new RuleStore(DEFAULT_RULE_FILES);
    const result = store.propose(makeRuleFile([makeRule()]));
    expect(result.ok).toBe(false);
    expect(store.current().rules).toHaveLength(9);
  });

  it('removes a file only when the rest stays valid', () => {
    const store = new RuleStore(DEFAULT_RULE_FILES);
    const result = store.remove('rules/pool.rules.json');
    expect(result.ok).toBe(true);
    expect(store.current().bySubject.pool).toEqual([]);
    expect(store.version()).toBe(2);
  });
});
