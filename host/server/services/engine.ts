// The one place the server reaches into the pack's engine and domain, so a contract change shows up here.

export type { EvaluateOptions, Evaluation, RuleEvent } from '../../../plugin/engine/index.ts';
export {
  compareEvaluations,
  defaultRuleSet,
  diffDocuments,
  evaluate,
  loadSettings,
  SettingsError,
} from '../../../plugin/engine/index.ts';
