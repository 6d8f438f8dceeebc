import {
  eventOfAudit as eventOfAuditRow,
  eventOfRuleEvent,
  eventsOfAudit,
  LIFECYCLE_AUDIT_ACTIONS,
  type LifecycleAuditRow,
  type LifecycleReads,
} from '../../../plugin/automations/lifecycle-events.ts';
import type { AutomationEvent } from '../../../plugin/automations/types.ts';
import type { Db } from '../storage/queries.ts';

export { LIFECYCLE_AUDIT_ACTIONS, overdueEvents } from '../../../plugin/automations/lifecycle-events.ts';

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

/** The automation event an audit row stands for (check-in submitted, escalation raised …). */
export const eventOfAudit = (db: Db, row: AuditRow): Promise<AutomationEvent | null> =>
  eventOfAuditRow(toRow(row), readsOf(db));

/** Audit rows of lifecycle actions after `afterId` (oldest first), and the last id read. */
export async function lifecycleEventsSince(
  db: Db,
  afterId: number,
  limit = 500,
): Promise<{ events: AutomationEvent[]; lastId: number }> {
  const rows = await db
    .selectFrom('audit_log')
    .select(['id', 'at', 'action', 'subject_id', 'after'])
    .where('id', '>', afterId)
    .where('action', 'in', LIFECYCLE_AUDIT_ACTIONS)
    .orderBy('id')
    .limit(limit)
    .execute();
  const events = await eventsOfAudit(rows.map(toRow), readsOf(db));
  return { events, lastId: rows.length > 0 ? Number(rows.at(-1)?.id) : afterId };
}

/** Lifecycle audit rows in a time window (the preview's last 90 days). */
export async function lifecycleEventsBetween(db: Db, from: string, to: string): Promise<AutomationEvent[]> {
  const rows = await db
    .selectFrom('audit_log')
    .select(['id', 'at', 'action', 'subject_id', 'after'])
    .where('at', '>=', from)
    .where('at', '<=', to)
    .where('action', 'in', LIFECYCLE_AUDIT_ACTIONS)
    .orderBy('id')
    .execute();
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
