import { runCommand } from '../app/command.ts';
import { AUTOMATION_ACTOR, escalationStep } from './escalation-step.ts';
import { eventContext, type OrgView } from './event-context.ts';
import { type PlannedAction, planSteps } from './plan.ts';
import { planEvent } from './plan-event.ts';
import type { AutomationActionsPort, AutomationRunsPort } from './ports.ts';
import type { Automation, AutomationDocument, AutomationEvent } from './types.ts';
import { currentAutomations } from './versions.ts';

export interface ExecutorOptions {
  runs: AutomationRunsPort;
  actions: AutomationActionsPort;
  now: () => Date;
  log?: { error(obj: unknown, msg?: string): void };
  retry?: { baseDelayMs: number; maxAttempts: number };
  /** A claim still pending after this long was left by a process that stopped: it is taken over. */
  staleClaimMs?: number;
  /**
   * False where the host has its own shipped behaviour (NocoBase workflows on `okr_rule_events`):
   * then nothing runs until HR publishes a version.
   */
  runShipped?: boolean;
}

export const AUTOMATION_RETRY = { baseDelayMs: 60_000, maxAttempts: 5 };
export const STALE_CLAIM_MS = 5 * 60_000;
const BATCH = 200;

export interface HandleOptions {
  /** Events whose standard words go out as the streak digest instead (the rules run). */
  digested?: ReadonlySet<string>;
}

export interface TickResult {
  resumed: number;
  stopped: number;
  retried: number;
}

const standard = (a: PlannedAction) => a.kind === 'notify' && a.message.kind.startsWith('rule.');
const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

/**
 * Runs HR's automations on any host, over its ports. Every step is stored under its key
 * `(eventId, automationId, stepIndex)` before it acts, so a repeated run, a retry or a second
 * instance never acts twice; a wait is a stored row that `tick` picks up when it comes due; a step
 * that fails is tried again with backoff and, after the last attempt, listed as failed.
 */
export class AutomationExecutor {
  constructor(private readonly options: ExecutorOptions) {}

  private get retry() {
    return this.options.retry ?? AUTOMATION_RETRY;
  }

  /** The published automations document (the shipped defaults until HR publishes one). */
  async document(): Promise<{ version: number; document: AutomationDocument }> {
    const current = currentAutomations(await this.options.runs.published());
    return { version: current.version, document: current.document };
  }

  /** The document that runs: none while only the shipped one exists on a host that does not run it. */
  private async running(): Promise<AutomationDocument | null> {
    const { version, document } = await this.document();
    return version === 0 && this.options.runShipped === false ? null : document;
  }

  /** Matches and runs every event; returns the in-app notifications delivered. */
  async handle(
    events: readonly AutomationEvent[],
    org: OrgView,
    today: string,
    options: HandleOptions = {},
  ): Promise<number> {
    if (events.length === 0) return 0;
    const document = await this.running();
    if (!document) return 0;
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
    const id = await this.options.runs.claim(action, event, this.options.now());
    if (!id) return 0;
    return this.attempt(id, action, event, 0);
  }

  private async attempt(
    id: string,
    action: PlannedAction,
    event: AutomationEvent,
    attempts: number,
  ): Promise<number> {
    const { runs } = this.options;
    try {
      const delivered = await this.perform(action, event);
      await runs.settle(id, {
        status: 'done',
        attempts: attempts + 1,
        doneAt: this.options.now().toISOString(),
        lastError: null,
      });
      return delivered;
    } catch (err) {
      const tried = attempts + 1;
      const permanent = (err as { permanent?: unknown }).permanent === true;
      const exhausted = permanent || tried >= this.retry.maxAttempts;
      const message = messageOf(err);
      if (exhausted) this.options.log?.error({ key: action.key, err: message }, 'automations: step failed');
      const now = this.options.now().getTime();
      await runs.settle(id, {
        status: exhausted ? 'failed' : 'retrying',
        attempts: tried,
        lastError: message,
        nextAttemptAt: new Date(now + this.retry.baseDelayMs * 2 ** (tried - 1)).toISOString(),
      });
      return 0;
    }
  }

  private async perform(action: PlannedAction, event: AutomationEvent): Promise<number> {
    const { actions } = this.options;
    const subject = { ...event.subject };
    switch (action.kind) {
      case 'notify': {
        let delivered = 0;
        if (action.inApp)
          delivered = await actions.notify({
            recipientIds: action.recipientIds,
            kind: action.message.kind,
            params: action.message.params,
            subject,
            dedupKey: action.dedupKey,
          });
        if (action.channelId) await actions.toChannel(action.channelId, action);
        return delivered;
      }
      case 'follow-up':
        return actions.notify({
          recipientIds: action.recipientIds,
          kind: 'automation.follow-up',
          params: { title: action.title, dueDate: action.dueDate },
          subject,
          dedupKey: `automation:${action.key}`,
        });
      case 'wait':
        await this.options.runs.addWait(
          {
            key: action.key,
            automationId: action.automationId,
            event,
            resumeAt: action.resumeAt,
            dueDate: action.dueDate,
          },
          this.options.now(),
        );
        return 0;
      case 'assign':
      case 'raise': {
        const krId = event.subject.krId;
        if (!action.escalationId && !krId) return 0;
        const after = await runCommand(actions.app, AUTOMATION_ACTOR, escalationStep, {
          automationId: action.automationId,
          step: action.kind,
          ...(action.escalationId ? { escalationId: action.escalationId } : { krId }),
          ...(action.kind === 'assign' ? { assigneeId: action.assigneeId } : {}),
        });
        if (!after?.assigneeId) return 0;
        return actions.notify({
          recipientIds: [after.assigneeId],
          kind: 'escalation.assigned',
          params: { month: after.month },
          subject: { krId: after.krId, month: after.month },
          dedupKey: `automation:${action.key}`,
        });
      }
    }
  }

  /**
   * Due waits go on while their matter is open (the escalation unresolved), failed steps are tried
   * again and claims left pending by a stopped process are taken over. `org` is the current cycle's data.
   */
  async tick(org: OrgView | null, today: string): Promise<TickResult> {
    const out: TickResult = { resumed: 0, stopped: 0, retried: 0 };
    const { runs } = this.options;
    const waits = await runs.dueWaits(today, BATCH);
    const document = waits.length > 0 ? (await this.document()).document : null;
    for (const w of waits) {
      const automation = document?.automations.find((a) => a.id === w.automationId && a.enabled);
      const context = org ? eventContext(w.event, org) : null;
      const open =
        !!automation &&
        !!context?.escalationId &&
        !!org?.escalations.find((e) => e.id === context.escalationId && e.resolvedAt === null);
      // Settling the wait is a compare-and-set: one process goes on with it.
      if (!(await runs.settleWait(w.key, open ? 'resumed' : 'stopped', this.options.now()))) continue;
      if (!open || !org || !context) {
        out.stopped += 1;
        continue;
      }
      out.resumed += 1;
      const actions = planSteps(automation as Automation, {
        event: w.event,
        context,
        people: org.people,
        today,
        fromStep: w.resumeAt,
      });
      for (const action of actions) await this.claimAndRun(action, w.event);
    }
    const now = this.options.now();
    const staleBefore = new Date(now.getTime() - (this.options.staleClaimMs ?? STALE_CLAIM_MS));
    for (const run of await runs.due(now, staleBefore, BATCH)) {
      if (!(await runs.take(run, now))) continue;
      out.retried += 1;
      await this.attempt(run.id, run.action, run.event, run.attempts);
    }
    return out;
  }
}
