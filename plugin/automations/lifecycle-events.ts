import { isOverdue } from '../domain/escalations.ts';
import type { MonthColour } from '../domain/pace.ts';
import type { Settings } from '../domain/settings.ts';
import type { Snapshot } from '../domain/types.ts';
import { LIFECYCLE_ACTIONS, type Trigger } from './catalogue.ts';
import type { AutomationEvent } from './types.ts';

const TRIGGER_OF_ACTION = new Map<string, Trigger>(
  Object.entries(LIFECYCLE_ACTIONS).flatMap(([trigger, actions]) =>
    actions.map((a) => [a, trigger as Trigger]),
  ),
);
/** The audit actions that are lifecycle events (what a host reads from its audit log). */
export const LIFECYCLE_AUDIT_ACTIONS = [...TRIGGER_OF_ACTION.keys()];

/** An audit row as every host can give it: its own id, the action, the subject's id and `after`. */
export interface LifecycleAuditRow {
  id: string | number;
  at: string;
  action: string;
  subjectId: string;
  after: unknown;
}

/** What the mapping reads besides the row. */
export interface LifecycleReads {
  /** The quarter of a pool run (`pool.release` rows name the run only). */
  poolRunQuarter(poolRunId: string): Promise<string | undefined>;
}

const record = (value: unknown): Record<string, unknown> =>
  value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

/** The automation event an audit row stands for (check-in submitted, escalation raised …), or null. */
export async function eventOfAudit(
  row: LifecycleAuditRow,
  reads: LifecycleReads,
): Promise<AutomationEvent | null> {
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
      subject: { escalationId: row.subjectId, krId: str(after.krId), month: str(after.month) },
      params: { reason: after.reason },
    };
  if (trigger === 'peer-review-opened')
    return { ...base, subject: { quarter: row.subjectId }, params: { closesOn: after.closesOn ?? null } };
  if (trigger === 'pool-released')
    return { ...base, subject: { quarter: await reads.poolRunQuarter(row.subjectId) }, params: {} };
  return { ...base, subject: {}, params: { version: after.version } };
}

/** The events of `rows` in order (rows of other actions are left out). */
export async function eventsOfAudit(
  rows: readonly LifecycleAuditRow[],
  reads: LifecycleReads,
): Promise<AutomationEvent[]> {
  const out: AutomationEvent[] = [];
  for (const r of rows) {
    const e = await eventOfAudit(r, reads);
    if (e) out.push(e);
  }
  return out;
}

/** A check-in event gets its month's colour and streaks (from the rules run), so conditions can test them. */
export function withColours(events: AutomationEvent[], colours: readonly MonthColour[]): AutomationEvent[] {
  for (const e of events) {
    if (e.trigger !== 'checkin-submitted') continue;
    const colour = colours.find((c) => c.krId === e.subject.krId && c.month === e.subject.month);
    if (colour)
      Object.assign(e.params, {
        colour: colour.colour,
        amberStreak: colour.amberStreak,
        redStreak: colour.redStreak,
      });
  }
  return events;
}

/** An escalation past its response target is one event, once (its id never changes). */
export function overdueEvents(
  snapshot: Pick<Snapshot, 'escalations'>,
  settings: Settings,
  at: string,
): AutomationEvent[] {
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

/** A stored rule event as an automation event: its row id is the event id of its runs. */
export const eventOfRuleEvent = (e: {
  id: string;
  type: string;
  at: string;
  subject: AutomationEvent['subject'];
  params: Record<string, unknown>;
  dedupKey: string;
}): AutomationEvent => ({
  id: e.id,
  trigger: e.type as Trigger,
  at: e.at,
  subject: e.subject,
  params: e.params,
  dedupKey: e.dedupKey,
});

/**
 * What one rules run hands to the automations, on every host: its new rule events, the lifecycle
 * events read since the last run (check-ins with their month's colour) and overdue escalations.
 */
export function eventsAfterRules(run: {
  ruleEvents: readonly AutomationEvent[];
  lifecycle: AutomationEvent[];
  colours: readonly MonthColour[];
  snapshot: Pick<Snapshot, 'escalations'>;
  settings: Settings;
  today: string;
}): AutomationEvent[] {
  return [
    ...run.ruleEvents,
    ...withColours(run.lifecycle, run.colours),
    ...overdueEvents(run.snapshot, run.settings, run.today),
  ];
}
