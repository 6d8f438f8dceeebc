import type { AuditFeed } from '../../../plugin/automations/after-rules.ts';
import {
  eventOfRuleEvent,
  eventsOfAudit,
  LIFECYCLE_AUDIT_ACTIONS,
  type LifecycleAuditRow,
  type LifecycleReads,
} from '../../../plugin/automations/lifecycle-events.ts';
import type { AutomationEvent } from '../../../plugin/automations/types.ts';
import type { Db } from '../storage/schema.ts';

type AuditRow = { id: number; at: string; action: string; subject_id: string; after: string | null };

const readsOf = (db: Db): LifecycleReads => ({
  async poolRunQuarter(id) {
    const run = await db.selectFrom('pool_runs').select('quarter').where('id', '=', id).executeTakeFirst();
    return run?.quarter;
  },
});

const toRow = (r: AuditRow): LifecycleAuditRow => ({
  id: Number(r.id),
  at: r.at,
  action: r.action,
  subjectId: r.subject_id,
  after: r.after ? (JSON.parse(r.after) as unknown) : null,
});

const lifecycleRows = (db: Db) =>
  db
    .selectFrom('audit_log')
    .select(['id', 'at', 'action', 'subject_id', 'after'])
    .where('action', 'in', LIFECYCLE_AUDIT_ACTIONS)
    .orderBy('id');

const CURSOR = 'automations.audit-cursor';

async function writeCursor(db: Db, id: string): Promise<void> {
  await db
    .insertInto('host_meta')
    .values({ key: CURSOR, value: id })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: id }))
    .execute();
}

/** `audit_log` as the automations read it: the cursor is the id of the last row handed on. */
export function sqlAuditFeed(db: Db, limit = 500): AuditFeed {
  return {
    ...readsOf(db),
    async unread() {
      const stored = await db
        .selectFrom('host_meta')
        .select('value')
        .where('key', '=', CURSOR)
        .executeTakeFirst();
      let after = Number(stored?.value ?? 0);
      if (!stored) {
        const max = await db
          .selectFrom('audit_log')
          .select((eb) => eb.fn.max('id').as('id'))
          .executeTakeFirst();
        after = Number(max?.id ?? 0);
        await writeCursor(db, String(after));
      }
      const rows = await lifecycleRows(db).where('id', '>', after).limit(limit).execute();
      return { rows: rows.map(toRow), next: String(rows.length > 0 ? Number(rows.at(-1)?.id) : after) };
    },
    markRead: (next) => writeCursor(db, next),
  };
}

/** Lifecycle audit rows in a time window (the preview's last 90 days). */
export async function lifecycleEventsBetween(db: Db, from: string, to: string): Promise<AutomationEvent[]> {
  const rows = await lifecycleRows(db).where('at', '>=', from).where('at', '<=', to).execute();
  return eventsOfAudit(rows.map(toRow), readsOf(db));
}

/** A rule_events row as an automation event. */
export const eventOfRuleRow = (r: {
  id: string;
  at: string;
  type: string;
  subject: string;
  params: string;
  dedup_key: string;
}): AutomationEvent =>
  eventOfRuleEvent({
    id: r.id,
    type: r.type,
    at: r.at,
    subject: JSON.parse(r.subject),
    params: JSON.parse(r.params),
    dedupKey: r.dedup_key,
  });
