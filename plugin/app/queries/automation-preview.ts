import { checkedDocument } from '../../automations/commands.ts';
import { eventContext } from '../../automations/event-context.ts';
import { planEvent } from '../../automations/plan-event.ts';
import type { AutomationDocument, AutomationEvent, AutomationPreview } from '../../automations/types.ts';
import { parseUtc } from '../../domain/dates.ts';
import type { Snapshot } from '../../domain/types.ts';
import type { NotificationInput } from '../../sdk/index.ts';
import { type CommandContext, defineCommand } from '../command.ts';
import { badRequest } from '../errors.ts';
import type { AutomationEventLog } from '../ports.ts';
import { currentSnapshotIn } from './transaction-snapshot.ts';

export const PREVIEW_DAYS = 90;
const SAMPLES = 5;

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
 * The messages one automation would send for its latest event of the window, every one to the
 * editor alone; nothing is stored as a run, no channel or escalation is touched.
 */
export async function dryRunAutomation(
  log: AutomationEventLog,
  doc: AutomationDocument,
  automationId: string,
  org: Snapshot,
  today: string,
  editorId: string,
  trial: string,
): Promise<{ event: AutomationEvent | null; messages: NotificationInput[]; steps: string[] }> {
  const only: AutomationDocument = {
    ...doc,
    automations: doc.automations.filter((a) => a.id === automationId).map((a) => ({ ...a, enabled: true })),
  };
  for (const event of (await windowEvents(log, today)).reverse()) {
    const [plan] = await planEvent(only, event, org, today);
    if (!plan) continue;
    const messages: NotificationInput[] = [];
    for (const action of plan.actions) {
      if (action.kind !== 'notify' && action.kind !== 'follow-up') continue;
      const message =
        action.kind === 'notify'
          ? action.message
          : { kind: 'automation.follow-up', params: { title: action.title, dueDate: action.dueDate } };
      messages.push({
        recipientIds: [editorId],
        kind: message.kind,
        params: { ...message.params, dryRun: true },
        subject: { ...event.subject },
        dedupKey: `automation-dry:${trial}:${action.stepIndex}`,
      });
    }
    return { event, messages, steps: plan.actions.map((a) => a.kind) };
  }
  return { event: null, messages: [], steps: [] };
}

const anyObject = { type: 'object', additionalProperties: true } as const;

async function orgOf(ctx: CommandContext): Promise<Snapshot> {
  const current = await currentSnapshotIn(ctx.tx, ctx.now.slice(0, 10));
  if (!current) throw badRequest('no-cycle', 'automations: no cycle runs today; create one first');
  return current.snapshot;
}

export const automationPreview = defineCommand<{ document: unknown }, AutomationPreview>({
  name: 'automation.preview',
  summary: `What an automations document would have run over the last ${PREVIEW_DAYS} days, by region, with sample messages`,
  input: {
    type: 'object',
    required: ['document'],
    additionalProperties: false,
    properties: { document: anyObject },
  },
  async run(ctx, input) {
    ctx.allow('read', { type: 'automation' }, 'automations');
    const doc = checkedDocument(input.document);
    return previewAutomations(ctx.tx.automationEvents, doc, await orgOf(ctx), ctx.now.slice(0, 10));
  },
});

type DryRun = { event: AutomationEvent | null; sent: number; steps: string[] };

export const automationDryRun = defineCommand<{ document: unknown; automationId: string }, DryRun>({
  name: 'automation.dryRun',
  summary: 'Runs one automation for its latest event, sending its messages to the editor only, in-app',
  input: {
    type: 'object',
    required: ['document', 'automationId'],
    additionalProperties: false,
    properties: { document: anyObject, automationId: { type: 'string', minLength: 1, maxLength: 64 } },
  },
  async run(ctx, input) {
    ctx.allow('run', { type: 'automation' }, 'automations');
    const doc = checkedDocument(input.document);
    if (!doc.automations.some((a) => a.id === input.automationId))
      throw badRequest('bad-request', `automations: no automation "${input.automationId}" in the document`);
    const { event, messages, steps } = await dryRunAutomation(
      ctx.tx.automationEvents,
      doc,
      input.automationId,
      await orgOf(ctx),
      ctx.now.slice(0, 10),
      ctx.user.personId,
      globalThis.crypto.randomUUID(),
    );
    const answer: DryRun = { event, sent: 0, steps };
    // Notifications are sent after commit; the answer is returned after its effects ran.
    ctx.afterCommit(async () => {
      for (const m of messages) answer.sent += await ctx.ports.notify(m);
    });
    return answer;
  },
});
