/**
 * Cluster fan-out bench: board clients spread over three reference-host instances on one
 * PostgreSQL database (LISTEN/NOTIFY between them), a stream of link changes written through one
 * of them, and the time from sending the write to the moment the last client has the change.
 * Baseline in the same run, same database: the first instance alone with every client on it.
 * Target: p95 of three instances within 2× of one instance and under 100 ms.
 *
 * Run: `DATABASE_URL=postgres://… npx tsx bench/cluster-fanout.bench.ts` (env CLIENTS, WRITES,
 * MAX_SECONDS to change the load). Without DATABASE_URL it says so and exits 0.
 */
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import WebSocket from 'ws';
import {
  currentCycleId,
  freshDatabase,
  type Instance,
  login,
  startInstance,
  stopInstance,
} from '../test/cluster/cluster-fixture.ts';

const READERS = ['zhoulei', 'linxue', 'wangjianguo'];
const WRITER = 'zhoulei';
const TARGET_P95_MS = 100;
const TARGET_RATIO = 2;
/** The board refuses more than 10 frames a second per connection. */
const PACE_MS = 110;
const WARM_UP_MS = 3_000;

export interface ClusterFanoutOptions {
  clients: number;
  writes: number;
  maxSeconds: number;
}

interface Stats {
  count: number;
  p50: number;
  p95: number;
  max: number;
}

function stats(samples: number[]): Stats {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] ?? Number.NaN;
  return { count: s.length, p50: at(0.5), p95: at(0.95), max: s.at(-1) ?? Number.NaN };
}

type Message = { type: string; id?: string; [k: string]: unknown };

function open(url: string, cookie: string, onMessage: (m: Message) => void): Promise<WebSocket> {
  const socket = new WebSocket(url, { headers: { cookie }, perMessageDeflate: false });
  return new Promise((resolve, reject) => {
    socket.once('error', reject);
    socket.on('message', (data) => {
      const m = JSON.parse(String(data)) as Message;
      if (m.type === 'welcome') resolve(socket);
      onMessage(m);
    });
  });
}

/** Writes one link again and again through `writerBase`, with clients on `clientBases` (round robin). */
async function measure(
  writerBase: string,
  clientBases: string[],
  cycleId: string,
  cookies: Map<string, string>,
  options: ClusterFanoutOptions,
): Promise<number[]> {
  const ws = (base: string) => `${base.replace(/^http/, 'ws')}/api/boards/${cycleId}/ws`;
  const pending = new Map<string, { t0: number; missing: number; done: (ms: number) => void }>();
  const sockets: WebSocket[] = [];
  try {
    for (let i = 0; i < options.clients; i++) {
      const base = clientBases[i % clientBases.length]!;
      const socket = await open(ws(base), cookies.get(READERS[i % READERS.length]!)!, (m) => {
        if (m.type !== 'change') return;
        const c = m.change as { id: string; version?: number };
        const p = pending.get(`${c.id}@${c.version}`);
        if (p && --p.missing === 0) {
          pending.delete(`${c.id}@${c.version}`);
          p.done(performance.now() - p.t0);
        }
      });
      sockets.push(socket);
    }
    const answers = new Map<string, (m: Message) => void>();
    let board: { keyResults: { id: string; links: { objectiveId: string; version: number }[] }[] } | null =
      null;
    const writer = await open(ws(writerBase), cookies.get(WRITER)!, (m) => {
      if (m.type === 'welcome') board = m.board as typeof board;
      if (typeof m.id === 'string' && answers.has(m.id)) {
        answers.get(m.id)!(m);
        answers.delete(m.id);
      }
    });
    sockets.push(writer);
    const kr = board!.keyResults.find((k) => k.links.length > 0)!;
    const link = kr.links[0]!;
    let version = link.version;
    const samples: Promise<number>[] = [];
    const deadline = performance.now() + options.maxSeconds * 1000;
    for (let n = 0; n < options.writes && performance.now() < deadline; n++) {
      const id = `w${n}`;
      const next = version + 1;
      const reached = new Promise<number>((done) =>
        pending.set(`${kr.id}:${link.objectiveId}@${next}`, {
          t0: performance.now(),
          missing: options.clients,
          done,
        }),
      );
      const answer = new Promise<Message>((resolve) => answers.set(id, resolve));
      writer.send(
        JSON.stringify({
          type: 'intent',
          id,
          intent: {
            kind: 'link',
            krId: kr.id,
            objectiveId: link.objectiveId,
            weight: 10 + (n % 90),
            version,
          },
        }),
      );
      const a = await answer;
      if (a.type !== 'ack') throw new Error(`bench: link write refused: ${JSON.stringify(a)}`);
      version = next;
      samples.push(reached);
      await new Promise((r) => setTimeout(r, PACE_MS));
    }
    const timeout = new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error('bench: some clients never got a change')), 10_000).unref(),
    );
    return await Promise.race([Promise.all(samples), timeout]);
  } finally {
    for (const s of sockets) s.terminate();
  }
}

export interface ClusterFanoutResult {
  options: ClusterFanoutOptions;
  one: Stats;
  three: Stats;
  ratioP95: number;
  passed: boolean;
}

export async function clusterFanoutBench(
  databaseUrl: string,
  options: ClusterFanoutOptions,
): Promise<ClusterFanoutResult> {
  const db = await freshDatabase(databaseUrl);
  const instances: Instance[] = [];
  const env = { OKR_SCHEDULES: 'off' };
  try {
    instances.push(await startInstance(db.url, env));
    const first = instances[0]!;
    const cookies = new Map<string, string>();
    for (const u of READERS) cookies.set(u, await login(first.base, u));
    const cycleId = await currentCycleId(first.base, cookies.get(WRITER)!);
    // The rules run at start (cold, a few hundred ms) must not land in the measurement.
    await new Promise((r) => setTimeout(r, WARM_UP_MS));
    const one = await measure(first.base, [first.base], cycleId, cookies, options);
    instances.push(...(await Promise.all([startInstance(db.url, env), startInstance(db.url, env)])));
    await new Promise((r) => setTimeout(r, WARM_UP_MS));
    const bases = instances.map((i) => i.base);
    const three = await measure(first.base, bases, cycleId, cookies, options);
    const s1 = stats(one);
    const s3 = stats(three);
    const ratioP95 = s3.p95 / s1.p95;
    return {
      options,
      one: s1,
      three: s3,
      ratioP95,
      passed: s3.p95 < TARGET_P95_MS && ratioP95 <= TARGET_RATIO,
    };
  } finally {
    await Promise.all(instances.map((i) => stopInstance(i)));
    await db.drop();
  }
}

function print(r: ClusterFanoutResult): void {
  const f = (x: number) => `${x.toFixed(1)} ms`;
  const row = (name: string, s: Stats) =>
    `${name.padEnd(38)} n=${String(s.count).padStart(4)}  p50 ${f(s.p50).padStart(9)}  p95 ${f(s.p95).padStart(9)}  max ${f(s.max).padStart(9)}`;
  process.stdout.write(
    [
      `cluster-fanout: ${r.options.clients} clients on one board, write → last client (PostgreSQL LISTEN/NOTIFY)`,
      row('one instance, every client on it', r.one),
      row('three instances, clients spread', r.three),
      `ratio p95 three/one: ${r.ratioP95.toFixed(2)}×   target ≤ ${TARGET_RATIO}× and p95 < ${TARGET_P95_MS} ms: ${r.passed ? 'met' : 'MISSED'}`,
      '',
    ].join('\n'),
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const databaseUrl = process.env.DATABASE_URL;
  const num = (v: string | undefined, d: number) => (v && Number(v) > 0 ? Number(v) : d);
  if (!databaseUrl) {
    process.stdout.write('cluster-fanout: skipped (set DATABASE_URL to a PostgreSQL database)\n');
  } else {
    clusterFanoutBench(databaseUrl, {
      clients: num(process.env.CLIENTS, 60),
      writes: num(process.env.WRITES, 80),
      maxSeconds: num(process.env.MAX_SECONDS, 20),
    })
      .then((r) => {
        print(r);
        if (!r.passed) process.exitCode = 1;
      })
      .catch((e: unknown) => {
        process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
        process.exit(1);
      });
  }
}
