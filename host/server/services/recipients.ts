import type { Id, Snapshot } from '../../../plugin/domain/types.ts';

/** The people an event about a KR, a person or an account concerns: the owner and the owner's manager. */
export function recipientsOf(
  snapshot: Snapshot,
  subject: { krId?: Id; personId?: Id; accountId?: Id },
): Id[] {
  const people = new Map(snapshot.people.map((p) => [p.id, p]));
  const withManager = (personId: Id): Id[] => {
    const p = people.get(personId);
    if (!p) return [];
    return p.managerId ? [p.id, p.managerId] : [p.id];
  };
  const regionManagers = (regionId: Id): Id[] =>
    snapshot.people.filter((p) => p.role === 'manager' && p.regionId === regionId).map((p) => p.id);
  const out: Id[] = [];
  if (subject.krId) {
    const kr = snapshot.keyResults.find((k) => k.id === subject.krId);
    if (kr) out.push(...(kr.ownerType === 'person' ? withManager(kr.ownerId) : regionManagers(kr.ownerId)));
  }
  if (subject.personId) out.push(...withManager(subject.personId));
  if (subject.accountId) {
    const account = snapshot.keyAccounts.find((a) => a.id === subject.accountId);
    if (account) out.push(...withManager(account.ownerId));
  }
  return [...new Set(out)].filter((id) => people.has(id));
}

/** Region of a KR: the owner's region for a personal KR, the owning region otherwise. */
export function regionOfKr(
  snapshot: Pick<Snapshot, 'people'>,
  kr: { ownerType: string; ownerId: Id },
): Id | null {
  if (kr.ownerType === 'region') return kr.ownerId;
  return snapshot.people.find((p) => p.id === kr.ownerId)?.regionId ?? null;
}
