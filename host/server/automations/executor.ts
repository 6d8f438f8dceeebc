import type { Automation, AutomationDocument, AutomationEvent } from '../../../plugin/automations/index.ts';
import { eventContext, planEvent, planSteps } from '../../../plugin/automations/index.ts';
import type { PlannedAction } from '../../../plugin/automations/plan.ts';
import { currentAutomations } from '../../../plugin/automations/versions.ts';
import type { Snapshot } from '../../../plugin/domain/types.ts';
import type { NotifyPort } from '../../../plugin/sdk/index.ts';
import { claimDeliveries } from '../notify/deliveries.ts';
import type { DeliveryWorker } from '../notify/delivery-worker.ts';
import type { NotifyDb } from '../schedules/notify-tables.ts';
import { writeAudit } from '../services/audit.ts';
import type { Db } from '../storage/queries.ts';
import { claimRun, dueRuns, settleRun } from './automation-runs.ts';
import { toAutomationVersion } from './version-rows.ts';

export interface ExecutorDeps {
  db: Db;
  now: () => Date;
  notifications: NotifyPort;
  /** Outgoing channels (IM robots), made on first use: most runs send only in-app. */
  channels: () => Promise<{ ndb: NotifyDb; worker: DeliveryWorker }>;
  log: { error(obj: unknown, msg?: string): void };
  retry?: { baseDelayMs: number; maxAttempts: number };
}

export const AUTOMATION_RETRY = { baseDelayMs: 60_000, maxAttempts: 5 };
/** A claim still pending after this long was left by a process that stopped: it is taken over. */
const STALE_CLAIM_MS = 5 * 60_000;

export interface HandleOptions {
  /** Events whose standard words go out as the streak digest instead (rules-runner). */
  digested?: ReadonlySet<string>;
}

const standard = (a: PlannedAction) => a.kind === 'notify' && a.message.kind.startsWith('rule.');

/**
 * Runs HR's automations in the reference host. Every step is stored under its key
 * `(eventId, automationId, stepIndex)` before it acts, so a repeated run, a retry or a second
 * instance never acts twice; a wait is a stored row that `tick` picks up when it comes due; a step
 * that fails is tried again with backoff and, after the last attempt, listed as failed.
 */
export class AutomationExecutor {
  constructor(private readonly deps: ExecutorDeps) {}

  private get retry() {
    return this.deps.retry ?? AUTOMATION_RETRY;
  }

  /** The published automations document (the shipped defaults until HR publishes one). */
  async document(): Promise<{ version: number; document: AutomationDocument }> {
    const rows = await this.deps.db
      .selectFrom('automation_versions')
      .selectAll()
      .where('status', '=', 'published')
      .execute();
    const current = currentAutomations(rows.map(toAutomationVersion));
    return { version: current.version, document: current.document };
  }

  /** Matches and runs every event; returns the in-app notifications delivered. */
  async handle(
    events: AutomationEvent[],
    org: Snapshot,
    today: string,
    options: HandleOptions = {},
  ): Promise<number> {
    if (events.length === 0) return 0;
    const { document } = await this.document();
    let delivered = 0;
    for (const event of events) {
      for (const plan of await planEvent(document, event, org, today)) {
        for (const action of plan.actions) {
          if (options.digested?.has(event.id) && standard(action)) continue;
          delivered += await this.claimAndRun(action, event);
        }
      }
    }
    return delivered;
  }

  private async claimAndRun(action: PlannedAction, event: AutomationEvent): Promise<number> {
    const id = await claimRun(this.deps.db, action, event, this.deps.now());
    if (!id) return 0;
    return this.attempt(id, action, event, 0);
  }

  private async attempt(
    id: string,
    action: PlannedAction,
    event: AutomationEvent,
    attempts: number,
  ): Promise<number> {
    const now = this.deps.now();
    try {
      const delivered = await this.perform(action, event);
      await settleRun(this.deps.db, id, {
        status: 'done',
        attempts: attempts + 1,
        doneAt: now.toISOString(),
        lastError: null,
      });
      return delivered;
    } catch (err) {
      const tried = attempts + 1;
      const exhausted = tried >= this.retry.maxAttempts;
      const message = (err as Error).message ?? String(err);
      if (exhausted)
        this.deps.log.error({ key: action.key, err: message }, 'automations: step failed for good');
      await settleRun(this.deps.db, id, {
        status: exhausted ? 'failed' : 'retrying',
        attempts: tried,
        lastError: message,
        nextAttemptAt: new Date(now.getTime() + this.retry.baseDelayMs * 2 ** (tried - 1)).toISOString(),
      });
      return 0;
    }
  }

  private async perform(action: PlannedAction, event: AutomationEvent): Promise<number> {
    const { db, notifications } = this.deps;
    const subject = { ...event.subject };
    switch (action.kind) {
      case 'notify': {
        let delivered = 0;
        if (action.inApp)
          delivered = await notifications.notify({
            recipientIds: action.recipientIds,
            kind: action.message.kind,
            params: action.message.params,
            subject,
            dedupKey: action.dedupKey,
          });
        if (action.channelId) await this.toChannel(action.channelId, action);
        return delivered;
      }
      case 'follow-up':
        return notifications.notify({
          recipientIds: action.recipientIds,
          kind: 'automation.follow-up',
          params: { title: action.title, dueDate: action.dueDate },
          subject,
          dedupKey: `automation:${action.key}`,
        });
      case 'wait':
        await db
          .insertInto('automation_waits')
          .values({
            run_key: action.key,
            automation_id: action.automationId,
            event: JSON.stringify(event),
            resume_at: action.resumeAt,
            due_date: action.dueDate,
            status: 'waiting',
            created_at: this.deps.now().toISOString(),
            settled_at: null,
          })
          .onConflict((oc) => oc.column('run_key').doNothing())
          .execute();
        return 0;
      case 'assign':
        return this.reassign(action, event, async () => action.assigneeId);
      case 'raise':
        return this.reassign(action, event, (current) => this.nextLevel(current));
    }
  }

  private async toChannel(channelId: string, action: Extract<PlannedAction, { kind: 'notify' }>) {
    const { ndb, worker } = await this.deps.channels();
    const robot = await ndb
      .selectFrom('notify_webhooks')
      .select('id')
      .where('id', '=', channelId)
      .executeTakeFirst();
    if (!robot)
      throw new Error(`automations: channel "${channelId}" does not exist; choose a channel in the step`);
    await claimDeliveries(
      ndb,
      [
        {
          scheduleId: `automation:${action.automationId}`,
          occurrence: `${action.eventId}|${action.stepIndex}`,
          recipient: `webhook:${channelId}`,
          channel: 'webhook',
          webhookId: channelId,
          message: { kind: action.message.kind, params: action.message.params as never },
        },
      ],
      this.deps.now(),
    );
    worker.kick();
  }

  /** The person above `assigneeId`: their manager, else the HQ strategy group. */
  private async nextLevel(assigneeId: string | null): Promise<string | null> {
    const people = await this.deps.db.selectFrom('people').select(['id', 'role', 'manager_id']).execute();
    const current = people.find((p) => p.id === assigneeId);
    if (current?.manager_id) return current.manager_id;
    return people.find((p) => p.role === 'strategy' && p.id !== assigneeId)?.id ?? null;
  }

  /** Assigns the event's escalation (the KR's open one when the event names none), with its audit row. */
  private async reassign(
    action: Extract<PlannedAction, { kind: 'assign' | 'raise' }>,
    event: AutomationEvent,
    choose: (current: string | null) => Promise<string | null>,
  ): Promise<number> {
    const { db } = this.deps;
    const now = this.deps.now();
    let q = db.selectFrom('escalations').selectAll().where('resolved_at', 'is', null);
    if (action.escalationId) q = q.where('id', '=', action.escalationId);
    else if (event.subject.krId) q = q.where('kr_id', '=', event.subject.krId);
    else return 0;
    const escalation = await q.executeTakeFirst();
    if (!escalation) return 0;
    const assigneeId = await choose(escalation.assignee_id);
    if (!assigneeId || assigneeId === escalation.assignee_id) return 0;
    await db.transaction().execute(async (trx) => {
      await trx
        .updateTable('escalations')
        .set({ assignee_id: assigneeId, version: Number(escalation.version) + 1 })
        .where('id', '=', escalation.id)
        .execute();
      await writeAudit(trx, now, {
        actorId: null,
        action: 'escalation.assign',
        subjectType: 'escalation',
        subjectId: escalation.id,
        before: { assigneeId: escalation.assignee_id },
        after: { assigneeId, automationId: action.automationId, step: action.kind },
      });
    });
    return this.deps.notifications.notify({
      recipientIds: [assigneeId],
      kind: 'escalation.assigned',
      params: { month: escalation.month },
      subject: { krId: escalation.kr_id, month: escalation.month },
      dedupKey: `automation:${action.key}`,
    });
  }

  /**
   * Due waits go on while their matter is open (the escalation unresolved), failed steps are tried
   * again. `org` is the current cycle's data.
   */
  async tick(
    org: Snapshot | null,
    today: string,
  ): Promise<{ resumed: number; stopped: number; retried: number }> {
    const out = { resumed: 0, stopped: 0, retried: 0 };
    const { db } = this.deps;
    const waits = await db
      .selectFrom('automation_waits')
      .selectAll()
      .where('status', '=', 'waiting')
      .where('due_date', '<=', today)
      .orderBy('due_date')
      .limit(200)
      .execute();
    const { document } = waits.length > 0 ? await this.document() : { document: null };
    for (const w of waits) {
      const event = JSON.parse(w.event) as AutomationEvent;
      const automation = document?.automations.find((a) => a.id === w.automation_id && a.enabled);
      const context = org ? eventContext(event, org) : null;
      const open =
        !!automation &&
        !!context?.escalationId &&
        !!org?.escalations.find((e) => e.id === context.escalationId && e.resolvedAt === null);
      // Taking the wait is a compare-and-set: one instance goes on with it.
      const taken = await db
        .updateTable('automation_waits')
        .set({ status: open ? 'resumed' : 'stopped', settled_at: this.deps.now().toISOString() })
        .where('run_key', '=', w.run_key)
        .where('status', '=', 'waiting')
        .executeTakeFirst();
      if (Number(taken.numUpdatedRows) !== 1) continue;
      if (!open || !org || !context) {
        out.stopped += 1;
        continue;
      }
      out.resumed += 1;
      const actions = planSteps(automation as Automation, {
        event,
        context,
        people: org.people,
        today,
        fromStep: Number(w.resume_at),
      });
      for (const action of actions) await this.claimAndRun(action, event);
    }
    for (const run of await dueRuns(db, this.deps.now(), STALE_CLAIM_MS)) {
      out.retried += 1;
      await this.attempt(run.id, run.action, run.event, run.attempts);
    }
    return out;
  }
}
