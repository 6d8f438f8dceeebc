import { LIFECYCLE_ACTIONS, type Trigger } from '../../../plugin/automations/catalogue.ts';
import type { AutomationEvent } from '../../../plugin/automations/types.ts';
import { isOverdue } from '../../../plugin/domain/escalations.ts';
import type { Settings } from '../../../plugin/domain/settings.ts';
import type { Snapshot } from '../../../plugin/domain/types.ts';
import type { Db } from '../storage/queries.ts';

const TRIGGER_OF_ACTION = new Map<string, Trigger>(
  Object.entries(LIFECYCLE_ACTIONS).flatMap(([trigger, actions]) =>
    actions.map((a) => [a, trigger as Trigger]),
  ),
);
export const LIFECYCLE_AUDIT_ACTIONS = [...TRIGGER_OF_ACTION.keys()];

type AuditRow = { id: number; at: string; action: string; subject_id: string; after: string | null };

const record = (text: string | null): Record<string, unknown> => {
  const value = text ? (JSON.parse(text) as unknown) : null;
  return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
};
const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

/** The automation event an audit row stands for (check-in submitted, escalation raised …). */
export async function eventOfAudit(db: Db, row: AuditRow): Promise<AutomationEvent | null> {
  const trigger = TRIGGER_OF_ACTION.get(row.action);
  if (!trigger) return null;
  const after = record(row.after);
  const base = { id: `audit:${row.id}`, trigger, at: row.at };
  if (trigger === 'checkin-submitted') {
    const request = after.resourceRequest as { amount?: unknown } | null | undefined;
    return {
      ...base,
      subject: { krId: str(after.krId), month: str(after.month) },
      params: {
        value: after.value,
        ...(typeof request?.amount === 'number' ? { amount: request.amount } : {}),
      },
    };
  }
  if (trigger === 'escalation-raised' || trigger === 'escalation-resolved')
    return {
      ...base,
      subject: { escalationId: row.subject_id, krId: str(after.krId), month: str(after.month) },
      params: { reason: after.reason },
    };
  if (trigger === 'pool-released') {
    const run = await db
      .selectFrom('pool_runs')
      .select('quarter')
      .where('id', '=', row.subject_id)
      .executeTakeFirst();
    return { ...base, subject: { quarter: run?.quarter }, params: {} };
  }
  return { ...base, subject: {}, params: { version: after.version } };
}

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
  const events: AutomationEvent[] = [];
  for (const r of rows) {
    const e = await eventOfAudit(db, { ...r, id: Number(r.id) });
    if (e) events.push(e);
  }
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
  const out: AutomationEvent[] = [];
  for (const r of rows) {
    const e = await eventOfAudit(db, { ...r, id: Number(r.id) });
    if (e) out.push(e);
  }
  return out;
}

/** An escalation past its response target is one event, once (its id never changes). */
export function overdueEvents(snapshot: Snapshot, settings: Settings, at: string): AutomationEvent[] {
  return snapshot.escalations
    .filter((e) => isOverdue(e, settings, at))
    .map((e) => ({
      id: `overdue:${e.id}`,
      trigger: 'escalation-overdue' as const,
      at,
      subject: { escalationId: e.id, krId: e.krId, month: e.month },
      params: { days: Math.floor((Date.parse(at) - Date.parse(e.raisedAt)) / 86_400_000) },
    }));
}

/** A rule_events row as an automation event. */
export function eventOfRuleRow(r: {
  id: string;
  at: string;
  type: string;
  subject: string;
  params: string;
  dedup_key: string;
}): AutomationEvent {
  return {
    id: r.id,
    trigger: r.type as Trigger,
    at: r.at,
    subject: JSON.parse(r.subject),
    params: JSON.parse(r.params),
    dedupKey: r.dedup_key,
  };
}
