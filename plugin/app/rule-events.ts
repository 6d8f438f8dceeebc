import type { Id, Snapshot } from '../domain/types.ts';
import type { RuleEvent } from '../engine/index.ts';

/**
 * The same event about the same subject is recorded once, so re-running an evaluation never sets
 * off a notification or a workflow again. A pool event's quarter is part of its subject: next
 * quarter's pool is another event.
 */
export const ruleEventKey = (e: RuleEvent): string => {
  const { krId, personId, accountId, month, quarter } = e.subject;
  const key = [e.type, krId ?? '', personId ?? '', accountId ?? '', month ?? ''].join('|');
  return quarter ? `${key}|${quarter}` : key;
};

/** Where a host keeps its rule events, inside the transaction of one recording. */
export interface RuleEventStore<Stored> {
  /** Which of `keys` are stored already (asked at most `KEYS_PER_LOOKUP` at a time). */
  known(keys: readonly string[]): Promise<ReadonlySet<string>>;
  /** Stores a new event under `key`; answers what the host made of it (its row, its id). */
  add(event: RuleEvent, key: string): Promise<Stored>;
}

const KEYS_PER_LOOKUP = 500;

/**
 * Stores the events not stored before (each key once, the first event of a key wins) and answers
 * them in the order given: what a rules run announces, notifies and hands to the automations.
 */
export async function recordNewRuleEvents<Stored>(
  store: RuleEventStore<Stored>,
  events: readonly RuleEvent[],
): Promise<Stored[]> {
  const keys = [...new Set(events.map(ruleEventKey))];
  const seen = new Set<string>();
  for (let i = 0; i < keys.length; i += KEYS_PER_LOOKUP)
    for (const key of await store.known(keys.slice(i, i + KEYS_PER_LOOKUP))) seen.add(key);
  const fresh: Stored[] = [];
  for (const event of events) {
    const key = ruleEventKey(event);
    if (seen.has(key)) continue;
    seen.add(key);
    fresh.push(await store.add(event, key));
  }
  return fresh;
}

/**
 * The person an event is given to. A region-owned KR has no owner person: as the reference host's
 * rules runner opens the escalation for the first of `recipientsOf`, it goes to the region's
 * manager, the first by id when a region has several. Null when the region has no manager.
 */
export function eventPersonId(
  e: RuleEvent,
  snapshot: Pick<Snapshot, 'keyResults' | 'people'> | null,
): Id | null {
  if (e.subject.personId) return e.subject.personId;
  const kr = e.subject.krId ? snapshot?.keyResults.find((k) => k.id === e.subject.krId) : undefined;
  if (!snapshot || kr?.ownerType !== 'region') return null;
  const managers = snapshot.people
    .filter((p) => p.role === 'manager' && p.regionId === kr.ownerId)
    .map((p) => p.id)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return managers[0] ?? null;
}
