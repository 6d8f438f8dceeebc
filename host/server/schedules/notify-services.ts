import { dirname, resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { nodeChannelPorts } from '../../../plugin/notify/node/channel-ports.ts';
import { loadSecretKey, SECRET_KEY_ENV } from '../../../plugin/notify/node/secret-key-file.ts';
import { SecretBox } from '../../../plugin/notify/secret-box.ts';
import type { NotifyPort } from '../../../plugin/sdk/index.ts';
import { ifClusterLockFree } from '../cluster/advisory-lock.ts';
import { sealingKeyOnPostgres } from '../cluster/cluster-keys.ts';
import type { ServerContext } from '../context.ts';
import { DEFAULT_RETRY, DeliveryWorker, type RetryPolicy } from '../notify/delivery-worker.ts';
import { WebhookStore } from '../notify/webhook-store.ts';
import type { DialectName } from '../storage/migrations.ts';
import type { Db } from '../storage/queries.ts';
import { migrateNotify, type NotifyDb, notifyDb } from './notify-tables.ts';
import { peerWindowsOf } from './peer-windows.ts';
import { ScheduleRunner, type ScheduleRunnerDeps } from './schedule-runner.ts';
import { ScheduleStore } from './schedule-store.ts';
import { startScheduleTicker, tickerEnabled, tickMsOf } from './schedule-ticker.ts';

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
  /** Folder of the generated secret key file; default: the SQLite file's folder, else DATA_DIR or ./data. */
  dataDir?: string;
  /** Where OKR_SECRET_KEY is read; default process.env. */
  env?: NodeJS.ProcessEnv;
  peerWindows?: ScheduleRunnerDeps['peerWindows'];
}): Promise<NotifyServices> {
  await migrateNotify(deps.db, deps.dialect);
  const ndb = notifyDb(deps.db);
  const env = deps.env ?? process.env;
  const dataDir =
    deps.dataDir ?? (await sqliteFolder(deps.db, deps.dialect)) ?? resolve(env.DATA_DIR ?? './data');
  // PostgreSQL may serve several instances: one key in the database, never a file per process.
  const box = new SecretBox(() =>
    deps.dialect === 'postgres'
      ? sealingKeyOnPostgres(deps.db, { env, dataDir, now: deps.now() })
      : loadSecretKey({ env, dataDir }),
  );
  // A key given in the environment is checked now, so a malformed one stops the start with its name;
  // the key file is only created once a secret is stored.
  if (env[SECRET_KEY_ENV]) await box.source();
  const store = new ScheduleStore(ndb, deps.now);
  const webhooks = new WebhookStore(ndb, nodeChannelPorts(box));
  await webhooks.sealPlainRows();
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
    ...(deps.peerWindows ? { peerWindows: deps.peerWindows } : {}),
  });
  return { ndb, store, webhooks, worker, runner };
}

/** Folder of the SQLite database file (the data folder), or undefined for PostgreSQL or in-memory SQLite. */
async function sqliteFolder(db: Db, dialect: DialectName): Promise<string | undefined> {
  if (dialect !== 'sqlite') return undefined;
  const { rows } = await sql<{
    file: string;
  }>`select file from pragma_database_list where name = 'main'`.execute(db);
  const file = rows[0]?.file;
  return file ? dirname(file) : undefined;
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
      peerWindows: peerWindowsOf(ctx),
    });
    perApp.set(app, services);
    let stop: (() => void) | null = null;
    const ready = services;
    app.addHook('onListen', async () => {
      if (!tickerEnabled(process.env)) return;
      const s = await ready;
      // One instance of a cluster ticks at a time; the others skip that tick.
      stop = startScheduleTicker(s.runner, s.worker, ctx.log, tickMsOf(process.env), (tick) =>
        ifClusterLockFree(ctx.db, 'schedules', tick),
      );
    });
    app.addHook('onClose', async () => {
      stop?.();
      await (await ready).worker.idle();
    });
  }
  return services;
}
