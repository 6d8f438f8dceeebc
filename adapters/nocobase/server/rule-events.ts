import { eventPersonId, recordNewRuleEvents } from '../../../plugin/app/rule-events.ts';
import type { AutomationEvent } from '../../../plugin/automations/types.ts';
import type { MonthColour } from '../../../plugin/domain/pace.ts';
import type { Snapshot } from '../../../plugin/domain/types.ts';
import type { RuleEvent } from '../../../plugin/engine/index.ts';
import { type AutomationHost, automationsAfterRules } from './automation-executor.ts';
import { COLLECTIONS } from './collections.ts';
import type { Tables } from './tables.ts';

const hasOrg = (s: object | null): s is Snapshot =>
  s !== null && ['people', 'regions', 'keyResults', 'keyAccounts', 'escalations'].every((k) => k in s);

// NocoBase rows keep the key they had before the pack keyed events: with the quarter, empty or not.
const storedKey = (key: string) => (key.split('|').length === 5 ? `${key}|` : key);

/**
 * Stores rule events as `okr_rule_events` rows (one per type and subject). A NocoBase workflow on
 * "after record added" of that collection turns them into tasks or messages. Returns how many were new.
 * The dedup key is the pack's (`ruleEventKey`), so filling in the person never re-triggers an event.
 */
export async function recordRuleEvents(
  tables: Tables,
  events: readonly RuleEvent[],
  at: string,
  snapshot: Pick<Snapshot, 'keyResults' | 'people'> | null = null,
  run?: { colours: readonly MonthColour[]; today: string; host?: AutomationHost },
): Promise<number> {
  const fresh = await tables.transaction((tx) =>
    recordNewRuleEvents<AutomationEvent>(
      {
        async known(keys) {
          const stored = new Map(keys.map((k) => [storedKey(k), k]));
          const rows = await tx.find(COLLECTIONS.ruleEvents, { dedupKey: { $in: [...stored.keys()] } });
          return new Set(rows.map((r) => stored.get(String(r.dedupKey))!));
        },
        async add(e, packKey) {
          const key = storedKey(packKey);
          await tx.create(COLLECTIONS.ruleEvents, {
            id: key,
            type: e.type,
            krId: e.subject.krId ?? null,
            personId: eventPersonId(e, snapshot),
            accountId: e.subject.accountId ?? null,
            month: e.subject.month ?? null,
            params: e.params,
            at,
            dedupKey: key,
          });
          const trigger = e.type as AutomationEvent['trigger'];
          return { id: key, trigger, at, subject: e.subject, params: e.params, dedupKey: key };
        },
      },
      events,
    ),
  );
  // After commit, as on the reference host: what the new events (and the lifecycle events since the
  // last run) set off is HR's automations.
  if (hasOrg(snapshot))
    await automationsAfterRules(
      tables,
      { now: () => at, today: () => run?.today ?? at.slice(0, 10) },
      { fresh, snapshot, colours: run?.colours ?? [], today: run?.today ?? at.slice(0, 10) },
      run?.host,
    );
  return fresh.length;
}
