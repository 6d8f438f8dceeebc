import { eventOfRuleEvent, eventsAfterRules } from '../../../plugin/automations/lifecycle-events.ts';
import type { AutomationEvent } from '../../../plugin/automations/types.ts';
import type { MonthColour } from '../../../plugin/domain/pace.ts';
import type { Settings } from '../../../plugin/domain/settings.ts';
import type { Snapshot } from '../../../plugin/domain/types.ts';
import type { Db } from '../storage/queries.ts';
import type { AutomationExecutor } from './executor.ts';
import { lifecycleEventsSince } from './lifecycle-events.ts';

/** A rule event as stored in rule_events: its row id is the event id of its automation runs. */
export interface StoredRuleEvent {
  id: string;
  dedupKey: string;
  type: string;
  subject: AutomationEvent['subject'];
  params: Record<string, unknown>;
}

const CURSOR = 'automations.audit-cursor';

/** The last audit row whose lifecycle event was handed to the automations; the first run starts now. */
async function readCursor(db: Db): Promise<number> {
  const row = await db.selectFrom('host_meta').select('value').where('key', '=', CURSOR).executeTakeFirst();
  if (row) return Number(row.value);
  const max = await db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.max('id').as('id'))
    .executeTakeFirst();
  const start = Number(max?.id ?? 0);
  await writeCursor(db, start);
  return start;
}

async function writeCursor(db: Db, id: number): Promise<void> {
  await db
    .insertInto('host_meta')
    .values({ key: CURSOR, value: String(id) })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: String(id) }))
    .execute();
}

/**
 * After a rules run: the new rule events, the lifecycle events written since the last run (check-ins
 * get the month's colour) and escalations past their response target go to the automations.
 * Returns the in-app notifications delivered.
 */
export async function automationsAfterRules(
  executor: AutomationExecutor,
  db: Db,
  run: {
    fresh: StoredRuleEvent[];
    digested: ReadonlySet<string>;
    snapshot: Snapshot;
    colours: readonly MonthColour[];
    settings: Settings;
    today: string;
  },
): Promise<number> {
  const ruleEvents = run.fresh.map((e) => eventOfRuleEvent({ ...e, at: run.today }));
  const { events: lifecycle, lastId } = await lifecycleEventsSince(db, await readCursor(db));
  const events = eventsAfterRules({ ...run, ruleEvents, lifecycle });
  const delivered = await executor.handle(events, run.snapshot, run.today, { digested: run.digested });
  await writeCursor(db, lastId);
  return delivered;
}
