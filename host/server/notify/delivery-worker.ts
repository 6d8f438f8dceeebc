import { type SendResult, sendToWebhook } from '../../../plugin/notify/node/webhook-sender.ts';
import type { NotifyDb } from '../schedules/notify-tables.ts';
import { type Delivery, toDelivery } from './deliveries.ts';
import type { WebhookStore } from './webhook-store.ts';

export interface RetryPolicy {
  /** Delay before the second attempt; each further attempt waits twice as long. */
  baseDelayMs: number;
  /** Attempts in all, the first included; after the last failure the delivery is `failed`. */
  maxAttempts: number;
  /** How long one HTTP call may take. */
  timeoutMs: number;
  /** How long a claimed delivery stays with its worker before another may take it over (a crashed process). */
  leaseMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = {
  baseDelayMs: 30_000,
  maxAttempts: 5,
  timeoutMs: 10_000,
  leaseMs: 120_000,
};

export interface WorkerRun {
  sent: number;
  retrying: number;
  failed: number;
}

type Logger = { warn(obj: unknown, msg?: string): void; error(obj: unknown, msg?: string): void };

/** Delay after failed attempt number `attempt` (1-based): base × 2^(attempt − 1). */
export const backoffMs = (policy: RetryPolicy, attempt: number) => policy.baseDelayMs * 2 ** (attempt - 1);

/**
 * Sends queued webhook deliveries whose time has come, off the path of the run that queued them.
 * A failure waits with exponential backoff; after `maxAttempts` the delivery is recorded as failed
 * for the admin to see. Several workers (processes) may run: each delivery is taken by one of them.
 */
export class DeliveryWorker {
  private running: Promise<WorkerRun> | null = null;
  private again = false;

  constructor(
    private readonly db: NotifyDb,
    private readonly webhooks: WebhookStore,
    private readonly now: () => Date,
    private readonly log: Logger,
    readonly policy: RetryPolicy = DEFAULT_RETRY,
  ) {}

  /** Asks for a run without waiting for it. */
  kick(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    void this.runDue().catch((err) => this.log.error(err, 'notify: delivery run failed'));
  }

  /** Resolves when no run is in progress. */
  async idle(): Promise<void> {
    while (this.running) await this.running.catch(() => undefined);
  }

  /** Sends every due webhook delivery once; runs never overlap within a process. */
  async runDue(): Promise<WorkerRun> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.runOnce();
    try {
      const result = await this.running;
      return result;
    } finally {
      this.running = null;
      if (this.again) {
        this.again = false;
        this.kick();
      }
    }
  }

  private async runOnce(): Promise<WorkerRun> {
    const nowIso = this.now().toISOString();
    const rows = await this.db
      .selectFrom('notify_deliveries')
      .selectAll()
      .where('channel', '=', 'webhook')
      .where((eb) =>
        eb.or([
          eb.and([eb('status', '=', 'pending'), eb('next_attempt_at', '<=', nowIso)]),
          eb.and([eb('status', '=', 'sending'), eb('lease_until', '<', nowIso)]),
        ]),
      )
      .orderBy('next_attempt_at')
      .limit(200)
      .execute();
    const run: WorkerRun = { sent: 0, retrying: 0, failed: 0 };
    for (const row of rows) {
      const delivery = await this.take(toDelivery(row), row.status, row.attempts);
      if (!delivery) continue;
      const result = await this.send(delivery);
      const outcome = await this.record(delivery, result);
      run[outcome] += 1;
    }
    return run;
  }

  /** Takes a delivery for this worker; null when another worker was faster. */
  private async take(d: Delivery, status: string, attempts: number): Promise<Delivery | null> {
    const now = this.now();
    const res = await this.db
      .updateTable('notify_deliveries')
      .set({
        status: 'sending',
        attempts: attempts + 1,
        lease_until: new Date(now.getTime() + this.policy.leaseMs).toISOString(),
      })
      .where('id', '=', d.id)
      .where('status', '=', status)
      .where('attempts', '=', attempts)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1 ? { ...d, status: 'sending', attempts: attempts + 1 } : null;
  }

  private async send(d: Delivery): Promise<SendResult> {
    if (!d.webhookId) return { ok: false, error: 'delivery names no webhook' };
    let target: Awaited<ReturnType<WebhookStore['get']>>;
    try {
      target = await this.webhooks.get(d.webhookId);
    } catch {
      return { ok: false, error: `webhook ${d.webhookId} was removed` };
    }
    if (target.keyError) return { ok: false, error: target.keyError };
    if (!target.enabled) return { ok: false, error: `webhook ${target.name} is disabled` };
    return sendToWebhook(target, d.message, this.now(), { timeoutMs: this.policy.timeoutMs });
  }

  private async record(d: Delivery, result: SendResult): Promise<keyof WorkerRun> {
    const now = this.now();
    if (result.ok) {
      await this.db
        .updateTable('notify_deliveries')
        .set({ status: 'sent', sent_at: now.toISOString(), lease_until: null, last_error: null })
        .where('id', '=', d.id)
        .execute();
      return 'sent';
    }
    const exhausted = d.attempts >= this.policy.maxAttempts;
    if (exhausted)
      this.log.warn({ deliveryId: d.id, error: result.error }, 'notify: webhook delivery failed for good');
    await this.db
      .updateTable('notify_deliveries')
      .set({
        status: exhausted ? 'failed' : 'pending',
        last_error: result.error,
        lease_until: null,
        next_attempt_at: exhausted
          ? d.nextAttemptAt
          : new Date(now.getTime() + backoffMs(this.policy, d.attempts)).toISOString(),
      })
      .where('id', '=', d.id)
      .execute();
    return exhausted ? 'failed' : 'retrying';
  }
}
