import type { ValidateFunction } from 'ajv';
import schema from '../../rules/automation.schema.json' with { type: 'json' };
import { createAjv } from '../engine/ajv.ts';
import { issueFromAjvError } from '../engine/ajv-issues.ts';
import {
  FACT_VALUES,
  FACTS,
  type FactName,
  isKnownTrigger,
  OPERATORS_BY_KIND,
  PLACEHOLDERS,
  RULE_TRIGGERS,
  TRIGGERS,
} from './catalogue.ts';
import type { AutomationDocument, ConditionNode, Step, Target } from './types.ts';

export type IssueCode =
  | 'schema'
  | 'unknown-trigger'
  | 'unknown-fact'
  | 'unknown-operator'
  | 'bad-value'
  | 'unknown-placeholder'
  | 'duplicate-id'
  | 'target-incomplete'
  | 'message-required';

/** One problem of a document: where (a field path such as `automations[0].trigger`), what, and why. */
export interface AutomationIssue {
  path: string;
  code: IssueCode;
  message: string;
}

/** A refused automation document, with every problem found. */
export class AutomationDocumentError extends Error {
  constructor(
    readonly source: string,
    readonly issues: AutomationIssue[],
  ) {
    super(
      `${source}: ${issues.length} problem(s): ${issues.map((i) => `${i.path} ${i.message}`).join('; ')}`,
    );
    this.name = 'AutomationDocumentError';
  }
}

let validateSchema: ValidateFunction | null = null;
const PLACEHOLDER = /\{([^{}]*)\}/g;

function checkTemplate(text: string, path: string, out: AutomationIssue[]): void {
  for (const [, name] of text.matchAll(PLACEHOLDER)) {
    if (!(PLACEHOLDERS as readonly string[]).includes(name ?? ''))
      out.push({
        path,
        code: 'unknown-placeholder',
        message: `unknown placeholder {${name}}; use one of ${PLACEHOLDERS.map((p) => `{${p}}`).join(' ')}`,
      });
  }
}

function checkTarget(t: Target, path: string, out: AutomationIssue[]): void {
  if (t.who === 'role' && !t.role)
    out.push({ path, code: 'target-incomplete', message: 'a role target names the role ("role")' });
  if (t.who === 'person' && !t.personId)
    out.push({ path, code: 'target-incomplete', message: 'a person target names the person ("personId")' });
}

function checkCondition(node: ConditionNode, path: string, out: AutomationIssue[]): void {
  if ('all' in node || 'any' in node) {
    const list = 'all' in node ? node.all : node.any;
    const key = 'all' in node ? 'all' : 'any';
    for (const [i, child] of list.entries()) checkCondition(child, `${path}.${key}[${i}]`, out);
    return;
  }
  const kind = FACTS[node.fact as FactName];
  if (kind === undefined) {
    out.push({
      path: `${path}.fact`,
      code: 'unknown-fact',
      message: `unknown fact "${node.fact}"; use one of ${Object.keys(FACTS).join(', ')}`,
    });
    return;
  }
  const operators = OPERATORS_BY_KIND[kind];
  if (!operators.includes(node.operator)) {
    out.push({
      path: `${path}.operator`,
      code: 'unknown-operator',
      message: `operator "${node.operator}" does not apply to ${node.fact}; use one of ${operators.join(', ')}`,
    });
    return;
  }
  const listOperator = node.operator === 'in' || node.operator === 'notIn';
  const values = Array.isArray(node.value) ? node.value : [node.value];
  if (listOperator !== Array.isArray(node.value) || values.some((v) => typeof v !== kind)) {
    out.push({
      path: `${path}.value`,
      code: 'bad-value',
      message: `${node.fact} ${node.operator} takes ${listOperator ? 'a list of ' : 'a '}${kind}${listOperator ? 's' : ''}`,
    });
    return;
  }
  const allowed = FACT_VALUES[node.fact as FactName];
  const wrong = allowed ? values.find((v) => !allowed.includes(String(v))) : undefined;
  if (wrong !== undefined)
    out.push({
      path: `${path}.value`,
      code: 'bad-value',
      message: `${node.fact} is never "${wrong}"; use one of ${allowed?.join(', ')}`,
    });
}

function checkStep(step: Step, path: string, out: AutomationIssue[]): void {
  if (step.type === 'notify') {
    for (const [i, t] of step.to.entries()) checkTarget(t, `${path}.to[${i}]`, out);
    if (step.message) {
      checkTemplate(step.message.title, `${path}.message.title`, out);
      checkTemplate(step.message.text, `${path}.message.text`, out);
    }
  } else if (step.type === 'assign') checkTarget(step.to, `${path}.to`, out);
  else if (step.type === 'follow-up') {
    checkTarget(step.to, `${path}.to`, out);
    checkTemplate(step.title, `${path}.title`, out);
  }
}

/** Every problem of `doc`: the JSON Schema first, then what the schema cannot say. */
export function automationIssues(doc: unknown): AutomationIssue[] {
  validateSchema ??= createAjv().compile(schema);
  if (!validateSchema(doc)) {
    const seen = new Set<string>();
    const out: AutomationIssue[] = [];
    for (const e of validateSchema.errors ?? []) {
      // `if`/`then` and `oneOf` wrap the error that says what is wrong: report that one.
      if (e.keyword === 'if' || e.keyword === 'oneOf') continue;
      const issue = issueFromAjvError(e);
      if (!issue || seen.has(`${issue.path}|${issue.message}`)) continue;
      seen.add(`${issue.path}|${issue.message}`);
      out.push({ path: issue.path || '(document)', code: 'schema', message: issue.message });
    }
    return out;
  }
  const document = doc as AutomationDocument;
  const out: AutomationIssue[] = [];
  const ids = new Set<string>();
  document.automations.forEach((a, i) => {
    const at = `automations[${i}]`;
    if (ids.has(a.id))
      out.push({
        path: `${at}.id`,
        code: 'duplicate-id',
        message: `id "${a.id}" is used twice; ids are unique`,
      });
    ids.add(a.id);
    if (!isKnownTrigger(a.trigger))
      out.push({
        path: `${at}.trigger`,
        code: 'unknown-trigger',
        message: `unknown trigger "${a.trigger}"; use one of ${TRIGGERS.join(', ')} or custom.<rule name>`,
      });
    if (a.conditions) checkCondition(a.conditions, `${at}.conditions`, out);
    a.steps.forEach((s, j) => {
      checkStep(s, `${at}.steps[${j}]`, out);
      // Only rule events have standard words; for the rest HR writes the message.
      if (s.type !== 'notify' || s.message) return;
      const lifecycle = !(RULE_TRIGGERS as readonly string[]).includes(a.trigger);
      // Channels speak only HR's words: the standard words of rule events are the product's in-app ones.
      if (lifecycle || s.channelId)
        out.push({
          path: `${at}.steps[${j}].message`,
          code: 'message-required',
          message: lifecycle
            ? `a notify step of trigger "${a.trigger}" needs a message (title and text)`
            : 'a notify step that sends to a channel needs a message (title and text)',
        });
    });
  });
  return out;
}

/** The document, typed, or an `AutomationDocumentError` naming every problem with its path. */
export function validateAutomations(doc: unknown, source = 'automations'): AutomationDocument {
  const issues = automationIssues(doc);
  if (issues.length > 0) throw new AutomationDocumentError(source, issues);
  return doc as AutomationDocument;
}
