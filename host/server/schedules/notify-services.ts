import type { FastifyInstance } from 'fastify';
import type { NotifyPort } from '../../../plugin/sdk/index.ts';
import type { ServerContext } from '../context.ts';
import { DEFAULT_RETRY, DeliveryWorker, type RetryPolicy } from '../notify/delivery-worker.ts';
import { WebhookStore } from '../notify/webhook-store.ts';
import type { DialectName } from '../storage/migrations.ts';
import type { Db } from '../storage/queries.ts';
import { migrateNotify, type NotifyDb, notifyDb } from './notify-tables.ts';
import { ScheduleRunner } from './schedule-runner.ts';
import { ScheduleStore } from './schedule-store.ts';
import { startScheduleTicker, tickerEnabled } from './schedule-ticker.ts';

/** Schedules, channels and reports of one server (or of one test). */
export interface NotifyServices {
  ndb: NotifyDb;
  store: ScheduleStore;
  webhooks: WebhookStore;
  worker: DeliveryWorker;
  runner: ScheduleRunner;
}

type Logger = { warn(obj: unknown, msg?: string): void; error(obj: unknown, msg?: string): void };

/** Migrates this module's tables and builds its services over `db` with the clock `now`. */
export async function createNotifyServices(deps: {
  db: Db;
  dialect: DialectName;
  now: () => Date;
  notifications: NotifyPort;
  log: Logger;
  retry?: RetryPolicy;
}): Promise<NotifyServices> {
  await migrateNotify(deps.db, deps.dialect);
  const ndb = notifyDb(deps.db);
  const store = new ScheduleStore(ndb, deps.now);
  const webhooks = new WebhookStore(ndb, deps.now);
  const worker = new DeliveryWorker(ndb, webhooks, deps.now, deps.log, deps.retry ?? DEFAULT_RETRY);
  const runner = new ScheduleRunner({
    db: deps.db,
    ndb,
    now: deps.now,
    notifications: deps.notifications,
    worker,
    webhooks,
    store,
    log: deps.log,
  });
  return { ndb, store, webhooks, worker, runner };
}

const perApp = new WeakMap<FastifyInstance, Promise<NotifyServices>>();

/**
 * The services of `app`, created once however many route modules ask. The ticker starts when the
 * server listens (see `tickerEnabled`) and stops when it closes.
 */
export function notifyServicesOf(app: FastifyInstance, ctx: ServerContext): Promise<NotifyServices> {
  let services = perApp.get(app);
  if (!services) {
    services = createNotifyServices({
      db: ctx.db,
      dialect: ctx.dialect,
      now: ctx.now,
      notifications: ctx.notifications,
      log: ctx.log,
    });
    perApp.set(app, services);
    let stop: (() => void) | null = null;
    const ready = services;
    app.addHook('onListen', async () => {
      if (!tickerEnabled(process.env)) return;
      const s = await ready;
      stop = startScheduleTicker(s.runner, s.worker, ctx.log);
    });
    app.addHook('onClose', async () => {
      stop?.();
      await (await ready).worker.idle();
    });
  }
  return services;
}
