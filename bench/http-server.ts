/**
 * The server the HTTP benches load (bench/http-read.bench.ts, bench/http-mixed.bench.ts): the real app
 * (buildApp) on the case-study demo, SQLite in a temp DATA_DIR, 127.0.0.1 only, in its own process so
 * the load generator does not share its event loop. Adds one bench-only baseline route,
 * `GET /bench/raw-key-results?cycleId=`, that reads the same key_results rows with the same driver
 * (kysely + better-sqlite3) and returns them raw: no session, no policy, no schema.
 *
 * `spawnBenchServer()` starts it (node --import tsx bench/http-server.ts); extra node flags such as
 * `--cpu-prof` go in `nodeFlags`.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BENCH_CYCLE = 'cycle-2026-h1';
export const BENCH_PASSWORD = 'demo1234';

export interface BenchServer {
  base: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** "load 15.2 / 16.0 / 14.1 on 2 cores": printed with every result (the machine is shared). */
export function loadLine(): string {
  const [a, b, c] = loadavg().map((x) => x.toFixed(1));
  return `load average ${a} / ${b} / ${c}`;
}

export async function login(base: string, user: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: user, password: BENCH_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`bench: login ${user} failed with ${res.status}`);
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

export function spawnBenchServer(
  nodeFlags: string[] = [],
  env: NodeJS.ProcessEnv = {},
): Promise<BenchServer> {
  return spawnListening(fileURLToPath(import.meta.url), { ...env, BENCH_SERVE: '1' }, { nodeFlags });
}

/**
 * Runs `script` (through tsx) in its own process with a temp DATA_DIR and resolves once it prints
 * "listening on http://127.0.0.1:<port>"; `stop()` ends it and removes the directory.
 */
export function spawnListening(
  script: string,
  env: NodeJS.ProcessEnv,
  options: { nodeFlags?: string[]; startMs?: number } = {},
): Promise<BenchServer> {
  const startMs = options.startMs ?? 60_000;
  const dataDir = mkdtempSync(join(tmpdir(), 'okr-http-bench-'));
  const child = spawn(process.execPath, [...(options.nodeFlags ?? []), '--import', 'tsx', script], {
    env: { ...process.env, ...env, DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'inherit'],
    cwd: process.cwd(),
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null) child.kill('SIGINT');
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
  };
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`bench server did not start within ${startMs / 1000} s:\n${out}`));
    }, startMs);
    child.stdout!.on('data', (d) => {
      out += String(d);
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ base: m[1]!, child, stop });
      }
    });
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`bench server exited before listening:\n${out}`));
    });
  });
}

async function serve(): Promise<void> {
  const { caseStudySnapshot, demoAccounts } = await import('../host/demo/case-study.ts');
  const { caseStudyBaselines } = await import('../host/demo/case-study-baselines.ts');
  const { buildApp } = await import('../host/server/app.ts');
  const { seedIfEmpty } = await import('../host/server/seed.ts');
  const { openStorage } = await import('../host/server/storage/database.ts');
  // The demo's own date, so sessions, pace and the cycle hold (the tests use the same).
  const now = () => new Date('2026-06-15T08:00:00.000Z');
  const storage = await openStorage({ dataDir: process.env.DATA_DIR! });
  await seedIfEmpty(storage.db, caseStudySnapshot(), demoAccounts, now(), {
    demo: true,
    baselines: caseStudyBaselines,
  });
  const app = await buildApp({ storage, now });
  // Bench-only baseline: the same rows, the same driver, returned raw.
  app.get<{ Querystring: { cycleId?: string } }>('/bench/raw-key-results', async (req) =>
    storage.db
      .selectFrom('key_results')
      .selectAll()
      .where('cycle_id', '=', req.query.cycleId ?? BENCH_CYCLE)
      .orderBy('id')
      .execute(),
  );
  await listenUntilStopped(app, storage);
}

/**
 * Listens on 127.0.0.1, prints the line `spawnListening` waits for, and closes the app and its storage
 * when the bench stops the process.
 */
export async function listenUntilStopped(
  app: { listen(o: { host: string; port: number }): Promise<string>; close(): Promise<unknown> },
  storage: { close(): Promise<unknown> },
): Promise<void> {
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  console.log(`bench server listening on ${url}`);
  const close = async () => {
    await app.close();
    await storage.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void close());
  process.once('SIGTERM', () => void close());
}

if (process.env.BENCH_SERVE === '1') await serve();
