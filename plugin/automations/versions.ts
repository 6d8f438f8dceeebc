import {
  type DocumentVersion,
  shippedVersion,
  versionHistory,
  versionInEffect,
  type WithDiff,
} from '../domain/document-versions.ts';
import { diffByKey } from '../engine/diff-by-key.ts';
import type { SettingsChange } from '../sdk/index.ts';
import { defaultAutomations } from './defaults.ts';
import type { AutomationDocument } from './types.ts';

/** One stored version of the automations document: the same lifecycle as a settings version. */
export type AutomationVersion = DocumentVersion<AutomationDocument>;

/** Changes by automation id (`south-amber.steps`), so a reordering of the list is no change. */
export const diffAutomations = (before: AutomationDocument, after: AutomationDocument): SettingsChange[] =>
  diffByKey(before.automations, after.automations, (a) => a.id);

/** Version 0: the shipped defaults, in effect before HR publishes anything. */
export const shippedAutomations = (): AutomationVersion => ({
  ...shippedVersion(),
  document: defaultAutomations(),
});

/** The version in effect; before HR publishes anything, the shipped defaults as version 0. */
export const currentAutomations = (versions: readonly AutomationVersion[]): AutomationVersion =>
  versionInEffect(versions, shippedAutomations());

export type AutomationVersionWithDiff = WithDiff<AutomationVersion, SettingsChange>;

/** Every version newest first, each with its diff against the one published before it (proposals: the current). */
export const automationVersionsWithDiff = (
  versions: readonly AutomationVersion[],
): AutomationVersionWithDiff[] =>
  versionHistory(versions, (a, b) => diffAutomations(a.document, b.document), shippedAutomations());
