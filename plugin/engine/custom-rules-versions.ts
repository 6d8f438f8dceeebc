import {
  type DocumentVersion,
  shippedVersion,
  versionHistory,
  versionInEffect,
  type WithDiff,
} from '../domain/document-versions.ts';
import type { SettingsChange } from '../sdk/index.ts';
import { type CustomRuleDocument, EMPTY_CUSTOM_RULES } from './custom-rules.ts';
import { diffByKey } from './diff-by-key.ts';

/** One stored version of the custom rules document: the lifecycle of a settings version. */
export type RuleVersion = DocumentVersion<CustomRuleDocument>;

/** Changes by rule name (`low-confidence-twice.conditions…`), so a reordering is no change. */
export const diffCustomRules = (before: CustomRuleDocument, after: CustomRuleDocument): SettingsChange[] =>
  diffByKey(before.rules, after.rules, (rule) => rule.name);

/** Version 0: no custom rules, in effect before an admin publishes any. */
export const shippedRules = (): RuleVersion => ({ ...shippedVersion(), document: EMPTY_CUSTOM_RULES });

/** The version in effect (version 0 before the first publication). */
export const currentRuleVersion = (versions: readonly RuleVersion[]): RuleVersion =>
  versionInEffect(versions, shippedRules());

export type RuleVersionWithDiff = WithDiff<RuleVersion, SettingsChange>;

/** Every version newest first, each with its diff against the one published before it (proposals: the current). */
export const ruleVersionsWithDiff = (versions: readonly RuleVersion[]): RuleVersionWithDiff[] =>
  versionHistory(
    versions,
    (before, after) => diffCustomRules(before.document, after.document),
    shippedRules(),
  );
