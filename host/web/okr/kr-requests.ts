import type { FormRecord } from '../../../forms/runtime/behaviours/index.ts';
import type { Id, KeyResult } from '../../../plugin/domain/types.ts';

type KrRecord = FormRecord<'key-result'>;

const EDITABLE = [
  'title',
  'metric',
  'baseline',
  'target',
  'unit',
  'focusTags',
  'rationale',
  'evidence',
] as const;

const customOf = (record: KrRecord) =>
  record.custom && Object.keys(record.custom).length > 0 ? { custom: record.custom } : {};

/** The body of `keyResult.create` from the submitted form. */
export function createKrBody(record: KrRecord, cycleId: Id) {
  const body: Record<string, unknown> = { cycleId, ownerType: record.ownerType, ownerId: record.ownerId };
  for (const field of EDITABLE) body[field] = record[field];
  return { ...body, ...customOf(record) };
}

/**
 * The body of `keyResult.update`: only what changed, so an untouched field never trips a rule; a
 * revised target carries the reason the form asked for (its last target revision).
 */
export function updateKrBody(record: KrRecord, before: KeyResult) {
  const body: Record<string, unknown> = { version: before.version };
  for (const field of EDITABLE)
    if (JSON.stringify(record[field]) !== JSON.stringify(before[field])) body[field] = record[field];
  if (record.target !== before.target) body.targetReason = record.targetHistory.at(-1)?.reason ?? '';
  return { ...body, ...customOf(record) };
}

/** True when the form would change nothing but the links (the update itself can be skipped). */
export const onlyVersion = (body: Record<string, unknown>) => Object.keys(body).length === 1;

export interface LinkWrite {
  objectiveId: Id;
  weight: number;
  /** The stored link's row version; absent for a new link. */
  version?: number;
}

/** The link writes that turn the stored links into the form's: saves (new or re-weighted) and removals. */
export function linkChanges(
  wanted: readonly { objectiveId: Id; weight: number }[],
  stored: readonly { objectiveId: Id; weight: number; version: number }[],
): { save: LinkWrite[]; remove: { objectiveId: Id; version: number }[] } {
  const byObjective = new Map(stored.map((l) => [l.objectiveId, l]));
  const save: LinkWrite[] = [];
  for (const link of wanted) {
    const old = byObjective.get(link.objectiveId);
    if (!old) save.push({ objectiveId: link.objectiveId, weight: link.weight });
    else if (old.weight !== link.weight) save.push({ ...link, version: old.version });
  }
  const kept = new Set(wanted.map((l) => l.objectiveId));
  const remove = stored
    .filter((l) => !kept.has(l.objectiveId))
    .map(({ objectiveId, version }) => ({ objectiveId, version }));
  return { save, remove };
}
