import pg from 'pg';
import { APPLICATION_NAME } from '../../host/server/cluster/pg-transport.ts';
import { BoardClient } from './board-client.ts';
import {
  currentCycleId,
  freshDatabase,
  type Instance,
  login,
  startInstance,
  stopInstance,
} from './cluster-fixture.ts';

const DATABASE_URL = process.env.DATABASE_URL;

describe.skipIf(!DATABASE_URL)('three instances started at once on an empty database', () => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let instances: Instance[] = [];

  beforeAll(async () => {
    db = await freshDatabase(DATABASE_URL!);
    // All at the same moment: migrations, first-run seeding, keys and notify tables race unless serialised.
    const started = await Promise.allSettled(
      [0, 1, 2].map(() => startInstance(db.url, { OKR_SCHEDULES: 'off' })),
    );
    instances = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
    const failed = started.flatMap((s) => (s.status === 'rejected' ? [String(s.reason)] : []));
    expect(failed).toEqual([]);
  }, 180_000);

  afterAll(async () => {
    await Promise.all(instances.map((i) => stopInstance(i)));
    await db?.drop();
  }, 60_000);

  it('all come up and serve /api/health; exactly one seeded the demo', async () => {
    expect(instances).toHaveLength(3);
    for (const i of instances) {
      const res = await fetch(`${i.base}/api/health`);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ ok: true, storage: 'postgres' });
    }
    expect(instances.filter((i) => i.output().includes('(seeded with')).length).toBe(1);
  });

  it('a kickoff QR invite minted on one instance is accepted by another (one signing key)', async () => {
    const [a, , c] = instances as [Instance, Instance, Instance];
    const cookie = await login(a.base, 'wangjianguo');
    const cycleId = await currentCycleId(a.base, cookie);
    const minted = await fetch(`${a.base}/api/boards/${cycleId}/invites`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ ttlSeconds: 600 }),
    });
    expect(minted.status).toBe(200);
    const { invite } = (await minted.json()) as { invite: string };
    const joined = await fetch(`${c.base}/api/boards/${cycleId}/join?invite=${encodeURIComponent(invite)}`);
    expect(joined.status).toBe(200);
  });

  it('after losing its LISTEN connection an instance reconnects and its board clients load the board again', async () => {
    const [a] = instances as [Instance, Instance, Instance];
    const cookie = await login(a.base, 'linxue');
    const cycleId = await currentCycleId(a.base, cookie);
    const client = new BoardClient(`${a.base.replace(/^http/, 'ws')}/api/boards/${cycleId}/ws`, cookie);
    await client.connect();
    const admin = new pg.Client({ connectionString: db.url });
    await admin.connect();
    try {
      const killed = await admin.query(
        'select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1 and datname = current_database()',
        [APPLICATION_NAME],
      );
      expect(killed.rowCount).toBe(3);
      const deadline = Date.now() + 15_000;
      while (client.welcomes < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(client.welcomes).toBe(2);
    } finally {
      client.close();
      await admin.end();
    }
  }, 30_000);

  it('a write on one instance is in the next metrics answer of another (no stale cache)', async () => {
    const [a, , c] = instances as [Instance, Instance, Instance];
    const hrOnC = await login(c.base, 'linxue');
    const metrics = async () => (await fetch(`${c.base}/api/metrics`, { headers: { cookie: hrOnC } })).text();
    // The first rules run after start may still open escalations: wait until the answer holds still.
    let before = await metrics();
    for (let n = 0; n < 8; n++) {
      await new Promise((r) => setTimeout(r, 2_500));
      const again = await metrics();
      if (again === before) break;
      before = again;
    }

    const cookie = await login(a.base, 'zhoulei');
    const cycleId = await currentCycleId(a.base, cookie);
    const client = new BoardClient(
      `${a.base.replace(/^http/, 'ws')}/api/boards/${cycleId}/ws`,
      cookie,
      false,
    );
    await client.connect();
    try {
      const board = client.lastWelcome!.board as {
        keyResults: { id: string; links: { objectiveId: string; version: number }[] }[];
      };
      // Every link of three KRs removed: their alignment drops, and with it the rate the metrics show.
      for (const kr of board.keyResults.filter((k) => k.links.length > 0).slice(0, 3)) {
        for (const l of kr.links) {
          const reply = await client.intent(`unlink-${kr.id}-${l.objectiveId}`, {
            kind: 'unlink',
            krId: kr.id,
            objectiveId: l.objectiveId,
            version: l.version,
          });
          expect(reply?.type).toBe('ack');
        }
      }
    } finally {
      client.close();
    }
    const deadline = Date.now() + 5_000;
    let after = await metrics();
    while (after === before && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      after = await metrics();
    }
    expect(after).not.toBe(before);
  }, 60_000);
});
