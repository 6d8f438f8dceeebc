import { effectiveSettings, ruleSetWithCustom } from '../../../plugin/engine/custom-rules.ts';
import type { NotifyPort } from '../../../plugin/sdk/index.ts';
import { claimDeliveries, markSent } from '../notify/deliveries.ts';
import type { DeliveryWorker } from '../notify/delivery-worker.ts';
import type { WebhookStore } from '../notify/webhook-store.ts';
import { computeCalibrationReport, storeReport } from '../reports/report-store.ts';
import { publishedCustomRules } from '../routes/custom-rules.ts';
import { type Evaluation, evaluate } from '../services/engine.ts';
import { currentSettings } from '../services/settings-service.ts';
import { currentCycle, type Db, loadSnapshot } from '../storage/queries.ts';
import type { NotifyDb } from './notify-tables.ts';
import { dueOccurrences, type Occurrence } from './occurrences.ts';
import { closesOnDate, planDeliveries } from './planners.ts';
import type { ScheduleDocument } from './schedule-document.ts';
import type { ScheduleStore } from './schedule-store.ts';

/**
 * SQLite refuses a write transaction whose snapshot another process changed (SQLITE_BUSY_SNAPSHOT)
 * instead of waiting; the notification write is idempotent by its key, so trying again is safe.
 */
async function retryBusy<T>(write: () => Promise<T>, attempts = 6): Promise<T> {
  for (let i = 1; ; i += 1) {
    try {
      return await write();
    } catch (err) {
      const code = String((err as { code?: unknown }).code ?? '');
      if (!code.startsWith('SQLITE_BUSY') || i >= attempts) throw err;
      await new Promise((r) => setTimeout(r, 15 * i));
    }
  }
}

export interface ScheduleRunnerDeps {
  db: Db;
  ndb: NotifyDb;
  /** Injected clock: the runner never reads the system time itself. */
  now: () => Date;
  notifications: NotifyPort;
  worker: DeliveryWorker;
  webhooks: WebhookStore;
  store: ScheduleStore;
  log: { error(obj: unknown, msg?: string): void };
  /** Opens and closes a quarter's peer-review window through the pack's commands (HR's same ones). */
  peerWindows?: {
    open(quarter: string, closesOn: string): Promise<void>;
    close(quarter: string): Promise<void>;
  };
}

export interface OccurrenceRun {
  scheduleId: string;
  occurrence: string;
  /** Deliveries the occurrence asks for. */
  planned: number;
  /** Deliveries this runner stored first and therefore sends; 0 when another run got there before. */
  claimed: number;
  error?: string;
}

/**
 * Fires the schedules that are due. Every delivery is stored under its idempotency key before it is
 * sent, so ticks may repeat and several processes may tick at once: each delivery goes out once.
 * Webhook deliveries are only queued here; the delivery worker sends them later.
 */
export class ScheduleRunner {
  private running: Promise<OccurrenceRun[]> | null = null;
  /** Occurrences this process finished; a tick every minute need not plan them again for hours. */
  private readonly done = new Set<string>();

  constructor(private readonly deps: ScheduleRunnerDeps) {}

  /** Runs every occurrence due now; a tick while one runs waits for it instead of overlapping. */
  async tick(): Promise<OccurrenceRun[]> {
    if (this.running) return this.running;
    this.running = this.tickOnce();
    try {
      return await this.running;
    } finally {
      this.running = null;
    }
  }

  private async tickOnce(): Promise<OccurrenceRun[]> {
    const { document } = await this.deps.store.current();
    const runs: OccurrenceRun[] = [];
    for (const o of dueOccurrences(document, this.deps.now())) {
      const key = `${o.scheduleId}|${o.occurrence}`;
      if (this.done.has(key)) continue;
      const run = await this.runOccurrence(o, document);
      if (run.error === undefined) this.done.add(key);
      runs.push(run);
    }
    return runs;
  }

  async runOccurrence(o: Occurrence, doc: ScheduleDocument): Promise<OccurrenceRun> {
    const run: OccurrenceRun = { scheduleId: o.scheduleId, occurrence: o.occurrence, planned: 0, claimed: 0 };
    try {
      const now = this.deps.now();
      const { settings } = await currentSettings(this.deps.db);
      const aboutMonth = o.scheduleId.startsWith('calibration') || o.scheduleId === 'monthly-report';
      const cycle = await currentCycle(this.deps.db, aboutMonth ? `${o.about}-15` : o.localDate);
      const snapshot = cycle ? await loadSnapshot(this.deps.db, cycle) : null;
      let evaluation: Evaluation | null = null;
      if (o.scheduleId === 'daily-alerts' && snapshot && cycle) {
        // The rules in force, as the rules runner runs them: built-in plus published custom rules.
        const custom = await publishedCustomRules(this.deps.db);
        // A finished cycle is judged as of its last day.
        // biome-ignore lint/complexity/useMathMinMax: ISO dates are strings; Math.min would turn them into NaN.
        const at = cycle.end < o.localDate ? cycle.end : o.localDate;
        evaluation = evaluate(snapshot, effectiveSettings(settings, custom), at, ruleSetWithCustom(custom), {
          snapshotFrom: 'storage',
        });
      }
      if (o.scheduleId === 'monthly-report') {
        const report = await computeCalibrationReport(this.deps.db, o.about, o.localDate, now);
        await storeReport(this.deps.ndb, report, false);
      }
      if (o.scheduleId === 'peer-review-open')
        await this.deps.peerWindows?.open(o.about, closesOnDate(doc, o.about));
      if (o.scheduleId === 'peer-review-close') await this.deps.peerWindows?.close(o.about);
      const webhooks = (await this.deps.webhooks.list()).filter((w) => w.enabled);
      const planned = planDeliveries({ occurrence: o, doc, settings, snapshot, evaluation, webhooks, now });
      run.planned = planned.length;
      const claimed = await claimDeliveries(this.deps.ndb, planned, now);
      run.claimed = claimed.length;
      for (const d of claimed.filter((c) => c.channel === 'in-app')) {
        await retryBusy(() =>
          this.deps.notifications.notify({
            recipientIds: [d.recipient.slice('person:'.length)],
            kind: d.message.kind,
            params: d.message.link ? { ...d.message.params, link: d.message.link } : d.message.params,
            subject:
              o.scheduleId === 'monthly-report' || o.scheduleId.startsWith('calibration')
                ? { month: o.about }
                : {},
            dedupKey: d.idemKey,
          }),
        );
        await markSent(this.deps.ndb, d.id, this.deps.now());
      }
      if (claimed.some((c) => c.channel === 'webhook')) this.deps.worker.kick();
    } catch (err) {
      run.error = (err as Error).message;
      this.deps.log.error(err, `schedules: ${o.scheduleId} ${o.occurrence} failed`);
    }
    return run;
  }
}
