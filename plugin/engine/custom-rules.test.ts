import { describe, expect, it } from 'vitest';
import settingsSchema from '../../rules/settings.schema.json' with { type: 'json' };
import {
  type CustomRuleDocument,
  customEventTypes,
  customSettingsIssues,
  effectiveSettings,
  effectiveSettingsSchema,
  ruleSetWithCustom,
  validateCustomRules,
} from './custom-rules.ts';
import { LOW_CONFIDENCE_RULES } from './custom-rules-examples.ts';
import { defaultSettings } from './default-rules.ts';
import { RuleFileError } from './errors.ts';

const base = LOW_CONFIDENCE_RULES.rules[0]!;
const firstLeaf = (base.conditions as { all: object[] }).all[0];

function issuesOf(doc: unknown): { field: string; message: string }[] {
  try {
    validateCustomRules(doc);
  } catch (err) {
    if (err instanceof RuleFileError) return err.issues.map(({ field, message }) => ({ field, message }));
    throw err;
  }
  return [];
}

const withRule = (patch: Record<string, unknown>): CustomRuleDocument =>
  ({ rules: [{ ...structuredClone(base), ...patch }] }) as CustomRuleDocument;

const leaf = (over: Record<string, unknown>) => ({
  conditions: { all: [{ ...firstLeaf, ...over }] } as never,
});

describe('custom rules are validated like a rule file, with named errors and paths', () => {
  it('accepts the low-confidence example', () => {
    expect(issuesOf(LOW_CONFIDENCE_RULES)).toEqual([]);
  });

  it.each([
    ['an unknown fact', leaf({ fact: 'person' }), 'rules[0].conditions.all[0].fact', /unknown fact "person"/],
    [
      'an unknown operator',
      leaf({ operator: 'atMost' }),
      'rules[0].conditions.all[0].operator',
      /unknown operator "atMost"/,
    ],
    ['a JSONPath filter', leaf({ path: '$..confidence' }), 'rules[0].conditions.all[0].path', /plain/],
    [
      'an unknown month property',
      leaf({ path: '$.mood' }),
      'rules[0].conditions.all[0].path',
      /not a property of fact "month"/,
    ],
    ['a numeric literal threshold', leaf({ value: 3 }), 'rules[0].conditions.all[0].value', /threshold/],
    [
      'an undeclared setting',
      leaf({ value: { fact: 'settings', path: '$.customRules.other' } }),
      'rules[0].conditions.all[0].value',
      /not a setting/,
    ],
    [
      'a level that does not match the facts',
      { level: 'kr' },
      'rules[0].level',
      /read month facts, but the level is kr/,
    ],
    ['a built-in rule name', { name: 'calibration-red' }, 'rules[0].name', /duplicate rule name/],
    [
      'an event type outside custom.',
      { event: { type: 'escalate' } },
      'rules[0].event.type',
      /custom\.name-of-event/,
    ],
    [
      'a setting outside customRules',
      { settings: [{ ...base.settings![0], path: 'alignment.x' }] },
      'rules[0].settings[0].path',
      /under customRules/,
    ],
    [
      'a default out of range',
      { settings: [{ ...base.settings![0], default: 11 }] },
      'rules[0].settings[0].default',
      /default 11 is outside 0..10/,
    ],
    [
      'a minimum above the maximum',
      { settings: [{ ...base.settings![0], minimum: 5, maximum: 2 }] },
      'rules[0].settings[0].minimum',
      /above maximum/,
    ],
    ['a missing title', { title: { 'zh-CN': '信心' } }, 'rules[0].title.en-US', /required|en-US/],
  ])('refuses %s', (_what, patch, field, message) => {
    const issues = issuesOf(withRule(patch));
    expect(issues.map((i) => i.field)).toContain(field);
    expect(issues.find((i) => i.field === field)?.message).toMatch(message);
  });

  it('refuses two custom rules with one name, and one setting declared twice', () => {
    const twice = { rules: [structuredClone(base), structuredClone(base)] };
    const issues = issuesOf(twice);
    expect(issues).toContainEqual(
      expect.objectContaining({
        field: 'rules[1].settings[0].path',
        message: expect.stringMatching(/already declared/),
      }),
    );
    twice.rules[1]!.settings = [];
    expect(issuesOf(twice)).toContainEqual(
      expect.objectContaining({
        field: 'rules[0].name',
        message: expect.stringMatching(/duplicate rule name/),
      }),
    );
  });
});

describe('custom rules run with the built-in ones', () => {
  it('adds the rule to the month rules with its own event type', () => {
    const rules = ruleSetWithCustom(LOW_CONFIDENCE_RULES);
    const custom = rules.bySubject.month.find((r) => r.name === 'low-confidence-twice');
    expect(custom?.eventType).toBe('custom.low-confidence');
    expect(rules.rules.length).toBe(ruleSetWithCustom(null).rules.length + 1);
  });

  it('reads the declared setting, its default unless HR set one', () => {
    const settings = effectiveSettings(defaultSettings(), LOW_CONFIDENCE_RULES);
    expect(
      (settings as unknown as { customRules: { lowConfidence: { max: number } } }).customRules.lowConfidence
        .max,
    ).toBe(3);
    const tuned = { ...defaultSettings(), customRules: { lowConfidence: { max: 5 } } };
    expect(effectiveSettings(tuned as never, LOW_CONFIDENCE_RULES)).toMatchObject({
      customRules: { lowConfidence: { max: 5 } },
    });
    const rule = ruleSetWithCustom(LOW_CONFIDENCE_RULES).bySubject.month.find(
      (r) => r.name === 'low-confidence-twice',
    )!;
    const month = { confidence: 2, previousConfidence: 3 } as never;
    expect(rule.test({ settings, month })).toBe(true);
    expect(rule.test({ settings, month: { confidence: 2, previousConfidence: 4 } as never })).toBe(false);
    expect(rule.test({ settings, month: { confidence: 2, previousConfidence: null } as never })).toBe(false);
  });

  it('adds the declared settings to the settings schema with their words and range', () => {
    const schema = effectiveSettingsSchema(settingsSchema, LOW_CONFIDENCE_RULES) as unknown as {
      properties: { customRules: { properties: { lowConfidence: { properties: { max: object } } } } };
    };
    expect(schema.properties.customRules.properties.lowConfidence.properties.max).toMatchObject({
      title: '信心偏低上限',
      minimum: 0,
      maximum: 10,
      default: 3,
    });
    expect((settingsSchema as { properties: object }).properties).not.toHaveProperty('customRules');
  });

  it('checks HR values of declared settings against their range', () => {
    expect(customSettingsIssues({ lowConfidence: { max: 4 } }, LOW_CONFIDENCE_RULES)).toEqual([]);
    expect(customSettingsIssues({ lowConfidence: { max: 11 }, other: 1 }, LOW_CONFIDENCE_RULES)).toEqual([
      { path: 'customRules.lowConfidence.max', message: 'must be <= 10', reason: 'maximum', limit: 10 },
      expect.objectContaining({ path: 'customRules.other', reason: 'unknown-field' }),
    ]);
  });

  it('lists the event types custom rules emit, for the automations triggers', () => {
    expect(customEventTypes(LOW_CONFIDENCE_RULES)).toEqual([
      { type: 'custom.low-confidence', title: base.title, level: 'month' },
    ]);
  });
});
