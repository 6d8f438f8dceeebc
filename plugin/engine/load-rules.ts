import type { ErrorObject } from 'ajv';
import ruleFileSchema from '../../rules/rule-file.schema.json' with { type: 'json' };
import { createAjv, fieldPath, instanceSegments, show } from './ajv.ts';
import { issueFromAjvError } from './ajv-issues.ts';
import { compileCondition, compileParams } from './compile-rules.ts';
import { RuleFileError, type RuleIssue } from './errors.ts';
import {
  FACT_FIELDS,
  FACT_NAMES,
  type FactName,
  type FieldType,
  SUBJECT_FACTS,
  type SubjectKind,
} from './fact-catalogue.ts';
import { isPlainPath, plainPathMessage } from './json-path.ts';
import type {
  CompiledRule,
  ConditionNode,
  FactReference,
  Literal,
  RuleDefinition,
  RuleFileDocument,
  RuleSet,
} from './rule-types.ts';
import { EVENT_TYPES, NUMERIC_OPERATORS, OPERATORS } from './rule-types.ts';
import { isSettingLeaf, SETTINGS_LEAF_PATHS } from './settings-paths.ts';
import { didYouMean } from './suggest.ts';

const validateRuleFile = createAjv().compile<RuleFileDocument>(ruleFileSchema);
const SUBJECT_ORDER: readonly SubjectKind[] = ['kr', 'month', 'account', 'pool'];
const THRESHOLD_HINT =
  'thresholds come from settings, e.g. {"fact": "settings", "path": "$.alignment.minScore"}';

/** A rule file to load: its name (used in messages, e.g. `rules/alignment.rules.json`) and parsed JSON. */
export interface RuleFileInput {
  name: string;
  json: unknown;
}

function ruleLabel(document: unknown, index: number): string {
  const rules = (document as { rules?: unknown })?.rules;
  const name = Array.isArray(rules) ? (rules[index] as { name?: unknown } | undefined)?.name : undefined;
  return typeof name === 'string' && name !== '' ? name : `#${index}`;
}

function schemaMessage(error: ErrorObject, field: string): string | null {
  const last = field.split('.').at(-1) ?? '';
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'pattern' && (last === 'path' || last.startsWith('path'))) {
    return plainPathMessage(String(error.data));
  }
  if (error.keyword === 'type' && typeof error.data === 'number') {
    return `numeric literal ${error.data} where a threshold is expected: ${THRESHOLD_HINT}`;
  }
  if (error.keyword === 'enum' && typeof error.data === 'string') {
    if (last === 'fact') {
      return `unknown fact "${error.data}" (known facts: ${FACT_NAMES.join(', ')})${didYouMean(error.data, FACT_NAMES)}`;
    }
    if (last === 'operator') {
      return `unknown operator "${error.data}" (allowed: ${OPERATORS.join(', ')})${didYouMean(error.data, OPERATORS)}`;
    }
    if (field.endsWith('event.type')) {
      return `unknown event type "${error.data}" (known: ${EVENT_TYPES.join(', ')})${didYouMean(error.data, EVENT_TYPES)}`;
    }
  }
  if (error.keyword === 'required' && params.missingProperty === 'all' && last === 'conditions') {
    return `must be {"all": [...]}, {"any": [...]} or {"not": {...}}`;
  }
  return null;
}

function schemaIssues(file: RuleFileInput): RuleIssue[] {
  const issues: RuleIssue[] = [];
  const seen = new Set<string>();
  for (const error of validateRuleFile.errors ?? []) {
    const segments = instanceSegments(error);
    let rule: string | undefined;
    let local = segments;
    if (segments[0] === 'rules' && typeof segments[1] === 'number') {
      rule = ruleLabel(file.json, segments[1]);
      local = segments.slice(2);
    }
    const field = fieldPath(local);
    const special = schemaMessage(error, field);
    let issue: RuleIssue | null;
    if (special !== null) {
      issue = { file: file.name, field, message: special };
    } else {
      const generic = issueFromAjvError(error, local);
      if (generic === null) continue;
      issue = { file: file.name, field: generic.path, message: generic.message };
    }
    if (rule !== undefined) issue.rule = rule;
    const key = `${issue.rule}\u0000${issue.field}\u0000${issue.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      issues.push(issue);
    }
  }
  return issues;
}

interface Walker {
  issues: RuleIssue[];
  file: string;
  rule: string;
  declared: ReadonlySet<string>;
  subjects: Set<SubjectKind>;
  extraSettings: ReadonlySet<string>;
}

/** What a caller adds to the shipped catalogue: settings declared by custom rules (plugin/engine/custom-rules.ts). */
export interface LoadRulesOptions {
  settingPaths?: readonly string[];
}

function fieldTypeOf(walker: Walker, reference: FactReference, field: string): FieldType | null {
  const { fact, path } = reference;
  const report = (message: string) =>
    walker.issues.push({ file: walker.file, rule: walker.rule, field, message });
  if (!walker.declared.has(fact)) {
    report(`fact "${fact}" is not declared in this file's "facts" (${[...walker.declared].join(', ')})`);
  }
  if (!isPlainPath(path)) {
    report(plainPathMessage(path));
    return null;
  }
  if (fact === 'settings') {
    if (!isSettingLeaf(path) && !walker.extraSettings.has(path)) {
      report(`path "${path}" is not a setting${didYouMean(path, SETTINGS_LEAF_PATHS)}`);
      return null;
    }
    return { kind: 'number', nullable: false };
  }
  walker.subjects.add(fact);
  const fields = FACT_FIELDS[fact];
  const name = path.slice(2);
  const type = Object.hasOwn(fields, name) ? fields[name] : undefined;
  if (type === undefined) {
    const known = Object.keys(fields).map((key) => `$.${key}`);
    report(`path "${path}" is not a property of fact "${fact}"${didYouMean(path, known)}`);
    return null;
  }
  return type;
}

function describe(type: FieldType): string {
  if (type.kind === 'string' && type.values !== undefined) return `one of ${type.values.join(', ')}`;
  return type.kind;
}

function literalFits(type: FieldType, literal: string | boolean | null): boolean {
  if (literal === null) return type.kind !== 'boolean' && type.nullable;
  if (type.kind === 'boolean') return typeof literal === 'boolean';
  if (type.kind === 'string') return typeof literal === 'string' && (type.values?.includes(literal) ?? true);
  return false;
}

function isReference(value: FactReference | Literal): value is FactReference {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function checkCondition(walker: Walker, node: ConditionNode, field: string): void {
  if ('all' in node) {
    for (const [i, child] of node.all.entries()) checkCondition(walker, child, `${field}.all[${i}]`);
    return;
  }
  if ('any' in node) {
    for (const [i, child] of node.any.entries()) checkCondition(walker, child, `${field}.any[${i}]`);
    return;
  }
  if ('not' in node) {
    checkCondition(walker, node.not, `${field}.not`);
    return;
  }
  const report = (at: string, message: string) =>
    walker.issues.push({ file: walker.file, rule: walker.rule, field: at, message });
  const leftType = fieldTypeOf(walker, { fact: node.fact, path: node.path }, `${field}.path`);
  const numeric = NUMERIC_OPERATORS.has(node.operator);
  const left = `${node.fact}${node.path.slice(1)}`;
  if (isReference(node.value)) {
    const rightType = fieldTypeOf(walker, node.value, `${field}.value`);
    if (leftType === null || rightType === null) return;
    if (node.operator === 'in' || node.operator === 'notIn') {
      report(`${field}.value`, `operator "${node.operator}" needs a list of values, not a fact`);
    } else if (numeric && (leftType.kind !== 'number' || rightType.kind !== 'number')) {
      report(
        `${field}.operator`,
        `operator "${node.operator}" compares numbers, but ${left} is ${describe(leftType)}`,
      );
    } else if (!numeric && leftType.kind !== rightType.kind) {
      report(`${field}.value`, `compares ${left} (${describe(leftType)}) with a ${rightType.kind}`);
    }
    return;
  }
  if (leftType === null) return;
  if (numeric) {
    report(`${field}.value`, `operator "${node.operator}" needs a threshold: ${THRESHOLD_HINT}`);
    return;
  }
  const list = node.operator === 'in' || node.operator === 'notIn';
  if (list !== Array.isArray(node.value)) {
    report(
      `${field}.value`,
      list
        ? `operator "${node.operator}" needs a list of values`
        : `operator "${node.operator}" needs one value, not a list`,
    );
    return;
  }
  const literals = Array.isArray(node.value) ? node.value : [node.value];
  for (const literal of literals) {
    if (!literalFits(leftType, literal)) {
      report(`${field}.value`, `${show(literal)} can never match ${left}, which is ${describe(leftType)}`);
      return;
    }
  }
}

function subjectOf(walker: Walker): SubjectKind | null {
  const used = walker.subjects;
  const report = (message: string) =>
    walker.issues.push({ file: walker.file, rule: walker.rule, field: '', message });
  if (used.size === 0) {
    report('reads no subject fact: a rule must read one of kr, month, account or pool');
    return null;
  }
  for (const subject of SUBJECT_ORDER) {
    if (used.has(subject) && [...used].every((fact) => SUBJECT_FACTS[subject].includes(fact))) return subject;
  }
  report(
    `mixes facts of different subjects (${[...used].join(', ')}); only "month" rules may also read "kr"`,
  );
  return null;
}

function checkRule(
  file: string,
  document: RuleFileDocument,
  rule: RuleDefinition,
  issues: RuleIssue[],
  extraSettings: ReadonlySet<string>,
): SubjectKind | null {
  const walker: Walker = {
    extraSettings,
    issues,
    file,
    rule: rule.name,
    declared: new Set<string>(document.facts),
    subjects: new Set(),
  };
  const before = issues.length;
  checkCondition(walker, rule.conditions, 'conditions');
  for (const [key, value] of Object.entries(rule.event.params ?? {})) {
    if (isReference(value)) fieldTypeOf(walker, value, `event.params.${key}`);
  }
  const subject = subjectOf(walker);
  return issues.length === before ? subject : null;
}

function emptyBySubject(): Record<SubjectKind, CompiledRule[]> {
  return { kr: [], month: [], account: [], pool: [] };
}

/**
 * Validates rule files (schema, then facts, paths, settings paths, operators, literals, duplicate
 * names) and compiles them. Rule names are unique across all files.
 * @throws RuleFileError listing every problem as `file › rule "name" › field: message`
 */
export function loadRules(files: readonly RuleFileInput[], options: LoadRulesOptions = {}): RuleSet {
  const extraSettings = new Set(options.settingPaths ?? []);
  const issues: RuleIssue[] = [];
  const loaded: RuleSet['files'] = [];
  const rules: CompiledRule[] = [];
  const nameOwners = new Map<string, string>();
  const idOwners = new Map<string, string>();
  for (const file of files) {
    if (!validateRuleFile(file.json)) {
      issues.push(...schemaIssues(file));
      continue;
    }
    const document = file.json;
    const previousOwner = idOwners.get(document.id);
    if (previousOwner !== undefined) {
      issues.push({
        file: file.name,
        field: 'id',
        message: `id "${document.id}" is already used by ${previousOwner}`,
      });
    }
    idOwners.set(document.id, file.name);
    for (const [i, fact] of document.facts.entries()) {
      if (!FACT_NAMES.includes(fact as FactName)) {
        issues.push({ file: file.name, field: `facts[${i}]`, message: `unknown fact "${fact}"` });
      }
    }
    loaded.push({ name: file.name, id: document.id, document });
    for (const rule of document.rules) {
      const owner = nameOwners.get(rule.name);
      if (owner !== undefined) {
        issues.push({
          file: file.name,
          rule: rule.name,
          field: 'name',
          message: `duplicate rule name: "${rule.name}" is already used in ${owner}`,
        });
        continue;
      }
      nameOwners.set(rule.name, file.name);
      const subject = checkRule(file.name, document, rule, issues, extraSettings);
      if (subject === null) continue;
      rules.push({
        file: file.name,
        name: rule.name,
        subject,
        priority: rule.priority ?? 1,
        eventType: rule.event.type,
        definition: rule,
        test: compileCondition(rule.conditions),
        params: compileParams(rule),
      });
    }
  }
  if (issues.length > 0) throw new RuleFileError(issues);
  const bySubject = emptyBySubject();
  for (const rule of rules) bySubject[rule.subject].push(rule);
  for (const subject of SUBJECT_ORDER) bySubject[subject].sort((a, b) => b.priority - a.priority);
  return { files: loaded, rules, bySubject };
}
