import type { RuleEvent } from '../../../plugin/engine/index.ts';
import { COLLECTIONS } from './collections.ts';
import type { Tables } from './tables.ts';

/** Same event about the same subject is stored once, so re-running an evaluation does not re-trigger workflows. */
export const eventKey = (e: RuleEvent): string =>
  [
    e.type,
    e.subject.krId ?? '',
    e.subject.personId ?? '',
    e.subject.accountId ?? '',
    e.subject.month ?? '',
    e.subject.quarter ?? '',
  ].join('|');

/**
 * Stores rule events as `okr_rule_events` rows (one per type and subject). A NocoBase workflow on
 * "after record added" of that collection turns them into tasks or messages. Returns how many were new.
 */
export async function recordRuleEvents(
  tables: Tables,
  events: readonly RuleEvent[],
  at: string,
): Promise<number> {
  return tables.transaction(async (tx) => {
    const keys = [...new Set(events.map(eventKey))];
    if (keys.length === 0) return 0;
    const existing = new Set(
      (await tx.find(COLLECTIONS.ruleEvents, { dedupKey: { $in: keys } })).map((r) => r.dedupKey),
    );
    let added = 0;
    for (const e of events) {
      const key = eventKey(e);
      if (existing.has(key)) continue;
      existing.add(key);
      await tx.create(COLLECTIONS.ruleEvents, {
        id: key,
        type: e.type,
        krId: e.subject.krId ?? null,
        personId: e.subject.personId ?? null,
        accountId: e.subject.accountId ?? null,
        month: e.subject.month ?? null,
        params: e.params,
        at,
        dedupKey: key,
      });
      added += 1;
    }
    return added;
  });
}
