import type { Id } from '../domain/types.ts';
import { diffDocuments } from '../engine/index.ts';
import type { SettingsChange } from '../sdk/index.ts';
import { defaultAutomations } from './defaults.ts';
import type { AutomationDocument } from './types.ts';

/** One stored version of the automations document: the same lifecycle as a settings version. */
export interface AutomationVersion {
  version: number;
  status: 'proposed' | 'published' | 'discarded';
  document: AutomationDocument;
  reason: string;
  authorId: Id;
  createdAt: string;
  publishedAt: string | null;
  publishedById: Id | null;
  /** For a rollback, the version whose document was restored. */
  rollbackOf: number | null;
}

/** Changes by automation id (`south-amber.steps`), so a reordering of the list is no change. */
export function diffAutomations(before: AutomationDocument, after: AutomationDocument): SettingsChange[] {
  const old = new Map(before.automations.map((a) => [a.id, a]));
  const now = new Map(after.automations.map((a) => [a.id, a]));
  const out: SettingsChange[] = [];
  for (const [id, a] of now) {
    const was = old.get(id);
    if (!was) out.push({ path: id, before: null, after: a });
    else out.push(...diffDocuments(was, a, id));
  }
  for (const [id, a] of old) if (!now.has(id)) out.push({ path: id, before: a, after: null });
  return out;
}

const byPublication = (a: AutomationVersion, b: AutomationVersion) =>
  (a.publishedAt ?? '').localeCompare(b.publishedAt ?? '') || a.version - b.version;

/** The version in effect; before HR publishes anything, the shipped defaults as version 0. */
export function currentAutomations(versions: readonly AutomationVersion[]): AutomationVersion {
  const published = versions.filter((v) => v.status === 'published').sort(byPublication);
  return (
    published.at(-1) ?? {
      version: 0,
      status: 'published',
      document: defaultAutomations(),
      reason: '',
      authorId: 'system',
      createdAt: '',
      publishedAt: null,
      publishedById: null,
      rollbackOf: null,
    }
  );
}

export type AutomationVersionWithDiff = AutomationVersion & {
  current: boolean;
  diff: SettingsChange[];
  diffAgainst: number;
};

/** Every version newest first, each with its diff against the one published before it (proposals: the current). */
export function automationVersionsWithDiff(
  versions: readonly AutomationVersion[],
): AutomationVersionWithDiff[] {
  const rows = [...versions].sort((a, b) => a.version - b.version);
  const current = currentAutomations(rows);
  const out: AutomationVersionWithDiff[] = [];
  let before = currentAutomations([]);
  const published = rows.filter((v) => v.status === 'published').sort(byPublication);
  for (const v of published) {
    out.push({
      ...v,
      current: v.version === current.version,
      diff: diffAutomations(before.document, v.document),
      diffAgainst: before.version,
    });
    before = v;
  }
  for (const v of rows.filter((r) => r.status !== 'published'))
    out.push({
      ...v,
      current: false,
      diff: diffAutomations(current.document, v.document),
      diffAgainst: current.version,
    });
  return out.sort((a, b) => b.version - a.version);
}
