import { BoardClient, linkId } from './board-client.ts';
import {
  currentCycleId,
  freshDatabase,
  type Instance,
  login,
  startInstance,
  stopInstance,
} from './cluster-fixture.ts';

const DATABASE_URL = process.env.DATABASE_URL;
const REDIS_URL = process.env.OKR_TEST_REDIS_URL;

describe.skipIf(!DATABASE_URL || !REDIS_URL)('two instances fanning out over Redis (REDIS_URL)', () => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let instances: Instance[] = [];

  beforeAll(async () => {
    db = await freshDatabase(DATABASE_URL!);
    const env = { REDIS_URL: REDIS_URL!, OKR_SCHEDULES: 'off', OKR_PRESENCE_HEARTBEAT_MS: '500' };
    instances = await Promise.all([0, 1].map(() => startInstance(db.url, env)));
  }, 180_000);

  afterAll(async () => {
    await Promise.all(instances.map((i) => stopInstance(i)));
    await db?.drop();
  }, 60_000);

  it('a write through one instance reaches a client on the other, with presence of both', async () => {
    const [a, b] = instances as [Instance, Instance];
    const cookie = await login(a.base, 'zhoulei');
    const cycleId = await currentCycleId(a.base, cookie);
    const path = `/api/boards/${cycleId}/ws`;
    const writer = new BoardClient(`${a.base.replace(/^http/, 'ws')}${path}`, cookie, false);
    const reader = new BoardClient(
      `${b.base.replace(/^http/, 'ws')}${path}`,
      await login(b.base, 'linxue'),
      false,
    );
    await writer.connect();
    await reader.connect();
    try {
      const board = writer.lastWelcome!.board as {
        keyResults: { id: string; links: { objectiveId: string; version: number }[] }[];
      };
      const kr = board.keyResults.find((k) => k.links.length > 0)!;
      const link = kr.links[0]!;
      const reply = await writer.intent('w1', {
        kind: 'link',
        krId: kr.id,
        objectiveId: link.objectiveId,
        weight: 42,
        version: link.version,
      });
      expect(reply?.type).toBe('ack');
      const id = linkId(kr.id, link.objectiveId);
      const deadline = Date.now() + 5_000;
      while (reader.versions.get(id) !== link.version + 1 && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 20));
      expect(reader.changes.get(id)).toEqual([link.version + 1]);
      while (reader.presence.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(reader.presence.map((m) => m.personId).sort()).toEqual(['person-linxue', 'person-zhoulei']);
    } finally {
      writer.close();
      reader.close();
    }
  }, 30_000);
});
