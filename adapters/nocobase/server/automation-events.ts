import type { AutomationEventLog } from '../../../plugin/app/ports.ts';
import {
  eventOfRuleEvent,
  eventsOfAudit,
  LIFECYCLE_AUDIT_ACTIONS,
  type LifecycleAuditRow,
  type LifecycleReads,
} from '../../../plugin/automations/lifecycle-events.ts';
import type { AutomationEvent } from '../../../plugin/automations/types.ts';
import { COLLECTIONS } from './collections.ts';
import type { Row } from './records.ts';
import type { TableAccess } from './tables.ts';

const json = (v: unknown): unknown => (typeof v === 'string' ? JSON.parse(v) : v);

/** An `okr_audit` row as the lifecycle events read it (its subject is `type:id`). */
export const toAuditRow = (r: Row): LifecycleAuditRow => {
  const subject = String(r.subject);
  const detail = (json(r.detail) ?? {}) as { after?: unknown };
  return {
    id: String(r.id),
    at: String(r.at),
    action: String(r.action),
    subjectId: subject.slice(subject.indexOf(':') + 1),
    after: detail.after ?? null,
  };
};

/** What a lifecycle event reads besides its audit row: a released pool run's quarter. */
export const lifecycleReads = (tx: TableAccess): LifecycleReads => ({
  poolRunQuarter: async (id) => (await tx.findOne(COLLECTIONS.poolRuns, id))?.quarter as string | undefined,
});

const SUBJECT_FIELDS = ['krId', 'personId', 'accountId', 'month'] as const;

const toRuleEvent = (r: Row): AutomationEvent =>
  eventOfRuleEvent({
    id: String(r.id),
    type: String(r.type),
    at: String(r.at),
    subject: Object.fromEntries(SUBJECT_FIELDS.filter((f) => r[f] != null).map((f) => [f, String(r[f])])),
    params: (json(r.params) ?? {}) as Record<string, unknown>,
    dedupKey: String(r.dedupKey),
  });

/** `okr_rule_events` and the lifecycle rows of `okr_audit`, read in `tx`: what automations react to. */
export const nocobaseAutomationEvents = (tx: TableAccess): AutomationEventLog => ({
  async eventsBetween(from, to) {
    const at = { $gte: from, $lte: `${to}T23:59:59.999Z` };
    const [rules, audit] = await Promise.all([
      tx.find(COLLECTIONS.ruleEvents, { at }),
      tx.find(COLLECTIONS.audit, { at, action: { $in: LIFECYCLE_AUDIT_ACTIONS } }),
    ]);
    const lifecycle = await eventsOfAudit(audit.map(toAuditRow), lifecycleReads(tx));
    return [...rules.map(toRuleEvent), ...lifecycle].sort((a, b) => a.at.localeCompare(b.at));
  },
});
