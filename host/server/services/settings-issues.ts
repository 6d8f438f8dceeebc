import type { ValidateFunction } from 'ajv';
import { createAjv } from '../../../plugin/engine/ajv.ts';
import { issueFromAjvError } from '../../../plugin/engine/ajv-issues.ts';
import settingsSchema from '../../../rules/settings.schema.json' with { type: 'json' };
import type { FieldReason } from '../error-codes.ts';
import { fieldReason } from '../field-reasons.ts';

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
