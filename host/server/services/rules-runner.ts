import { randomUUID } from 'node:crypto';
import { recordNewRuleEvents, ruleEventKey } from '../../../plugin/app/rule-events.ts';
import type { MonthColour } from '../../../plugin/domain/pace.ts';
import type { Settings } from '../../../plugin/domain/settings.ts';
import type { Cycle, Snapshot } from '../../../plugin/domain/types.ts';
import { type BoardId, type BoardMessage, boardOf, type RealtimePort } from '../../../plugin/sdk/index.ts';
import { automationsAfterRules, type StoredRuleEvent } from '../automations/after-rules.ts';
import { AutomationExecutor } from '../automations/executor.ts';
import { withClusterLock } from '../cluster/advisory-lock.ts';
import { runOncePerInterval } from '../cluster/cluster-jobs.ts';
import type { DeliveryWorker } from '../notify/delivery-worker.ts';
import type { WebhookStore } from '../notify/webhook-store.ts';
import type { NotifyDb } from '../schedules/notify-tables.ts';
import { currentCycle, type Db, loadSnapshot } from '../storage/queries.ts';
import { writeAudit } from './audit.ts';
import type { Evaluation, RuleEvent } from './engine.ts';
import type { Evaluator } from './evaluator.ts';
import { atOf, LiveEvaluations, type LiveState } from './live-evaluation.ts';
import type { StoredNotifications } from './notifications.ts';
import { recipientsOf } from './recipients.ts';
import { currentSettings } from './settings-service.ts';
import { splitStreaks, streakDigests } from './streak-notices.ts';

export interface RulesRunSummary {
  at: string;
  cycleId: string | null;
  events: number;
  newEvents: number;
  notifications: number;
  escalationsOpened: number;
}

type Logger = { error(obj: unknown, msg?: string): void; warn(obj: unknown, msg?: string): void };

/** The board port plus subscriptions: the live evaluation follows the board messages. */
export type RulesBus = RealtimePort & {
  subscribe(boardId: BoardId, listener: (message: BoardMessage) => void): () => void;
};

/** The first difference between the live evaluation and a full one, or null when they agree. */
function differenceOf(live: LiveState, full: Evaluation): string | null {
  const ev = live.evaluator;
  const sorted = <T>(items: readonly T[], key: (t: T) => string) =>
    items
      .map((item) => [key(item), JSON.stringify(item)] as const)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const same = <T>(a: readonly T[], b: readonly T[], key: (t: T) => string) =>
    JSON.stringify(sorted(a, key)) === JSON.stringify(sorted(b, key));
  const colourKey = (c: MonthColour) => `${c.krId}|${c.month}`;
  const eventKey = (e: RuleEvent) => `${ruleEventKey(e)}|${JSON.stringify(e.params)}`;
  if (!same(ev.allColours(), full.colours, colourKey)) return 'colours';
  if (!same(ev.allEvents(), full.events, eventKey)) return 'events';
  const perKr = ev.keyResults().map((kr) => ev.alignmentOf(kr.id)!);
  if (!same(perKr, full.alignment.perKr, (k) => k.krId)) return 'alignment';
  const rates = ev.rates();
  if (rates.rate !== full.alignment.rate || rates.linkedRate !== full.alignment.linkedRate) return 'rates';
  if (JSON.stringify(ev.metrics()) !== JSON.stringify(full.metrics)) return 'metrics';
  return null;
}

/**
 * Runs the rules over the current cycle and turns new events into notifications (owner and manager,
 * once per event) and escalations. Writes only schedule a run; runs never overlap and coalesce.
 * After a write the events come from the KRs the write changed in the live evaluation; the hourly
 * run is a full pass that also checks the live evaluation against a full one.
 */
export class RulesRunner {
  private running: Promise<unknown> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | null = null;
  private fullRequested = false;

  constructor(
    private readonly db: Db,
    private readonly now: () => Date,
    private readonly notify: StoredNotifications,
    private readonly evaluator: Evaluator,
    private readonly log: Logger,
    private readonly debounceMs = 50,
    private readonly realtime: RulesBus | null = null,
  ) {
    this.live = new LiveEvaluations({
      db,
      today: () => now().toISOString().slice(0, 10),
      customRules: () => evaluator.customRules(),
      log,
    });
    if (realtime) this.live.connect(realtime);
    this.automations = new AutomationExecutor({
      db,
      now,
      notifications: notify,
      channels: () => this.channels(),
      log,
    });
  }

  /** The evaluation of each cycle held in memory and kept up to date write by write. */
  readonly live: LiveEvaluations;

  /** Runs what the rule events set off (plugin/automations). */
  readonly automations: AutomationExecutor;

  /** Outgoing channels for automation steps; the app sets them (host/server/notify). */
  channels: () => Promise<{ ndb: NotifyDb; worker: DeliveryWorker; webhooks: WebhookStore }> = () =>
    Promise.reject(new Error('automations: no outgoing channels in this host'));

  /**
   * Goes up by one on every `schedule()`, i.e. after every relevant committed write: caches of
   * evaluations key on it.
   */
  generation = 0;

  /** Told after every relevant write (the cluster tells the other instances, whose caches go stale). */
  onWrite: (() => void) | null = null;

  /** Another instance committed a write: caches keyed on `generation` start over; no run here. */
  invalidate(): void {
    this.generation += 1;
    this.live.invalidate();
  }

  /**
   * The hourly run: once per cluster and hour (the first instance to get there runs it), every
   * time on SQLite alone.
   */
  async runPeriodic(instance: string, intervalMs = 60 * 60 * 1000): Promise<void> {
    await runOncePerInterval(
      this.db,
      { name: 'rules-hourly', intervalMs, now: this.now(), instance },
      async () => this.request(true),
    );
  }

  /**
   * After a committed write, by the command that made it (`checkIn.save`; none: unknown, the live
   * evaluation rebuilds): asks for a run soon; several calls close together make one run.
   */
  schedule(command?: string): void {
    this.generation += 1;
    this.onWrite?.();
    this.live.written(command);
    this.request(false);
  }

  private request(full: boolean): void {
    if (full) this.fullRequested = true;
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.runSoon();
    }, this.debounceMs);
  }

  private async runSoon(): Promise<void> {
    if (this.running) {
      this.again = true;
      return;
    }
    const full = this.fullRequested;
    this.fullRequested = false;
    // Instances of a cluster run one after the other: the dedup keys then see each other's events.
    this.running = withClusterLock(this.db, 'rules-run', () =>
      full ? this.runNow() : this.runChanges(),
    ).catch((err) => this.log.error(err, 'rules: scheduled run failed'));
    await this.running;
    this.running = null;
    if (this.again) {
      this.again = false;
      await this.runSoon();
    }
  }

  /** Resolves when no run is pending or running (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.timer || this.running) {
      await (this.running ?? new Promise((r) => setTimeout(r, this.debounceMs + 5)));
    }
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private async start(): Promise<{ nowDate: Date; cycle: Cycle | null; summary: RulesRunSummary }> {
    const nowDate = this.now();
    const today = nowDate.toISOString().slice(0, 10);
    const cycle = await currentCycle(this.db, today);
    // A finished cycle is judged as of its last day, not as of today.
    const at = cycle ? atOf(cycle, today) : today;
    const summary: RulesRunSummary = {
      at,
      cycleId: cycle?.id ?? null,
      events: 0,
      newEvents: 0,
      notifications: 0,
      escalationsOpened: 0,
    };
    return { nowDate, cycle, summary };
  }

  /**
   * The full pass: evaluates the current cycle from storage and delivers what is new; the live
   * evaluation must say the same (if not: a warning, and it rebuilds).
   */
  async runNow(): Promise<RulesRunSummary> {
    const { nowDate, cycle, summary } = await this.start();
    if (!cycle) return summary;
    const live = await this.live.of(cycle);
    const snapshot = await loadSnapshot(this.db, cycle);
    const { version, settings } = await currentSettings(this.db);
    const evaluation = await this.evaluator.evaluate(snapshot, settings, summary.at, {
      snapshotFrom: 'storage',
    });
    // What the full pass delivers, the next run after a write need not deliver again.
    this.live.takeChanges(cycle.id);
    const difference =
      live.at === summary.at && live.settingsVersion === version ? differenceOf(live, evaluation) : null;
    if (difference !== null) {
      this.log.warn(
        { cycleId: cycle.id, difference },
        'rules: the live evaluation differs from a full one; it is rebuilt',
      );
      this.live.invalidate(cycle.id);
    }
    return this.deliver(summary, nowDate, {
      snapshot,
      settings,
      version,
      events: evaluation.events,
      all: evaluation.events,
      colours: evaluation.colours,
    });
  }

  /**
   * After writes: the events of the KRs they changed in the live evaluation (all of its events when
   * it was rebuilt meanwhile), delivered as a full pass would; no snapshot is read from storage.
   */
  async runChanges(): Promise<RulesRunSummary> {
    const { nowDate, cycle, summary } = await this.start();
    if (!cycle) return summary;
    const live = await this.live.of(cycle);
    const changes = this.live.takeChanges(cycle.id);
    const ev = live.evaluator;
    const events = changes.rebuilt
      ? ev.allEvents()
      : [...changes.krs.flatMap((k) => k.events), ...(changes.poolEvents ?? [])];
    const { settings } = await currentSettings(this.db);
    return this.deliver(summary, nowDate, {
      snapshot: ev.snapshot(),
      settings,
      version: live.settingsVersion,
      events,
      // A streak is judged on the KR's own events, which a change carries whole.
      all: events,
      colours: ev.allColours(),
    });
  }

  private async deliver(
    summary: RulesRunSummary,
    nowDate: Date,
    run: {
      snapshot: Snapshot;
      settings: Settings;
      version: number;
      events: RuleEvent[];
      all: RuleEvent[];
      colours: MonthColour[];
    },
  ): Promise<RulesRunSummary> {
    const { snapshot, settings, version, events: evaluated, colours } = run;
    const at = summary.at;
    summary.events = evaluated.length;
    const fresh = await this.storeEvents(evaluated, at, nowDate, version);
    summary.newEvents = fresh.length;
    // A streak's first month is told on its own; the months it goes on make one digest per person.
    const { continued } = splitStreaks(fresh, run.all);
    for (const d of streakDigests(continued, (e) => recipientsOf(snapshot, e.subject))) {
      summary.notifications += await this.notify.notify({
        recipientIds: [d.personId],
        kind: 'rule.escalate-digest',
        params: { count: d.krIds.length, month: d.month },
        subject: { month: d.month },
        dedupKey: `rule:escalate-digest|${d.month}`,
      });
    }
    summary.escalationsOpened = await this.openEscalations(snapshot, evaluated, colours, nowDate);
    // What each event sets off is HR's automations (the shipped ones send what was sent before);
    // after the escalations are open, so an automation can assign or raise them.
    summary.notifications += await automationsAfterRules(this.automations, this.db, {
      fresh,
      digested: new Set(fresh.filter((e) => continued.includes(e)).map((e) => e.id)),
      snapshot,
      colours,
      settings,
      today: at,
    });
    if (summary.escalationsOpened > 0) {
      this.generation += 1;
      this.onWrite?.();
    }
    return summary;
  }

  private async storeEvents(
    events: RuleEvent[],
    at: string,
    now: Date,
    settingsVersion: number,
  ): Promise<(RuleEvent & StoredRuleEvent)[]> {
    if (events.length === 0) return [];
    return this.db.transaction().execute((trx) =>
      recordNewRuleEvents<RuleEvent & StoredRuleEvent>(
        {
          async known(keys) {
            const rows = await trx
              .selectFrom('rule_events')
              .select('dedup_key')
              .where('dedup_key', 'in', keys)
              .execute();
            return new Set(rows.map((r) => r.dedup_key));
          },
          async add(e, key) {
            const id = randomUUID();
            await trx
              .insertInto('rule_events')
              .values({
                id,
                at,
                evaluated_at: now.toISOString(),
                type: e.type,
                subject: JSON.stringify(e.subject),
                params: JSON.stringify(e.params),
                dedup_key: key,
                settings_version: settingsVersion,
              })
              .execute();
            return { ...e, id, dedupKey: key };
          },
        },
        events,
      ),
    );
  }

  /**
   * An `escalate` event opens an escalation for its KR and month unless one exists for that month or the
   * KR still has an open one: a problem that lasts is one escalation in the manager's queue, not one a month.
   */
  private async openEscalations(
    snapshot: Snapshot,
    events: RuleEvent[],
    colours: readonly MonthColour[],
    now: Date,
  ): Promise<number> {
    const wanted = events.filter((e) => e.type === 'escalate' && e.subject.krId && e.subject.month);
    if (wanted.length === 0) return 0;
    const published: { cycleId: string; id: string; krId: string }[] = [];
    const count = await this.db.transaction().execute(async (trx) => {
      let opened = 0;
      for (const e of wanted) {
        const krId = e.subject.krId!;
        const month = e.subject.month!;
        const exists = await trx
          .selectFrom('escalations')
          .select('id')
          .where('kr_id', '=', krId)
          .where((w) => w.or([w('month', '=', month), w('resolved_at', 'is', null)]))
          .executeTakeFirst();
        if (exists) continue;
        const kr = snapshot.keyResults.find((k) => k.id === krId);
        if (!kr) continue;
        const recipients = recipientsOf(snapshot, { krId });
        const owner = kr.ownerType === 'person' ? kr.ownerId : recipients[0];
        if (!owner) continue;
        const manager = snapshot.people.find((p) => p.id === owner)?.managerId ?? null;
        const colour = colours.find((c) => c.krId === krId && c.month === month)?.colour;
        const escalation = {
          id: randomUUID(),
          kr_id: krId,
          raised_by_id: owner,
          assignee_id: manager,
          month,
          reason: colour === 'red' ? 'red' : 'amber-streak',
          detail: '',
          raised_at: now.toISOString(),
          resolved_at: null,
          resolution: '',
        };
        await trx.insertInto('escalations').values(escalation).execute();
        await writeAudit(trx, now, {
          actorId: null,
          action: 'escalation.open',
          subjectType: 'escalation',
          subjectId: escalation.id,
          before: null,
          after: escalation,
        });
        published.push({ cycleId: kr.cycleId, id: escalation.id, krId });
        opened += 1;
      }
      return opened;
    });
    for (const p of published)
      this.realtime?.publish(boardOf(p.cycleId), { type: 'escalation.saved', id: p.id, krId: p.krId });
    return count;
  }
}
