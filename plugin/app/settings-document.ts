import type { ValidateFunction } from 'ajv';
import settingsSchema from '../../rules/settings.schema.json' with { type: 'json' };
import { versionHistory, versionInEffect, type WithDiff } from '../domain/document-versions.ts';
import type { Settings } from '../domain/settings.ts';
import { createAjv } from '../engine/ajv.ts';
import { issueFromAjvError } from '../engine/ajv-issues.ts';
import { diffDocuments, loadSettings, SettingsError } from '../engine/index.ts';
import type { SettingsChange, SettingsVersion } from '../sdk/index.ts';
import type { FieldReason } from './error-codes.ts';
import { badRequest } from './errors.ts';
import { fieldReason } from './field-reasons.ts';

/** One refused settings field: the engine's English `message` plus a reason and limit to word it by. */
export interface SettingsIssue {
  path: string;
  message: string;
  reason: FieldReason;
  limit: string | number;
}

let validate: ValidateFunction | null = null;

/**
 * The problems of a settings document the engine refused, with reasons. The engine's issues carry only
 * English words, so the document is checked again against the same schema to keep each Ajv keyword.
 */
export function settingsIssues(doc: unknown): SettingsIssue[] {
  validate ??= createAjv().compile(settingsSchema);
  if (validate(doc)) return [];
  const issues: SettingsIssue[] = [];
  const seen = new Set<string>();
  for (const error of validate.errors ?? []) {
    const issue = issueFromAjvError(error);
    if (issue === null) continue;
    const key = `${issue.path}\u0000${issue.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    issues.push({ ...issue, ...fieldReason(error) });
  }
  return issues;
}

/** Validates a settings document; a bad one is a 400 listing every field problem. */
export function validateSettings(doc: unknown, source: string): Settings {
  try {
    return loadSettings(doc, source);
  } catch (err) {
    if (err instanceof SettingsError) {
      const issues = settingsIssues(doc);
      throw badRequest('invalid-settings', err.message, {
        issues: issues.length > 0 ? issues : err.issues,
        params: { count: err.issues.length },
      });
    }
    throw err;
  }
}

/** The version in effect: the most recently published one. */
export const currentVersion = (versions: readonly SettingsVersion[]): SettingsVersion | undefined =>
  versionInEffect(versions);

export type VersionWithDiff = WithDiff<SettingsVersion, SettingsChange>;

/** Every version, newest first, each with its diff against the version published before it (proposals: against the current). */
export const versionsWithDiff = (versions: readonly SettingsVersion[]): VersionWithDiff[] =>
  versionHistory(versions, (a, b) => diffDocuments(a.settings, b.settings));
