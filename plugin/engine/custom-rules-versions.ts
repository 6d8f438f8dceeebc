import type { Id } from '../domain/types.ts';
import type { SettingsChange } from '../sdk/index.ts';
import { type CustomRuleDocument, EMPTY_CUSTOM_RULES } from './custom-rules.ts';
import { diffDocuments } from './preview-diff.ts';

/** One stored version of the custom rules document: the lifecycle of a settings version. */
export interface RuleVersion {
  version: number;
  status: 'proposed' | 'published' | 'discarded';
  document: CustomRuleDocument;
  reason: string;
  authorId: Id;
  createdAt: string;
  publishedAt: string | null;
  publishedById: Id | null;
  /** For a rollback, the version whose document was restored. */
  rollbackOf: number | null;
}

/** Changes by rule name (`low-confidence-twice.conditions…`), so a reordering is no change. */
export function diffCustomRules(before: CustomRuleDocument, after: CustomRuleDocument): SettingsChange[] {
  const old = new Map(before.rules.map((r) => [r.name, r]));
  const now = new Map(after.rules.map((r) => [r.name, r]));
  const out: SettingsChange[] = [];
  for (const [name, rule] of now) {
    const was = old.get(name);
    if (!was) out.push({ path: name, before: null, after: rule });
    else out.push(...diffDocuments(was, rule, name));
  }
  for (const [name, rule] of old) if (!now.has(name)) out.push({ path: name, before: rule, after: null });
  return out;
}

const byPublication = (a: RuleVersion, b: RuleVersion) =>
  (a.publishedAt ?? '').localeCompare(b.publishedAt ?? '') || a.version - b.version;

/** The version in effect; before an admin publishes anything, no custom rules as version 0. */
export function currentRuleVersion(versions: readonly RuleVersion[]): RuleVersion {
  const published = versions.filter((v) => v.status === 'published').sort(byPublication);
  return (
    published.at(-1) ?? {
      version: 0,
      status: 'published',
      document: EMPTY_CUSTOM_RULES,
      reason: '',
      authorId: 'system',
      createdAt: '',
      publishedAt: null,
      publishedById: null,
      rollbackOf: null,
    }
  );
}

export type RuleVersionWithDiff = RuleVersion & { current: boolean; diff: SettingsChange[]; diffAgainst: number };

/** Every version newest first, each with its diff against the one published before it (proposals: the current). */
export function ruleVersionsWithDiff(versions: readonly RuleVersion[]): RuleVersionWithDiff[] {
  const rows = [...versions].sort((a, b) => a.version - b.version);
  const current = currentRuleVersion(rows);
  const out: RuleVersionWithDiff[] = [];
  let before = currentRuleVersion([]);
  for (const v of rows.filter((r) => r.status === 'published').sort(byPublication)) {
    out.push({ ...v, current: v.version === current.version, diff: diffCustomRules(before.document, v.document), diffAgainst: before.version });
    before = v;
  }
  for (const v of rows.filter((r) => r.status !== 'published'))
    out.push({ ...v, current: false, diff: diffCustomRules(current.document, v.document), diffAgainst: current.version });
  return out.sort((a, b) => b.version - a.version);
}
