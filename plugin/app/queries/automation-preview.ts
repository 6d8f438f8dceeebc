import { randomUUID } from 'node:crypto';
import { eventContext } from '../../automations/event-context.ts';
import { planEvent } from '../../automations/plan-event.ts';
import type { AutomationDocument, AutomationEvent, AutomationPreview } from '../../automations/types.ts';
import { parseUtc } from '../../domain/dates.ts';
import type { Id, Snapshot } from '../../domain/types.ts';
import type { NotifyPort } from '../../sdk/index.ts';

export const PREVIEW_DAYS = 90;
const SAMPLES = 5;

/**
 * Where a host logged what automations react to: its stored rule events and the lifecycle rows of
 * its audit trail (check-in submitted, escalation raised …), neither of them pack records.
 */
export interface AutomationEventLog {
  /** The events dated from `from` to `to` (days, both included), oldest first. */
  eventsBetween(from: string, to: string): Promise<AutomationEvent[]>;
}

/** The window a preview looks back over: the last `PREVIEW_DAYS` days up to `today`. */
export const previewWindow = (today: string) => ({
  from: parseUtc(today).subtract(PREVIEW_DAYS, 'day').format('YYYY-MM-DD'),
  to: today,
});

const windowEvents = (log: AutomationEventLog, today: string) => {
  const { from, to } = previewWindow(today);
  return log.eventsBetween(from, to);
};

/** What `doc` would have done over the window, without sending anything. */
export async function previewAutomations(
  log: AutomationEventLog,
  doc: AutomationDocument,
  org: Snapshot,
  today: string,
): Promise<AutomationPreview> {
  const events = await windowEvents(log, today);
  const names = new Map(org.people.map((p) => [p.id, p.name]));
  const regions = new Map(org.regions.map((r) => [r.id, r.name]));
  const rows = new Map<string, AutomationPreview['automations'][number]>();
  for (const a of doc.automations)
    rows.set(a.id, { id: a.id, title: a.title, runs: 0, byRegion: [], messages: [] });
  let runs = 0;
  for (const event of events) {
    for (const plan of await planEvent(doc, event, org, today)) {
      const row = rows.get(plan.automation.id);
      if (!row) continue;
      runs += 1;
      row.runs += 1;
      const region = eventContext(event, org).facts.region;
      const regionId = typeof region === 'string' ? region : null;
      const entry = row.byRegion.find((r) => r.regionId === regionId);
      if (entry) entry.runs += 1;
      else
        row.byRegion.push({ regionId, region: regionId ? (regions.get(regionId) ?? null) : null, runs: 1 });
      for (const action of plan.actions) {
        if (action.kind !== 'notify' || row.messages.length >= SAMPLES) continue;
        row.messages.push({
          at: event.at,
          subject: event.subject,
          message: action.message,
          recipients: action.recipientIds.map((id) => names.get(id) ?? id),
          channelId: action.channelId,
        });
      }
    }
  }
  for (const row of rows.values()) row.byRegion.sort((a, b) => b.runs - a.runs);
  return { ...previewWindow(today), events: events.length, runs, automations: [...rows.values()] };
}

/**
 * Runs one automation for its latest event of the window, sending every message only to the
 * editor, in-app; nothing is stored as a run, no channel or escalation is touched.
 */
export async function dryRunAutomation(
  log: AutomationEventLog,
  doc: AutomationDocument,
  automationId: string,
  org: Snapshot,
  today: string,
  editorId: Id,
  notify: NotifyPort['notify'],
): Promise<{ event: AutomationEvent | null; sent: number; steps: string[] }> {
  const only: AutomationDocument = {
    ...doc,
    automations: doc.automations.filter((a) => a.id === automationId).map((a) => ({ ...a, enabled: true })),
  };
  const events = (await windowEvents(log, today)).reverse();
  const trial = randomUUID();
  for (const event of events) {
    const [plan] = await planEvent(only, event, org, today);
    if (!plan) continue;
    let sent = 0;
    for (const action of plan.actions) {
      if (action.kind !== 'notify' && action.kind !== 'follow-up') continue;
      const message =
        action.kind === 'notify'
          ? action.message
          : { kind: 'automation.follow-up', params: { title: action.title, dueDate: action.dueDate } };
      sent += await notify({
        recipientIds: [editorId],
        kind: message.kind,
        params: { ...message.params, dryRun: true },
        subject: { ...event.subject },
        dedupKey: `automation-dry:${trial}:${action.stepIndex}`,
      });
    }
    return { event, sent, steps: plan.actions.map((a) => a.kind) };
  }
  return { event: null, sent: 0, steps: [] };
}
