export type { OrgFacts } from './build-facts.ts';
export { buildFacts } from './build-facts.ts';
export { compileCondition, compileParams } from './compile-rules.ts';
export type { CustomRule, CustomRuleDocument, DeclaredSetting } from './custom-rules.ts';
export {
  customEventTypes,
  effectiveSettings,
  ruleSetWithCustom,
  validateCustomRules,
} from './custom-rules.ts';
export { DEFAULT_RULE_FILES, defaultRuleSet, defaultSettings } from './default-rules.ts';
export type { Issue, RuleIssue } from './errors.ts';
export { InputError, RuleFileError, SettingsError, SnapshotError } from './errors.ts';
export type { EvaluateOptions, Evaluation } from './evaluate.ts';
export { evaluate } from './evaluate.ts';
export type { AccountFact, FactSet, KrFact, MonthFact, PoolFact, SubjectKind } from './fact-catalogue.ts';
export { FACT_FIELDS, FACT_NAMES } from './fact-catalogue.ts';
export type {
  EvaluationChange,
  KrChange,
} from './incremental-evaluator.ts';
export { createIncrementalEvaluator, IncrementalEvaluator } from './incremental-evaluator.ts';
export type { DependencyView, Dependents } from './incremental-index.ts';
export { dependentsOf } from './incremental-index.ts';
export type { Write, WriteKind } from './incremental-writes.ts';
export { applyWrite } from './incremental-writes.ts';
export type { RuleFileInput } from './load-rules.ts';
export { loadRules } from './load-rules.ts';
export { loadSettings } from './load-settings.ts';
export { compareEvaluations, diffDocuments } from './preview-diff.ts';
export type { ReferenceResult } from './reference-engine.ts';
export { referenceEngine } from './reference-engine.ts';
export type {
  CompiledRule,
  EventSubject,
  RuleDefinition,
  RuleEvent,
  RuleEventType,
  RuleFileDocument,
  RuleSet,
} from './rule-types.ts';
export { EVENT_TYPES, OPERATORS } from './rule-types.ts';
export { runRules } from './run-rules.ts';
export type { Proposal } from './stores.ts';
export { RuleStore, SettingsStore } from './stores.ts';
export type { SnapshotOrigin } from './validate-snapshot.ts';
export { admitSnapshot, validateSnapshot } from './validate-snapshot.ts';
