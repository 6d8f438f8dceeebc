import type { ValidateFunction } from 'ajv';
import settingsSchema from '../../rules/settings.schema.json' with { type: 'json' };
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

const byPublication = (a: SettingsVersion, b: SettingsVersion) =>
  (a.publishedAt ?? '').localeCompare(b.publishedAt ?? '') || a.version - b.version;

/** The version in effect: the most recently published one. */
export function currentVersion(versions: readonly SettingsVersion[]): SettingsVersion | undefined {
  return versions
    .filter((v) => v.status === 'published')
    .sort(byPublication)
    .at(-1);
}

export type VersionWithDiff = SettingsVersion & {
  current: boolean;
  diff: SettingsChange[];
  diffAgainst: number | null;
};

/** Every version, newest first, each with its diff against the version published before it (proposals: against the current). */
export function versionsWithDiff(versions: readonly SettingsVersion[]): VersionWithDiff[] {
  const rows = [...versions].sort((a, b) => a.version - b.version);
  const current = currentVersion(rows);
  const published = rows.filter((r) => r.status === 'published').sort(byPublication);
  return rows
    .map((v): VersionWithDiff => {
      const i = published.findIndex((p) => p.version === v.version);
      const base = v.status === 'published' ? (i > 0 ? published[i - 1] : undefined) : current;
      return {
        ...v,
        current: v.version === current?.version,
        diff: base ? diffDocuments(base.settings, v.settings) : [],
        diffAgainst: base?.version ?? null,
      };
    })
    .reverse();
}
