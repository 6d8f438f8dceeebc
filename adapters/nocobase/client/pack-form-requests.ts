import type { EscalationResolutionDraft } from '../../../forms/runtime/behaviours/escalation-resolution.ts';
import type { ObjectiveDraft } from '../../../forms/runtime/behaviours/objective.ts';
import type { PeerReviewDraft } from '../../../forms/runtime/behaviours/peer-review.ts';
import type { Activity, Escalation, EscalationReason, Objective } from '../../../plugin/domain/types.ts';
import type { PackActionUrl } from './pack-actions.ts';

/** Server actions of the escalation, objective and peer-review blocks (`/api/okrAlign:<action>`). */
export const PACK_FORM_ACTIONS = {
  raiseEscalation: 'okrAlign:raiseEscalation',
  escalationAssignees: 'okrAlign:escalationAssignees',
  assignEscalation: 'okrAlign:assignEscalation',
  resolveEscalation: 'okrAlign:resolveEscalation',
  objectives: 'okrAlign:objectives',
  createObjective: 'okrAlign:createObjective',
  updateObjective: 'okrAlign:updateObjective',
  submitPeerReview: 'okrAlign:submitPeerReview',
  updatePeerReview: 'okrAlign:updatePeerReview',
  myPeerReviewAssignments: 'okrAlign:myPeerReviewAssignments',
  myPeerReviews: 'okrAlign:myPeerReviews',
  saveActivity: 'okrAlign:saveActivity',
} as const satisfies Record<string, PackActionUrl>;

export const ESCALATION_REASONS: readonly EscalationReason[] = [
  'amber-streak',
  'red',
  'blocker',
  'resource-request',
];

/** Open escalations first, then the most recently raised. */
export function escalationsInOrder(list: readonly Escalation[]): Escalation[] {
  return [...list].sort(
    (a, b) =>
      Number(a.resolvedAt !== null) - Number(b.resolvedAt !== null) || b.raisedAt.localeCompare(a.raisedAt),
  );
}

/**
 * The requests a submitted resolution form makes: a changed assignee is assigned first (so the
 * audit shows who held it), then the escalation is resolved. The server stamps the resolution time.
 */
export function resolutionRequests(record: EscalationResolutionDraft, before: Escalation) {
  const assign =
    record.assigneeId && record.assigneeId !== before.assigneeId
      ? [{ url: PACK_FORM_ACTIONS.assignEscalation, data: { id: before.id, assigneeId: record.assigneeId } }]
      : [];
  return [
    ...assign,
    { url: PACK_FORM_ACTIONS.resolveEscalation, data: { id: before.id, resolution: record.resolution } },
  ];
}

/**
 * The request of a submitted objective form: `createObjective` in the record's cycle, or
 * `updateObjective` of `before` on the row version the user saw (the cycle does not move).
 */
export function objectiveRequest(record: ObjectiveDraft, before: (Objective & { version: number }) | null) {
  const fields = {
    title: record.title,
    ownerId: record.ownerId,
    focusTags: record.focusTags,
    weight: record.weight,
  };
  return before
    ? { url: PACK_FORM_ACTIONS.updateObjective, data: { id: before.id, version: before.version, ...fields } }
    : { url: PACK_FORM_ACTIONS.createObjective, data: { cycleId: record.cycleId, ...fields } };
}

/** Body of `okrAlign:submitPeerReview`: never the reviewer (the server takes the signed-in person). */
export function peerReviewBody(record: PeerReviewDraft) {
  return {
    quarter: record.quarter,
    revieweeId: record.revieweeId,
    scores: record.scores,
    ...(record.comment ? { comment: record.comment } : {}),
  };
}

/** Body of `okrAlign:saveActivity`: the person, month and every measure (cents), as the form builds it. */
export function activityBody(record: Activity): Activity {
  const { personId, month, dealsSigned, dealsAmountCents, highMarginAmountCents, clientVisits } = record;
  const { proposalsSent, proposalsWon, collectionsCents } = record;
  return {
    personId,
    month,
    dealsSigned,
    dealsAmountCents,
    highMarginAmountCents,
    clientVisits,
    proposalsSent,
    proposalsWon,
    collectionsCents,
  };
}

interface ApiError {
  response?: { status?: number; data?: { errors?: { code?: string }[] } };
}

/**
 * A 409 that is not a stale row version (already resolved, already reviewed, cycle locked) is a
 * refusal the user cannot fix by reloading: shown as refused input, not as "someone saved first".
 */
export function asRefusal(error: unknown): unknown {
  const response = (error as ApiError | null)?.response;
  if (response?.status !== 409 || response.data?.errors?.[0]?.code === 'stale-version') return error;
  return Object.assign(Object.create(Object.getPrototypeOf(error)), error, {
    response: { ...response, status: 400 },
  });
}

/** Runs a write, turning a non-stale 409 into a refusal (see `asRefusal`). */
export async function refusingConflicts<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    throw asRefusal(error);
  }
}
