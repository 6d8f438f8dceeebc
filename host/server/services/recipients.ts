import { eventContext } from '../../../plugin/automations/event-context.ts';
import type { Id, Snapshot } from '../../../plugin/domain/types.ts';

/**
 * The people an event about a KR, a person or an account concerns: the owner and the owner's manager
 * (a region's KR: the region's managers). The automations' "owner" and "manager" are the same people.
 */
export function recipientsOf(
  snapshot: Snapshot,
  subject: { krId?: Id; personId?: Id; accountId?: Id },
): Id[] {
  const { ownerIds, managerIds } = eventContext(
    { id: '', trigger: 'kr-stale', at: '', subject: { ...subject }, params: {} },
    snapshot,
  );
  return [...new Set([...ownerIds, ...managerIds])];
}

/** Region of a KR: the owner's region for a personal KR, the owning region otherwise. */
export function regionOfKr(
  snapshot: Pick<Snapshot, 'people'>,
  kr: { ownerType: string; ownerId: Id },
): Id | null {
  if (kr.ownerType === 'region') return kr.ownerId;
  return snapshot.people.find((p) => p.id === kr.ownerId)?.regionId ?? null;
}
