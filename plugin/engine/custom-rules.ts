import type { Settings } from '../domain/settings.ts';
import { createAjv, fieldPath, instanceSegments } from './ajv.ts';
import { issueFromAjvError } from './ajv-issues.ts';
import { DEFAULT_RULE_FILES, defaultRuleSet } from './default-rules.ts';
import { RuleFileError, type RuleIssue } from './errors.ts';
import { FACT_NAMES, type SubjectKind } from './fact-catalogue.ts';
import { loadRules } from './load-rules.ts';
import type {
  CompiledRule,
  FactReference,
  Literal,
  RuleEventType,
  RuleSet,
  TopCondition,
} from './rule-types.ts';
import { isSettingLeaf } from './settings-paths.ts';

/** Where custom rules' problems are reported from (the `file` of their issues). */
export const CUSTOM_RULES_SOURCE = 'custom rules';
const PLACEHOLDER_TYPE: RuleEventType = 'kr-stale';
export const CUSTOM_LEVELS: readonly SubjectKind[] = ['kr', 'month', 'account', 'pool'];

export interface LocalisedTitle {
  'zh-CN': string;
  'en-US': string;
}

/** A setting a custom rule adds to the settings document, under `customRules.`; HR tunes it later. */
export interface DeclaredSetting {
  /** Dotted settings path, e.g. `customRules.lowConfidence.max`; rules read it as `$.customRules.lowConfidence.max`. */
  path: string;
  title: LocalisedTitle;
  minimum: number;
  maximum: number;
  default: number;
}

/** A rule an admin adds without editing files: a json-rules-engine rule plus its words and level. */
export interface CustomRule {
  name: string;
  title: LocalisedTitle;
  level: SubjectKind;
  priority?: number;
  conditions: TopCondition;
  /** The event type is namespaced `custom.…` so it never shadows a built-in one. */
  event: { type: string; params?: Record<string, FactReference | Literal> };
  settings?: DeclaredSetting[];
}

export interface CustomRuleDocument {
  rules: CustomRule[];
}

export const EMPTY_CUSTOM_RULES: CustomRuleDocument = { rules: [] };

const title = {
  type: 'object',
  additionalProperties: false,
  required: ['zh-CN', 'en-US'],
  properties: {
    'zh-CN': { type: 'string', minLength: 1, maxLength: 80 },
    'en-US': { type: 'string', minLength: 1, maxLength: 80 },
  },
} as const;

const documentSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['rules'],
  properties: {
    rules: {
      type: 'array',
      maxItems: 100,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'title', 'level', 'conditions', 'event'],
        properties: {
          name: { type: 'string', minLength: 1, maxLength: 60, pattern: '^[a-z][a-z0-9-]*$' },
          title,
          level: { enum: CUSTOM_LEVELS },
          priority: { type: 'integer', minimum: 1, maximum: 100 },
          conditions: { type: 'object' },
          event: {
            type: 'object',
            additionalProperties: false,
            required: ['type'],
            properties: {
              type: { type: 'string', maxLength: 60, pattern: '^custom\\.[a-z][a-z0-9-]*$' },
              params: { type: 'object' },
            },
          },
          settings: {
            type: 'array',
            maxItems: 10,
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['path', 'title', 'minimum', 'maximum', 'default'],
              properties: {
                path: {
                  type: 'string',
                  maxLength: 120,
                  pattern: '^customRules(\\.[A-Za-z_][A-Za-z0-9_]*)+$',
                },
                title,
                minimum: { type: 'number' },
                maximum: { type: 'number' },
                default: { type: 'number' },
              },
            },
          },
        },
      },
    },
  },
} as const;

const validateShape = createAjv().compile<CustomRuleDocument>(documentSchema);

function shapeIssues(): RuleIssue[] {
  return (validateShape.errors ?? []).flatMap((error): RuleIssue[] => {
    const segments = instanceSegments(error);
    const field = fieldPath(segments);
    if (error.keyword === 'pattern' && field.endsWith('event.type'))
      return [
        { file: CUSTOM_RULES_SOURCE, field, message: 'event type must look like custom.name-of-event' },
      ];
    if (error.keyword === 'pattern' && /settings\[\d+\]\.path$/.test(field))
      return [
        {
          file: CUSTOM_RULES_SOURCE,
          field,
          message: 'a declared setting lives under customRules, e.g. customRules.lowConfidence.max',
        },
      ];
    const issue = issueFromAjvError(error, segments);
    return issue === null ? [] : [{ file: CUSTOM_RULES_SOURCE, field: issue.path, message: issue.message }];
  });
}

function settingIssues(document: CustomRuleDocument): RuleIssue[] {
  const issues: RuleIssue[] = [];
  const owners = new Map<string, string>();
  for (const [i, rule] of document.rules.entries()) {
    for (const [j, s] of (rule.settings ?? []).entries()) {
      const at = (key: string) => `rules[${i}].settings[${j}]${key}`;
      const push = (field: string, message: string) =>
        issues.push({ file: CUSTOM_RULES_SOURCE, rule: rule.name, field, message });
      if (s.minimum > s.maximum) push(at('.minimum'), `minimum ${s.minimum} is above maximum ${s.maximum}`);
      else if (s.default < s.minimum || s.default > s.maximum)
        push(at('.default'), `default ${s.default} is outside ${s.minimum}..${s.maximum}`);
      if (isSettingLeaf(`$.${s.path}`)) push(at('.path'), `"${s.path}" is a built-in setting`);
      const owner = owners.get(s.path);
      if (owner !== undefined)
        push(at('.path'), `setting "${s.path}" is already declared by rule "${owner}"`);
      else owners.set(s.path, rule.name);
    }
  }
  return issues;
}

/** Every setting the custom rules declare, by path. */
export function declaredSettings(document: CustomRuleDocument): DeclaredSetting[] {
  return document.rules.flatMap((rule) => rule.settings ?? []);
}

function asRuleFile(document: CustomRuleDocument) {
  return {
    id: 'okr-align.custom',
    facts: [...FACT_NAMES],
    rules: document.rules.map((rule) => ({
      name: rule.name,
      description: rule.title['en-US'],
      ...(rule.priority === undefined ? {} : { priority: rule.priority }),
      conditions: rule.conditions,
      // The shipped schema lists the built-in event types; the custom type is checked above.
      event: { ...rule.event, type: PLACEHOLDER_TYPE },
    })),
  };
}

/** Issues of the rule file, located in the document: `rules[2].conditions.all[0].path`. */
function locate(document: CustomRuleDocument, issue: RuleIssue): RuleIssue {
  if (issue.file !== CUSTOM_RULES_SOURCE) return issue;
  const i = document.rules.findIndex((r) => r.name === issue.rule);
  if (i < 0) return issue;
  return { ...issue, field: issue.field === '' ? `rules[${i}]` : `rules[${i}].${issue.field}` };
}

function compile(document: CustomRuleDocument): RuleSet {
  const paths = declaredSettings(document).map((s) => `$.${s.path}`);
  let loaded: RuleSet;
  try {
    loaded = loadRules([...DEFAULT_RULE_FILES, { name: CUSTOM_RULES_SOURCE, json: asRuleFile(document) }], {
      settingPaths: paths,
    });
  } catch (err) {
    if (err instanceof RuleFileError) throw new RuleFileError(err.issues.map((i) => locate(document, i)));
    throw err;
  }
  const byName = new Map(document.rules.map((rule, i) => [rule.name, { rule, i }]));
  const issues: RuleIssue[] = [];
  const rules = loaded.rules.map((compiled): CompiledRule => {
    const custom = compiled.file === CUSTOM_RULES_SOURCE ? byName.get(compiled.name) : undefined;
    if (custom === undefined) return compiled;
    if (compiled.subject !== custom.rule.level)
      issues.push({
        file: CUSTOM_RULES_SOURCE,
        rule: compiled.name,
        field: `rules[${custom.i}].level`,
        message: `the conditions read ${compiled.subject} facts, but the level is ${custom.rule.level}`,
      });
    const type = custom.rule.event.type as RuleEventType;
    return {
      ...compiled,
      eventType: type,
      definition: { ...compiled.definition, event: { ...compiled.definition.event, type } },
    };
  });
  if (issues.length > 0) throw new RuleFileError(issues);
  const bySubject: RuleSet['bySubject'] = { kr: [], month: [], account: [], pool: [] };
  for (const rule of rules) bySubject[rule.subject].push(rule);
  for (const list of Object.values(bySubject)) list.sort((a, b) => b.priority - a.priority);
  return { files: loaded.files, rules, bySubject };
}

/**
 * Validates a custom rules document exactly as a rule file (facts, plain paths, operators, literals,
 * names unique across built-in and custom rules) plus its words, level and declared settings.
 * @throws RuleFileError listing every problem with its path in the document
 */
export function validateCustomRules(doc: unknown): CustomRuleDocument {
  if (!validateShape(doc)) throw new RuleFileError(shapeIssues());
  const issues = settingIssues(doc);
  if (issues.length > 0) throw new RuleFileError(issues);
  compile(doc);
  return doc;
}

let cache: { key: string; rules: RuleSet } | null = null;

/** The built-in rules plus the published custom ones, compiled (the last document is cached). */
export function ruleSetWithCustom(document: CustomRuleDocument | null | undefined): RuleSet {
  if (!document || document.rules.length === 0) return defaultRuleSet();
  const key = JSON.stringify(document);
  if (cache?.key !== key) cache = { key, rules: compile(document) };
  return cache.rules;
}

function setIn(target: Record<string, unknown>, segments: readonly string[], value: number): void {
  let node = target;
  for (const segment of segments.slice(0, -1)) {
    const next = node[segment];
    if (next === null || typeof next !== 'object') node[segment] = {};
    node = node[segment] as Record<string, unknown>;
  }
  const last = segments.at(-1)!;
  if (typeof node[last] !== 'number') node[last] = value;
}

/** The settings the rules read: HR's document, plus each declared setting's default where HR set none. */
export function effectiveSettings(
  settings: Settings,
  document: CustomRuleDocument | null | undefined,
): Settings {
  const declared = document ? declaredSettings(document) : [];
  if (declared.length === 0) return settings;
  const copy = structuredClone(settings) as unknown as Record<string, unknown>;
  for (const s of declared) setIn(copy, s.path.split('.'), s.default);
  return copy as unknown as Settings;
}

interface SchemaNode {
  type?: string;
  title?: string;
  properties?: Record<string, SchemaNode>;
  [key: string]: unknown;
}

/** The settings schema with the declared settings added, so the settings form and validation show them. */
export function effectiveSettingsSchema<T extends object>(
  schema: T,
  document: CustomRuleDocument | null | undefined,
): T {
  const declared = document ? declaredSettings(document) : [];
  if (declared.length === 0) return schema;
  const copy = structuredClone(schema) as SchemaNode;
  copy.properties ??= {};
  for (const s of declared) {
    let node = copy;
    const segments = s.path.split('.');
    for (const segment of segments.slice(0, -1)) {
      node.properties ??= {};
      node.properties[segment] ??= {
        type: 'object',
        title: segment === 'customRules' ? '自定义规则' : segment,
        'x-i18n': { 'en-US': { title: segment === 'customRules' ? 'Custom rules' : segment } },
        additionalProperties: false,
        properties: {},
      };
      node = node.properties[segment]!;
    }
    node.properties ??= {};
    node.properties[segments.at(-1)!] = {
      type: 'number',
      title: s.title['zh-CN'],
      default: s.default,
      minimum: s.minimum,
      maximum: s.maximum,
      'x-i18n': { 'en-US': { title: s.title['en-US'] } },
    };
  }
  return copy as T;
}

/** The event types custom rules emit, with their words: the automations trigger list adds these. */
export function customEventTypes(
  document: CustomRuleDocument | null | undefined,
): { type: string; title: LocalisedTitle; level: SubjectKind }[] {
  const seen = new Map<string, { type: string; title: LocalisedTitle; level: SubjectKind }>();
  for (const rule of document?.rules ?? [])
    if (!seen.has(rule.event.type))
      seen.set(rule.event.type, { type: rule.event.type, title: rule.title, level: rule.level });
  return [...seen.values()];
}

/** One refused value under `customRules` of a settings document, with the reason to word it by. */
export interface CustomSettingIssue {
  path: string;
  message: string;
  reason: 'unknown-field' | 'type' | 'minimum' | 'maximum';
  limit: string | number;
}

/** Checks HR's values of the declared settings (`settings.customRules`) against their ranges. */
export function customSettingsIssues(
  values: unknown,
  document: CustomRuleDocument | null | undefined,
): CustomSettingIssue[] {
  const declared = new Map((document ? declaredSettings(document) : []).map((s) => [s.path, s]));
  const issues: CustomSettingIssue[] = [];
  const walk = (node: unknown, path: string) => {
    const setting = declared.get(path);
    if (setting) {
      if (typeof node !== 'number' || !Number.isFinite(node))
        issues.push({ path, message: 'must be a number', reason: 'type', limit: 'number' });
      else if (node < setting.minimum)
        issues.push({
          path,
          message: `must be >= ${setting.minimum}`,
          reason: 'minimum',
          limit: setting.minimum,
        });
      else if (node > setting.maximum)
        issues.push({
          path,
          message: `must be <= ${setting.maximum}`,
          reason: 'maximum',
          limit: setting.maximum,
        });
      return;
    }
    if (node !== null && typeof node === 'object' && !Array.isArray(node)) {
      for (const [key, child] of Object.entries(node)) walk(child, `${path}.${key}`);
      return;
    }
    issues.push({
      path,
      message: `is not a setting of a custom rule (declared: ${[...declared.keys()].join(', ') || 'none'})`,
      reason: 'unknown-field',
      limit: path,
    });
  };
  walk(values, 'customRules');
  return issues;
}
