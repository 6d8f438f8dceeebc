import type { FactName, FactSet, SubjectKind } from './fact-catalogue.ts';

/** The event types rules may emit. */
export const EVENT_TYPES = [
  'alignment-low',
  'kr-unlinked',
  'calibration-amber',
  'calibration-red',
  'escalate',
  'key-client-gap',
  'checkin-missing',
  'kr-stale',
  'pool-weights',
] as const;
export type RuleEventType = (typeof EVENT_TYPES)[number];

/** The json-rules-engine operators the engine accepts and compiles. */
export const OPERATORS = [
  'equal',
  'notEqual',
  'lessThan',
  'lessThanInclusive',
  'greaterThan',
  'greaterThanInclusive',
  'in',
  'notIn',
] as const;
export type OperatorName = (typeof OPERATORS)[number];
export const NUMERIC_OPERATORS: ReadonlySet<string> = new Set([
  'lessThan',
  'lessThanInclusive',
  'greaterThan',
  'greaterThanInclusive',
]);

export interface FactReference {
  fact: FactName;
  path: string;
}
export type Literal = string | boolean | null | (string | boolean | null)[];

export interface FactCondition {
  fact: FactName;
  path: string;
  operator: OperatorName;
  value: FactReference | Literal;
  priority?: number;
}
export type ConditionNode =
  | { all: ConditionNode[]; priority?: number }
  | { any: ConditionNode[]; priority?: number }
  | { not: ConditionNode; priority?: number }
  | FactCondition;
export type TopCondition = Exclude<ConditionNode, FactCondition>;

/** One rule as written in a rule file (json-rules-engine format). */
export interface RuleDefinition {
  name: string;
  description?: string;
  priority?: number;
  conditions: TopCondition;
  event: { type: RuleEventType; params?: Record<string, FactReference | Literal> };
}

/** A rule file as written (`rules/*.rules.json`). */
export interface RuleFileDocument {
  $schema?: string;
  id: string;
  description?: string;
  facts: FactName[];
  rules: RuleDefinition[];
}

/** Who or what an event is about. */
export interface EventSubject {
  krId?: string;
  personId?: string;
  accountId?: string;
  month?: string;
  /** Set on pool events. */
  quarter?: string;
}

/** One decision of the rules. */
export interface RuleEvent {
  type: RuleEventType;
  subject: EventSubject;
  params: Record<string, unknown>;
}

/** A validated rule, compiled to plain functions. */
export interface CompiledRule {
  file: string;
  name: string;
  subject: SubjectKind;
  priority: number;
  eventType: RuleEventType;
  definition: RuleDefinition;
  test: (facts: FactSet) => boolean;
  params: (facts: FactSet) => Record<string, unknown>;
}

/** Validated, compiled rule files. Build with `loadRules`; rules of each subject are ordered by priority. */
export interface RuleSet {
  files: { name: string; id: string; document: RuleFileDocument }[];
  rules: CompiledRule[];
  bySubject: Record<SubjectKind, CompiledRule[]>;
}
