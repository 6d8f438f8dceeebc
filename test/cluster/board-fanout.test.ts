import { BoardClient, linkId } from './board-client.ts';
import {
  currentCycleId,
  freshDatabase,
  type Instance,
  login,
  type Nginx,
  startInstance,
  startNginx,
  stopInstance,
} from './cluster-fixture.ts';

const DATABASE_URL = process.env.DATABASE_URL;
const READERS = ['linxue', 'wangjianguo', 'zhoulei'];
const WRITER = 'zhoulei';
/** The board refuses more than 10 frames a second per connection; writers stay under it. */
const PACE_MS = 130;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(what: string, check: () => boolean, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`cluster: timed out waiting for ${what}`);
    await sleep(50);
  }
}

interface Target {
  krId: string;
  objectiveId: string;
  version: number;
}

/** Acknowledged link versions, per link id. */
type Acked = Map<string, number[]>;

function noteAck(acked: Acked, target: Target, reply: Record<string, unknown>): void {
  const kr = reply.kr as { links: { objectiveId: string; version: number }[] };
  const version = kr.links.find((l) => l.objectiveId === target.objectiveId)!.version;
  target.version = version;
  const id = linkId(target.krId, target.objectiveId);
  acked.set(id, [...(acked.get(id) ?? []), version]);
}

/**
 * `rounds` writes by `writer` on its own link and on the shared one (retrying a stale shared write
 * with the version it is told), paced under the frame limit. Stops when its socket goes away.
 */
async function writeBurst(
  writer: BoardClient,
  name: string,
  own: Target | null,
  shared: Target,
  rounds: number,
  acked: Acked,
): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (let r = 0; r < rounds && Date.now() < deadline; r++) {
    for (const target of own ? [own, shared] : [shared]) {
      for (let attempt = 0; attempt < 6; attempt++) {
        const reply = await writer.intent(`${name}-${r}-${target.krId}-${attempt}`, {
          kind: 'link',
          krId: target.krId,
          objectiveId: target.objectiveId,
          weight: 10 + ((r * 7 + attempt) % 90),
          version: target.version,
        });
        await sleep(PACE_MS);
        if (!reply) return;
        if (reply.type === 'ack') {
          noteAck(acked, target, reply);
          break;
        }
        if (reply.type !== 'stale') throw new Error(`cluster: write refused: ${JSON.stringify(reply)}`);
        const current = reply.current as { links: { objectiveId: string; version: number }[] };
        target.version = current.links.find((l) => l.objectiveId === target.objectiveId)!.version;
      }
    }
  }
}

const lastOf = (acked: Acked) => new Map([...acked].map(([id, vs]) => [id, Math.max(...vs)]));

describe.skipIf(!DATABASE_URL)('three instances behind nginx: board fan-out', () => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let instances: Instance[] = [];
  let nginx: Nginx;
  const clients: BoardClient[] = [];
  const writers = new Map<number, BoardClient>();
  let targets: Target[] = [];
  let shared: Target;
  let boardUrl = '';
  let cookies = new Map<string, string>();

  beforeAll(async () => {
    db = await freshDatabase(DATABASE_URL!);
    const env = { OKR_PRESENCE_HEARTBEAT_MS: '500', OKR_SCHEDULES: 'off' };
    instances = await Promise.all([0, 1, 2].map(() => startInstance(db.url, env)));
    nginx = await startNginx(instances.map((i) => i.port));
    cookies = new Map(await Promise.all(READERS.map(async (u) => [u, await login(nginx.base, u)] as const)));
    const cycleId = await currentCycleId(nginx.base, cookies.get(WRITER)!);
    boardUrl = `${nginx.base.replace(/^http/, 'ws')}/api/boards/${cycleId}/ws`;

    // Connected through nginx until every instance has a writer and two readers (bounded).
    for (let n = 0; n < 30 && (writers.size < 3 || clients.length < 6); n++) {
      const needWriter = writers.size < 3;
      const client = new BoardClient(boardUrl, cookies.get(needWriter ? WRITER : READERS[n % 3]!)!);
      await client.connect();
      const onIt = clients.filter((c) => c.upstream === client.upstream).length;
      if (needWriter && !writers.has(client.upstream)) writers.set(client.upstream, client);
      else if (!needWriter && onIt < 2) clients.push(client);
      else client.close();
    }
    expect(new Set(clients.map((c) => c.upstream))).toEqual(new Set(instances.map((i) => i.port)));
    expect([...writers.keys()].sort()).toEqual(instances.map((i) => i.port).sort());

    const board = clients[0]!.lastWelcome!.board as {
      keyResults: { id: string; links: { objectiveId: string; version: number }[] }[];
    };
    const linked = board.keyResults.filter((kr) => kr.links.length > 0).slice(0, 4);
    expect(linked.length).toBe(4);
    [shared, ...targets] = linked.map((kr) => ({ krId: kr.id, ...kr.links[0]! })) as [Target, ...Target[]];
  }, 180_000);

  afterAll(async () => {
    for (const c of [...clients, ...writers.values()]) c.close();
    await nginx?.stop();
    await Promise.all(instances.map((i) => stopInstance(i)));
    await db?.drop();
  }, 60_000);

  const all = () => [...clients, ...writers.values()];

  it("a browser's sign-in and board socket through nginx pass the origin check (Host keeps the port)", async () => {
    const res = await fetch(`${nginx.base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: nginx.base },
      body: JSON.stringify({ login: 'linxue', password: 'demo1234' }),
    });
    expect(res.status).toBe(200);
    const browser = new BoardClient(boardUrl, cookies.get('linxue')!, false, nginx.base);
    await browser.connect();
    browser.close();
  });

  it('merges presence: every client counts the connections of all three instances', async () => {
    const open = all().length;
    await until(
      'merged presence',
      () => all().every((c) => c.presence.reduce((n, m) => n + m.connections, 0) === open),
      10_000,
    );
  });

  it('every client sees every acknowledged write, whichever instance took it, in version order', async () => {
    const acked: Acked = new Map();
    const ports = [...writers.keys()];
    await Promise.all(
      ports.map((port, i) => writeBurst(writers.get(port)!, `a${i}`, targets[i]!, shared, 8, acked)),
    );
    const last = lastOf(acked);
    expect(last.size).toBe(4);
    await until(
      'every client at the last version',
      () => all().every((c) => [...last].every(([id, v]) => c.versions.get(id) === v)),
      10_000,
    );
    for (const c of all()) {
      expect(c.older).toEqual([]);
      expect(c.welcomes).toBe(1);
      for (const [id, versions] of acked) {
        const seen = c.changes.get(id) ?? [];
        expect(seen).toEqual([...seen].sort((a, b) => a - b));
        expect(new Set(seen).size).toBe(seen.length);
        for (const v of versions) expect(seen).toContain(v);
      }
    }
  }, 90_000);

  it('SIGKILL of one instance mid-burst: its clients reconnect through nginx and catch up', async () => {
    const victim = instances[2]!;
    const survivors = [...writers.keys()].filter((p) => p !== victim.port);
    const onVictim = clients.filter((c) => c.upstream === victim.port);
    const steady = clients.filter((c) => c.upstream !== victim.port);
    expect(onVictim.length).toBeGreaterThan(0);
    const acked: Acked = new Map();
    const byVictim: Acked = new Map();
    const burst = Promise.all([
      ...survivors.map((port, i) => writeBurst(writers.get(port)!, `b${i}`, targets[i]!, shared, 14, acked)),
      writeBurst(writers.get(victim.port)!, 'bv', null, shared, 14, byVictim),
    ]);
    await sleep(1_500);
    victim.child.kill('SIGKILL');
    await victim.exited;
    await burst;
    expect(byVictim.size).toBe(1);

    const last = lastOf(acked);
    for (const [id, vs] of byVictim) last.set(id, Math.max(last.get(id) ?? 0, ...vs));
    const following = all();
    await until(
      'every client caught up',
      () => following.every((c) => c.open && [...last].every(([id, v]) => c.versions.get(id) === v)),
      20_000,
    );
    for (const c of onVictim) {
      expect(c.welcomes).toBeGreaterThan(1);
      expect(c.upstream).not.toBe(victim.port);
    }
    for (const c of following) expect(c.older).toEqual([]);
    // Clients that never lost their socket got each write the survivors acknowledged as a change.
    for (const c of steady) {
      for (const [id, versions] of acked) {
        const seen = c.changes.get(id) ?? [];
        for (const v of versions) expect(seen).toContain(v);
      }
    }
    await until(
      "the dead instance's presence to expire",
      () => following.every((c) => c.presence.reduce((n, m) => n + m.connections, 0) === following.length),
      10_000,
    );
  }, 120_000);
});
