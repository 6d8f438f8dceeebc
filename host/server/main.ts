import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { createRunScheduler, HOUR_MS } from '../../plugin/app/run-scheduler.ts';
import { demoAccounts } from '../demo/case-study.ts';
import { demoKindOf, demoSeed } from '../demo/demo-seed.ts';
import { ensureWebBuilt, webBuildIsStale } from '../web/build.ts';
import { buildApp } from './app.ts';
import { withClusterLock } from './cluster/advisory-lock.ts';
import { openCluster, stderrClusterLog } from './cluster/cluster.ts';
import { shareQrSecret } from './cluster/cluster-keys.ts';
import { seedIfEmpty } from './seed.ts';
import { openStorage } from './storage/database.ts';

/** TRUST_PROXY: unset/false, true, or the proxies' addresses/CIDRs separated by commas. */
function trustProxyOf(value: string | undefined): boolean | string {
  if (value === undefined || value === '' || value === 'false') return false;
  return value === 'true' ? true : value;
}

async function main(): Promise<void> {
  const port = Number(process.env.PORT ?? 8787);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`server: PORT "${process.env.PORT}" is not a port number; use 0..65535`);
  }
  const dataDir = resolve(process.env.DATA_DIR ?? './data');
  // OKR_DEMO=case-study seeds the fixed case (cycle 2026-H1); by default the case is placed in today's
  // half year; OKR_DEMO=none seeds nothing (the first-run page creates the first admin).
  const demoKind = demoKindOf(process.env.OKR_DEMO);
  const storage = await openStorage({ dataDir, databaseUrl: process.env.DATABASE_URL });
  const now = new Date();
  const demo = demoKind === 'none' ? null : demoSeed(demoKind, now.toISOString().slice(0, 10));
  const seeded = demo
    ? await seedIfEmpty(storage.db, demo.snapshot, demoAccounts, now, {
        demo: true,
        baselines: demo.baselines,
      })
    : false;
  // Built before the app starts: the static handler only knows the files that exist when it is registered.
  if (process.env.OKR_BUILD_WEB === '1' && webBuildIsStale()) {
    process.stdout.write('building the web shell (first start or changed sources)…\n');
    await ensureWebBuilt();
  }
  // Several instances on one PostgreSQL start one after the other: keys, first-run rows and the
  // notify tables are made once. Fan-out between them goes over LISTEN/NOTIFY or Redis.
  const cluster = await openCluster({ storage, env: process.env, log: stderrClusterLog });
  const app = await withClusterLock(storage.db, 'startup', async () => {
    await shareQrSecret(storage.db, storage.dialect, process.env, now);
    const built = await buildApp({
      storage,
      logger: { level: process.env.LOG_LEVEL ?? 'warn' },
      trustProxy: trustProxyOf(process.env.TRUST_PROXY),
      cluster,
      // The e2e harness serves its own copy, so a rebuild of host/web/dist mid-run cannot break it.
      ...(process.env.OKR_WEB_DIST ? { webDist: process.env.OKR_WEB_DIST } : {}),
    });
    await built.ready();
    return built;
  });
  const url = await app.listen({ host: '127.0.0.1', port });

  // The schedule hook: rules run on start and every hour (once per cluster), besides after each relevant write.
  const periodic = createRunScheduler(
    () => app.ctx.rules.runPeriodic(app.ctx.bus.instanceId, HOUR_MS),
    (err) => app.log.error(err, 'rules: periodic run failed'),
    { debounceMs: 0, everyMs: HOUR_MS },
  );
  periodic.start();

  const web = existsSync(resolve('host/web/dist/index.html'))
    ? url
    : `${url} (API only: host/web/dist is not built)`;
  const empty = !(await storage.db.selectFrom('users').select('id').limit(1).executeTakeFirst());
  const lines = [
    `OKR Align reference host listening on ${web}`,
    `storage: ${storage.dialect} at ${storage.location}${seeded && demo ? ` (seeded with ${demo.description})` : ''}`,
    ...(empty
      ? [`no accounts yet: open ${url} to run the first-run page (company name and the first admin)`]
      : demo
        ? [
            'demo logins (password in brackets):',
            ...demoAccounts.map(
              (a) => `  ${a.login.padEnd(14)} ${a.role.padEnd(9)} ${a.displayName} [${a.password}]`,
            ),
          ]
        : []),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);

  const stop = async () => {
    periodic.stop();
    await app.close();
    await cluster?.close();
    await storage.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((err: unknown) => {
  process.stderr.write(`server: could not start: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
