import type { CheckInDraft } from '../../../forms/runtime/behaviours/check-in.ts';
import type { KeyResultDraft } from '../../../forms/runtime/behaviours/key-result.ts';
import type { CustomValues } from '../../../forms/runtime/form-context.ts';
import type { KeyResult, KrLink } from '../../../plugin/domain/types.ts';
import type { PackActionUrl } from './pack-actions.ts';

/** Server actions the pack forms submit to (`/api/okrAlign:<action>`). */
export const FORM_ACTIONS = {
  createKeyResult: 'okrAlign:createKeyResult',
  keyResult: 'okrAlign:updateKeyResult',
  checkIn: 'okrAlign:saveCheckIn',
} as const satisfies Record<string, PackActionUrl>;

type WithCustom<T> = T & { custom?: CustomValues };

/**
 * Body of `okrAlign:updateKeyResult` (the pack's `keyResult.update` input) for a record of the
 * key-result form: the fields a writer may change, at the version the form was opened with; a revised target carries the reason the form
 * asked for (the server appends the revision). Owner and links are not part of the patch.
 */
export function keyResultUpdateBody(record: WithCustom<KeyResultDraft>, before: KeyResult) {
  const revised = record.target !== before.target;
  return {
    id: before.id,
    version: before.version,
    ...editedFields(record),
    ...(revised ? { targetReason: record.targetHistory.at(-1)?.reason ?? '' } : {}),
  };
}

/** The fields a KR's writer fills in, the same on create and on update. */
function editedFields(record: WithCustom<KeyResultDraft>) {
  const { title, metric, baseline, target, unit, focusTags, rationale, evidence, custom } = record;
  return {
    title,
    metric,
    baseline,
    target,
    unit,
    focusTags,
    rationale,
    evidence,
    ...(custom && Object.keys(custom).length > 0 ? { custom } : {}),
  };
}

/** A KR the signed-in person starts in the form: theirs, in the cycle on the board, nothing filled in. */
export const blankKeyResult = (cycleId: string, personId: string, at: string): KeyResult => ({
  id: '',
  cycleId,
  ownerType: 'person',
  ownerId: personId,
  title: '',
  metric: 'number',
  baseline: 0,
  target: 0,
  unit: '',
  focusTags: [],
  links: [],
  rationale: '',
  rationaleAt: null,
  evidence: '',
  confirmedAt: null,
  updateIntervalDays: null,
  targetHistory: [],
  createdAt: at,
  version: 0,
});

/**
 * Body of `okrAlign:createKeyResult` (the pack's `keyResult.create` input) for a new KR of the form;
 * its links are saved after it through `okrAlign:saveLink`.
 */
export function keyResultCreateBody(record: WithCustom<KeyResultDraft>) {
  return {
    cycleId: record.cycleId,
    ownerType: record.ownerType,
    ownerId: record.ownerId,
    ...editedFields(record),
  };
}

/** Links of the form that are new or have a new weight (saved through `okrAlign:saveLink`). */
export function changedLinks(record: KeyResultDraft, before: KeyResult): KrLink[] {
  const old = new Map(before.links.map((l) => [l.objectiveId, l.weight]));
  return record.links.filter((l) => old.get(l.objectiveId) !== l.weight);
}

/** Objectives the KR was linked to that the form no longer lists (removed through `okrAlign:deleteLink`). */
export function removedLinks(record: KeyResultDraft, before: KeyResult): string[] {
  const kept = new Set(record.links.map((l) => l.objectiveId));
  return before.links.filter((l) => !kept.has(l.objectiveId)).map((l) => l.objectiveId);
}

/** True when the form names another owner: owners are not changed through the pack's KR update. */
export const ownerChanged = (record: KeyResultDraft, before: KeyResult): boolean =>
  record.ownerType !== before.ownerType || record.ownerId !== before.ownerId;

/** Body of `okrAlign:saveCheckIn` for a record of the check-in form (one check-in per KR and month). */
export function checkInBody(record: WithCustom<CheckInDraft>) {
  return {
    krId: record.krId,
    month: record.month,
    value: record.value,
    selfColour: record.selfColour,
    colourNote: record.colourNote,
    blockers: record.blockers,
    resourceRequest: record.resourceRequest,
    confidence: record.confidence,
    ...(record.custom && Object.keys(record.custom).length > 0 ? { custom: record.custom } : {}),
  };
}
