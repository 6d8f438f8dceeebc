/**
 * Write → new colour on another screen (issue #17): a real server in its own process (SQLite, 127.0.0.1),
 * client A checks in on one of its KRs over HTTP, alternately at the baseline (red) and at the target
 * (green); screen B, on the board WebSocket, waits for the KR's new month colour:
 * - `push`: the `keyResult.evaluated` message the live evaluation sends after the write;
 * - `refetch`: the `checkIn.saved` message, then `GET /api/evaluation` until the colour shows (the path
 *   before the push, and the one a server from an older tree knows).
 * Prints p50/p95 over at most `--writes` writes (default 100, each mode bounded to 120 s) against a
 * baseline of the same run (`GET /api/health`), with the load average. Target p95 < 100 ms.
 * Run: `npx tsx bench/write-to-colour.bench.ts [--writes N] [--reps N: a synthetic organisation]
 * [--root DIR --refetch-only: the server of another source tree]`.
 */
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import WebSocket from 'ws';
import {
  type BenchServer,
  listenUntilStopped,
  loadLine,
  login,
  BENCH_PASSWORD as PASSWORD,
  spawnListening,
} from './http-server.ts';

const NOW = '2026-06-15T08:00:00.000Z';
const MONTH = '2026-06';
const MODE_BUDGET_MS = 120_000;
const WARM_UP = 3;

function arg(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 && process.argv[at + 1] ? process.argv[at + 1]! : fallback;
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
};

// ---------------------------------------------------------------------------------------------
// The server process.

async function serve(): Promise<void> {
  const root = process.env.BENCH_ROOT!;
  const at = (path: string) => pathToFileURL(join(root, path)).href;
  const { buildApp } = await import(at('host/server/app.ts'));
  const { seedIfEmpty } = await import(at('host/server/seed.ts'));
  const { openStorage } = await import(at('host/server/storage/database.ts'));
  const now = () => new Date(NOW);
  const storage = await openStorage({ dataDir: process.env.DATA_DIR! });
  const reps = Number(process.env.BENCH_REPS ?? 0);
  if (reps > 0) {
    const { syntheticOrg } = await import('./engine-evaluate.bench.ts');
    const snapshot = syntheticOrg(reps);
    // Storage keeps its foreign keys: the people's regions and the objectives' owner (HQ) exist.
    const regionIds = [...new Set(snapshot.people.map((p) => p.regionId).filter((r) => r !== null))];
    snapshot.regions = regionIds.map((id) => ({ id, name: id }));
    // One review per reviewer, reviewee and quarter (a unique key in storage).
    const reviewKeys = new Set<string>();
    snapshot.peerReviews = snapshot.peerReviews.filter((r) => {
      const key = `${r.quarter}|${r.reviewerId}|${r.revieweeId}`;
      if (reviewKeys.has(key)) return false;
      reviewKeys.add(key);
      return true;
    });
    if (!snapshot.people.some((p) => p.id === 'hq'))
      snapshot.people.push({
        id: 'hq',
        name: 'HQ',
        role: 'strategy',
        regionId: null,
        managerId: null,
        baseBonusCents: 0,
      });
    await seedIfEmpty(storage.db, snapshot, [{ login: 'p0', personId: 'p0', password: PASSWORD }], now());
  } else {
    const { caseStudySnapshot, demoAccounts } = await import(at('host/demo/case-study.ts'));
    await seedIfEmpty(storage.db, caseStudySnapshot(), demoAccounts, now(), { demo: true });
  }
  const app = await buildApp({ storage, now });
  // As a server that has been running: the start-up rules pass has delivered the seeded data's events.
  await app.ctx.rules.runNow();
  await app.ctx.rules.idle();
  await listenUntilStopped(app, storage);
}

function spawnServer(root: string, reps: number): Promise<BenchServer> {
  return spawnListening(
    fileURLToPath(import.meta.url),
    { BENCH_COLOUR_SERVE: '1', BENCH_ROOT: root, BENCH_REPS: String(reps) },
    // Seeding a large organisation and its first rules pass take a while.
    { startMs: 600_000 },
  );
}

// ---------------------------------------------------------------------------------------------
// The clients.

// biome-ignore lint/suspicious/noExplicitAny: replies are read field by field, as a client does.
type Loose = any;

async function getJson(base: string, cookie: string, path: string): Promise<Loose> {
  const res = await fetch(base + path, { headers: { cookie } });
  if (res.status !== 200) throw new Error(`bench: GET ${path} answered ${res.status}`);
  return res.json();
}

/** Board socket of screen B: every change message, and a wait for the first that matches. */
class Screen {
  private waiters: { match(m: Loose): boolean; resolve(m: Loose): void }[] = [];
  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const message = JSON.parse(String(data));
      if (message.type !== 'change') return;
      this.waiters = this.waiters.filter((w) => {
        if (!w.match(message.change)) return true;
        w.resolve(message.change);
        return false;
      });
    });
  }

  static async open(base: string, cookie: string, cycleId: string): Promise<Screen> {
    const socket = new WebSocket(`${base.replace(/^http/, 'ws')}/api/boards/${cycleId}/ws`, {
      headers: { cookie },
    });
    const screen = new Screen(socket);
    await new Promise<void>((ok, fail) => {
      socket.on('message', (data) => {
        if (JSON.parse(String(data)).type === 'welcome') ok();
      });
      socket.once('error', fail);
    });
    return screen;
  }

  /** The next change that matches (registered before the write is sent). */
  next(match: (change: Loose) => boolean, timeoutMs = 10_000): Promise<Loose> {
    return new Promise((ok, fail) => {
      const timer = setTimeout(() => fail(new Error(`no matching change within ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push({
        match,
        resolve: (m) => {
          clearTimeout(timer);
          ok(m);
        },
      });
    });
  }

  close(): void {
    this.socket.close();
  }
}

type Mode = 'push' | 'refetch';

async function measure(root: string, reps: number, writes: number, modes: Mode[]): Promise<void> {
  const label = `${reps > 0 ? `${reps} reps` : 'case-study demo'}, server from ${root}`;
  const started = performance.now();
  const server = await spawnServer(root, reps);
  const seededMs = performance.now() - started;
  try {
    const { base } = server;
    const [userA, userB] = reps > 0 ? ['p0', 'p0'] : ['zhaomin', 'chenzhiqiang'];
    const a = await login(base, userA);
    const b = await login(base, userB);
    const me = await getJson(base, a, '/api/auth/me');
    const personId = me.personId ?? me.user?.personId;
    const cycles = await getJson(base, a, '/api/cycles');
    const cycleId = (cycles.cycles as Loose[]).find((c) => c.start <= NOW && NOW.slice(0, 10) <= c.end)!.id;
    const krs = (await getJson(base, a, `/api/key-results?cycleId=${cycleId}`)) as Loose[];
    const kr = krs.find(
      (k) => k.ownerId === personId && k.ownerType === 'person' && k.metric !== 'milestone' && !k.archivedAt,
    );
    if (!kr) throw new Error('bench: no personal KR of client A to check in on');
    const screen = await Screen.open(base, b, cycleId);
    // Warm up: the first read builds (or computes) the evaluation.
    await getJson(base, b, `/api/evaluation?cycleId=${cycleId}`);

    const health: number[] = [];
    for (let i = 0; i < 100; i++) {
      const t0 = performance.now();
      await (await fetch(`${base}/api/health`)).arrayBuffer();
      health.push(performance.now() - t0);
    }
    console.log(`\n${label} (seeded and started in ${(seededMs / 1000).toFixed(1)} s), KR ${kr.id}`);
    const h50 = percentile(health, 0.5);
    const h95 = percentile(health, 0.95);
    console.log(`  baseline GET /api/health   p50 ${h50.toFixed(1)} ms  p95 ${h95.toFixed(1)} ms`);

    let serial = 0;
    for (const mode of modes) {
      const latencies: number[] = [];
      const writeTrips: number[] = [];
      const deadline = performance.now() + MODE_BUDGET_MS;
      // The first writes are not counted: the server's start-up rules pass may still be running.
      for (let i = -WARM_UP; i < writes && performance.now() < deadline; i++) {
        const timeoutMs = i < 0 ? 300_000 : 30_000;
        const red = serial++ % 2 === 0;
        const expected = red ? 'red' : 'green';
        const colourIn = (colours: Loose[]) => colours.find((c) => c.month === MONTH)?.colour;
        const seen =
          mode === 'push'
            ? screen.next(
                (c) =>
                  c.type === 'keyResult.evaluated' &&
                  c.id === kr.id &&
                  colourIn(c.record.colours) === expected,
                timeoutMs,
              )
            : screen.next((c) => c.type === 'checkIn.saved' && c.record?.krId === kr.id, timeoutMs);
        // Awaited below; a timeout meanwhile must not end the process before the server is stopped.
        seen.catch(() => undefined);
        const t0 = performance.now();
        const res = await fetch(`${base}/api/key-results/${kr.id}/check-ins/${MONTH}`, {
          method: 'PUT',
          headers: { cookie: a, 'content-type': 'application/json' },
          body: JSON.stringify({ value: red ? kr.baseline : kr.target, confidence: 6 }),
        });
        await res.arrayBuffer();
        writeTrips.push(performance.now() - t0);
        if (res.status >= 300) throw new Error(`bench: check-in answered ${res.status}`);
        await seen;
        if (mode === 'refetch') {
          for (let tries = 0; ; tries++) {
            const ev = await getJson(base, b, `/api/evaluation?cycleId=${cycleId}`);
            if (colourIn((ev.colours as Loose[]).filter((c) => c.krId === kr.id)) === expected) break;
            if (tries >= 2_000) throw new Error('bench: the colour never showed in /api/evaluation');
          }
        }
        if (i >= 0) latencies.push(performance.now() - t0);
        else writeTrips.pop();
      }
      if (latencies.length === 0) {
        console.log(`  ${mode.padEnd(8)} no write measured within ${MODE_BUDGET_MS / 1000} s`);
        continue;
      }
      const p50 = percentile(latencies, 0.5);
      const p95 = percentile(latencies, 0.95);
      const w50 = percentile(writeTrips, 0.5);
      console.log(
        `  ${mode.padEnd(8)} write→colour on B  p50 ${p50.toFixed(1)} ms  p95 ${p95.toFixed(1)} ms` +
          `  (${latencies.length} writes; ×${(p50 / h50).toFixed(1)} / ×${(p95 / h95).toFixed(1)} health;` +
          ` the write's own round trip p50 ${w50.toFixed(1)} ms, colour/write ×${(p50 / w50).toFixed(2)})` +
          `  ${p95 < 100 ? 'meets' : 'misses'} p95 < 100 ms`,
      );
    }
    screen.close();
  } finally {
    await server.stop();
    console.log(`  ${loadLine()}`);
  }
}

async function main(): Promise<void> {
  const writes = Number(arg('writes', '100'));
  const root = resolve(arg('root', fileURLToPath(new URL('..', import.meta.url))));
  const reps = Number(arg('reps', '0'));
  // A server from before the push knows only the refetch path.
  const modes: Mode[] = process.argv.includes('--refetch-only') ? ['refetch'] : ['push', 'refetch'];
  await measure(root, reps, writes, modes);
}

if (process.env.BENCH_COLOUR_SERVE === '1') await serve();
else if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
