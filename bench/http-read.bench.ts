/**
 * HTTP read bench (issue #17): autocannon against the real app (bench/http-server.ts, its own process,
 * SQLite, 127.0.0.1) on `GET /api/key-results?cycleId=` (the board's list, 81 KRs of the demo cycle),
 * `GET /api/auth/me`, the same list revalidated with `If-None-Match` (a 304), and the baseline measured
 * in the same run: `GET /bench/raw-key-results`, a bench-only route reading the same key_results rows
 * with the same driver and returning them raw. Prints req/s, p50/p95/p99 and product/baseline ratios.
 * Target: the list within 2x of the baseline (req/s ratio >= 0.5). Nothing writes here, so on SQLite every
 * list request after the first is a hit of the response cache (host/server/http/response-cache.ts); the
 * list under writes, one build per commit, is what bench/http-mixed.bench.ts measures.
 *
 * The machine may be shared and noisy: routes are measured interleaved, in ROUNDS rounds of
 * [baseline, list, me, 304], each ratio against the baseline of its own round, and the median ratio is
 * the result; the load average is printed with every line. Compare ratios, not req/s.
 *
 * Run: `npx tsx bench/http-read.bench.ts [seconds per route per round, default 4] [connections, default 50] [rounds, default 3]`.
 * `BENCH_CPU_PROF=dir` writes a V8 CPU profile of the server into dir; `BENCH_ONLY=key-results` then
 * loads only the list (a profile of that route alone).
 */
import autocannon from 'autocannon';
import { BENCH_CYCLE, loadLine, login, spawnBenchServer } from './http-server.ts';

const SECONDS = Math.min(30, Math.max(1, Number(process.argv[2] ?? 4)));
const CONNECTIONS = Math.min(500, Math.max(1, Number(process.argv[3] ?? 50)));
const ROUNDS = Math.min(10, Math.max(1, Number(process.argv[4] ?? 3)));
const READER = 'zhoulei'; // admin: reads every KR of the board
const TARGET_RATIO = 0.5;

export interface RouteResult {
  name: string;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  /** Replies other than 2xx (the 304 route counts every reply here). */
  non2xx: number;
  errors: number;
  load: string;
}

/** The q-quantile of sorted samples (nearest rank). */
export function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? Number.NaN;
}

const median = (xs: number[]) =>
  quantile(
    [...xs].sort((a, b) => a - b),
    0.5,
  );

async function hit(name: string, url: string, headers: Record<string, string>): Promise<RouteResult> {
  const times: number[] = [];
  const run = autocannon({ url, connections: CONNECTIONS, duration: SECONDS, headers });
  run.on('response', (_client: unknown, _status: number, _bytes: number, ms: number) => times.push(ms));
  const r = await run;
  times.sort((a, b) => a - b);
  const f = (x: number) => Math.round(x * 10) / 10;
  return {
    name,
    rps: r.requests.total / SECONDS,
    p50: f(quantile(times, 0.5)),
    p95: f(quantile(times, 0.95)),
    p99: f(quantile(times, 0.99)),
    non2xx: r.non2xx,
    errors: r.errors + r.timeouts,
    load: loadLine(),
  };
}

function print(r: RouteResult, base?: RouteResult): void {
  const ratio = base ? `  x${(r.rps / base.rps).toFixed(2)} of baseline` : '';
  console.log(
    `  ${r.name.padEnd(30)} ${r.rps.toFixed(0).padStart(6)} req/s  p50 ${r.p50} ms  p95 ${r.p95} ms  p99 ${r.p99} ms` +
      `  non-2xx ${r.non2xx}  errors ${r.errors}${ratio}   (${r.load})`,
  );
}

const flags = process.env.BENCH_CPU_PROF
  ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`]
  : [];
const server = await spawnBenchServer(flags);
let failed = false;
try {
  const cookie = await login(server.base, READER);
  const list = `${server.base}/api/key-results?cycleId=${BENCH_CYCLE}`;
  const raw = `${server.base}/bench/raw-key-results?cycleId=${BENCH_CYCLE}`;
  const first = await fetch(list, { headers: { cookie } });
  const count = ((await first.json()) as unknown[]).length;
  const etag = first.headers.get('etag');
  console.log(
    `http-read: ${CONNECTIONS} connections, ${ROUNDS} rounds x ${SECONDS} s per route, ${count} KRs, 127.0.0.1, ` +
      `${loadLine()} (shared, noisy machine: compare ratios)`,
  );
  // Warm-up, not counted: JIT, compiled schemas, prepared statements.
  for (const [url, headers] of [
    [raw, {}],
    [list, { cookie }],
  ] as const)
    await autocannon({ url, connections: CONNECTIONS, duration: 1, headers });
  if (process.env.BENCH_ONLY === 'key-results') {
    print(await hit('GET /api/key-results?cycleId', list, { cookie }));
  } else {
    const ratios = { list: [] as number[], me: [] as number[], notModified: [] as number[] };
    for (let round = 1; round <= ROUNDS; round++) {
      console.log(`round ${round}/${ROUNDS}`);
      const baseline = await hit('baseline raw key_results', raw, {});
      print(baseline);
      const krs = await hit('GET /api/key-results?cycleId', list, { cookie });
      print(krs, baseline);
      ratios.list.push(krs.rps / baseline.rps);
      const me = await hit('GET /api/auth/me', `${server.base}/api/auth/me`, { cookie });
      print(me, baseline);
      ratios.me.push(me.rps / baseline.rps);
      // The current tag (a background write, e.g. the start-up rules run, makes an older one stale).
      const current = (await fetch(list, { headers: { cookie } })).headers.get('etag');
      if (current) {
        const nm = await hit('GET /api/key-results 304', list, { cookie, 'if-none-match': current });
        print(nm, baseline);
        ratios.notModified.push(nm.rps / baseline.rps);
      }
      if (krs.errors > 0 || krs.non2xx > 0) failed = true;
    }
    const listRatio = median(ratios.list);
    console.log(
      `median req/s ratios to baseline: key-results x${listRatio.toFixed(2)}, auth/me x${median(ratios.me).toFixed(2)}` +
        (etag
          ? `, key-results 304 x${median(ratios.notModified).toFixed(2)}`
          : ', no ETag sent: 304 not measured') +
        `; target key-results >= x${TARGET_RATIO}: ${listRatio >= TARGET_RATIO ? 'met' : 'NOT met'}   (${loadLine()})`,
    );
  }
} finally {
  await server.stop();
}
if (failed) process.exitCode = 1;
