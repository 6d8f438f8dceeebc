/**
 * HTTP mixed bench (issue #17): readers and writers at once on the real app (bench/http-server.ts, its
 * own process, SQLite, 127.0.0.1). READERS autocannon connections read the board's list
 * (`GET /api/key-results?cycleId=`), WRITERS connections PATCH key results with the version they last
 * saw (10 KRs shared by the writers, so some writes meet a newer version: the 409s are counted apart
 * and their latency is in the write figures), and `/api/health` is polled one at a time during it (from
 * a worker thread, so its replies do not queue behind the load generator's).
 * Prints p50/p95 for reads, writes and health, with the baseline of the same run: health polled on
 * the idle server before the load, and health's p95 as a share of the reads'. Targets: read and write
 * p95 < 100 ms, health p95 < 50 ms.
 *
 * The machine may be shared and noisy: the load average is printed with every result.
 *
 * Run: `npx tsx bench/http-mixed.bench.ts [seconds, default 15] [readers, default 200] [writers, default 20]`;
 * `MIXED_REVALIDATE=1` makes the readers revalidate with If-None-Match (the newest ETag seen), as boards do.
 * `BENCH_CPU_PROF=dir` writes a V8 CPU profile of the server into dir (read it with bench/cpu-profile-top.ts).
 */
import { Worker } from 'node:worker_threads';
import autocannon from 'autocannon';
import { BENCH_CYCLE, loadLine, login, spawnBenchServer } from './http-server.ts';

const SECONDS = Math.min(120, Math.max(2, Number(process.argv[2] ?? 15)));
const READERS = Math.min(500, Math.max(1, Number(process.argv[3] ?? 200)));
const WRITERS = Math.min(100, Math.max(1, Number(process.argv[4] ?? 20)));
const SHARED_KRS = 10;
const USER = 'zhoulei'; // admin: may read and change every KR
const HEALTH_EVERY_MS = 50;
const TARGETS = { reads: 100, writes: 100, health: 50 };

interface Stats {
  count: number;
  p50: number;
  p95: number;
  p99: number;
}

function stats(samples: number[]): Stats {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] ?? Number.NaN;
  const r = (x: number) => Math.round(x * 10) / 10;
  return { count: s.length, p50: r(at(0.5)), p95: r(at(0.95)), p99: r(at(0.99)) };
}

const line = (name: string, s: Stats, target?: number) =>
  `  ${name.padEnd(22)} n=${String(s.count).padStart(6)}  p50 ${s.p50} ms  p95 ${s.p95} ms  p99 ${s.p99} ms` +
  (target === undefined ? '' : `  (target p95 < ${target} ms: ${s.p95 < target ? 'met' : 'NOT met'})`) +
  `   (${loadLine()})`;

// The poller runs on its own thread: on the bench's thread its replies would wait behind autocannon's
// (200 connections of 50 KB bodies), and that wait is the client's, not the server's.
const HEALTH_POLLER = `
const { parentPort, workerData } = require('node:worker_threads');
const times = [];
let running = true;
parentPort.once('message', () => { running = false; });
(async () => {
  while (running) {
    const t = performance.now();
    const res = await fetch(workerData.url);
    await res.arrayBuffer();
    times.push(performance.now() - t);
    await new Promise((r) => setTimeout(r, workerData.everyMs));
  }
  parentPort.postMessage(times);
})();
`;

/** Polls `/api/health` one request at a time, on a worker thread, until `stop()`; returns the latencies. */
function pollHealth(base: string): { stop: () => Promise<number[]> } {
  const worker = new Worker(HEALTH_POLLER, {
    eval: true,
    workerData: { url: `${base}/api/health`, everyMs: HEALTH_EVERY_MS },
  });
  const done = new Promise<number[]>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  return {
    stop: async () => {
      worker.postMessage('stop');
      const times = await done;
      await worker.terminate();
      return times;
    },
  };
}

const server = await spawnBenchServer(
  process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [],
);
try {
  const cookie = await login(server.base, USER);
  const list = `${server.base}/api/key-results?cycleId=${BENCH_CYCLE}`;
  const krs = (await (await fetch(list, { headers: { cookie } })).json()) as {
    id: string;
    version: number;
  }[];
  const targets = krs.slice(0, SHARED_KRS);
  const versions = new Map(targets.map((k) => [k.id, k.version]));
  console.log(
    `http-mixed: ${READERS} readers + ${WRITERS} writers (${targets.length} shared KRs) for ${SECONDS} s, health every ${HEALTH_EVERY_MS} ms, ` +
      `127.0.0.1, SQLite, ${loadLine()} (shared, noisy machine)`,
  );

  // Baseline of the same run: health on the idle server, then a short warm-up of both routes.
  const idle = pollHealth(server.base);
  await new Promise((r) => setTimeout(r, 2_000));
  const idleHealth = stats(await idle.stop());
  await autocannon({ url: list, connections: 10, duration: 1, headers: { cookie } });

  let next = 0;
  const counts = { ok: 0, conflict: 0, other: 0 };
  const writeTimes: number[] = [];
  const readTimes: number[] = [];
  const health = pollHealth(server.base);
  // MIXED_REVALIDATE=1: readers send If-None-Match with the newest ETag seen, as a polling board would.
  let tag: string | undefined;
  const revalidate = process.env.MIXED_REVALIDATE === '1';
  const readers = autocannon({
    url: list,
    connections: READERS,
    duration: SECONDS,
    headers: { cookie },
    ...(revalidate
      ? {
          requests: [
            {
              method: 'GET',
              setupRequest: (req: Record<string, unknown>) => ({
                ...req,
                headers: { cookie, ...(tag ? { 'if-none-match': tag } : {}) },
              }),
              onResponse: (
                _status: number,
                _body: string,
                _ctx: unknown,
                headers?: Record<string, string>,
              ) => {
                if (headers?.etag) tag = headers.etag;
              },
            },
          ],
        }
      : {}),
  });
  readers.on('response', (_c: unknown, _s: number, _b: number, ms: number) => readTimes.push(ms));
  const writers = autocannon({
    url: server.base,
    connections: WRITERS,
    duration: SECONDS,
    requests: [
      {
        method: 'PATCH',
        headers: { cookie, 'content-type': 'application/json' },
        setupRequest: (req: Record<string, unknown>) => {
          const kr = targets[next++ % targets.length]!;
          return {
            ...req,
            path: `/api/key-results/${kr.id}`,
            body: JSON.stringify({ version: versions.get(kr.id), title: `bench write ${next}` }),
          };
        },
        onResponse: (status: number, body: string) => {
          if (status === 200) counts.ok += 1;
          else if (status === 409) counts.conflict += 1;
          else counts.other += 1;
          try {
            const parsed = JSON.parse(body) as {
              id?: string;
              version?: number;
              current?: { id: string; version: number };
            };
            const row = status === 409 ? parsed.current : parsed;
            if (row?.id && typeof row.version === 'number' && row.version > (versions.get(row.id) ?? 0))
              versions.set(row.id, row.version);
          } catch {
            // not JSON: counted above
          }
        },
      },
    ],
  });
  writers.on('response', (_c: unknown, _s: number, _b: number, ms: number) => writeTimes.push(ms));
  const [r, w] = await Promise.all([readers, writers]);
  const healthTimes = await health.stop();

  console.log(
    `reads: ${r.requests.total} (${(r.requests.total / SECONDS).toFixed(0)}/s), non-2xx ${r.non2xx}, errors ${r.errors + r.timeouts}`,
  );
  console.log(
    `writes: ${w.requests.total} (${(w.requests.total / SECONDS).toFixed(0)}/s): ${counts.ok} ok, ${counts.conflict} 409 stale-version, ${counts.other} other, errors ${w.errors + w.timeouts}`,
  );
  console.log(line('health, idle (baseline)', idleHealth));
  const reads = stats(readTimes);
  console.log(line('reads', reads, TARGETS.reads));
  console.log(line('writes (200 and 409)', stats(writeTimes), TARGETS.writes));
  const h = stats(healthTimes);
  console.log(line('health during load', h, TARGETS.health));
  console.log(`  health during load / idle p95: x${(h.p95 / idleHealth.p95).toFixed(1)}`);
  // Steadier than the idle baseline on a busy machine: how far the probe skips the queue of reads.
  console.log(`  health / reads p95 during load: x${(h.p95 / reads.p95).toFixed(2)}`);
  if (counts.other > 0 || (!revalidate && r.non2xx > 0)) process.exitCode = 1;
} finally {
  await server.stop();
}
