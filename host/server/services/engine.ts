// The one place the server reaches into the pack's engine and domain, so a contract change shows up here.
export { defaultRuleSet, evaluate, loadSettings, SettingsError } from '../../../plugin/engine/index.ts';
export type { Evaluation, RuleEvent } from '../../../plugin/engine/index.ts';
