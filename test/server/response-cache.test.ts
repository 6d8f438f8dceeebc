import { ResponseCache } from '../../host/server/http/response-cache.ts';
import { type Client, LOGINS, startServer, type TestServer } from './helpers.ts';

const CYCLE = 'cycle-2026-h1';
const LIST = `/api/key-results?cycleId=${CYCLE}`;

describe('ResponseCache', () => {
  it('builds a key once for callers that ask at the same time, and again after the stamp moves', async () => {
    const cache = new ResponseCache();
    let builds = 0;
    const build = async () => {
      builds += 1;
      await new Promise((r) => setTimeout(r, 5));
      return `body ${builds}`;
    };
    const burst = await Promise.all(Array.from({ length: 20 }, () => cache.body('1.0', 'k', build)));
    expect(new Set(burst.map(String))).toEqual(new Set(['body 1']));
    expect(String(await cache.body('1.0', 'k', build))).toBe('body 1');
    expect(builds).toBe(1);
    expect(String(await cache.body('1.1', 'k', build))).toBe('body 2');
    expect(cache.size).toBe(1);
    expect(cache.etag('1.0', 'k')).not.toBe(cache.etag('1.1', 'k'));
    expect(cache.etag('1.1', 'k')).not.toBe(cache.etag('1.1', 'other'));
  });

  it('keeps no failed build', async () => {
    const cache = new ResponseCache();
    await expect(cache.body('1', 'k', () => Promise.reject(new Error('db down')))).rejects.toThrow('db down');
    expect(String(await cache.body('1', 'k', async () => 'ok'))).toBe('ok');
  });
});

describe('cached KR list replies', () => {
  let server: TestServer;
  const clients: Record<string, Client> = {};
  const WHO = ['admin', 'hr', 'manager', 'otherManager', 'sales', 'otherSales'] as const;

  /** The KR ids each login may read, straight from SQL (not through the route or the policy code). */
  async function visibleIds(who: (typeof WHO)[number]): Promise<string[]> {
    const me = (await clients[who]!.get('/api/auth/me')).body as { personId: string };
    const person = await server.storage.db
      .selectFrom('people')
      .select(['role', 'region_id'])
      .where('id', '=', me.personId)
      .executeTakeFirstOrThrow();
    let q = server.storage.db
      .selectFrom('key_results')
      .leftJoin('people', 'people.id', 'key_results.owner_id')
      .select('key_results.id')
      .where('key_results.cycle_id', '=', CYCLE)
      .orderBy('key_results.id');
    if (person.role === 'sales')
      q = q.where('key_results.owner_type', '=', 'person').where('key_results.owner_id', '=', me.personId);
    if (person.role === 'manager')
      q = q.where((eb) =>
        eb.or([
          eb.and([
            eb('key_results.owner_type', '=', 'person'),
            eb('people.region_id', '=', person.region_id),
          ]),
          eb.and([
            eb('key_results.owner_type', '!=', 'person'),
            eb('key_results.owner_id', '=', person.region_id),
          ]),
        ]),
      );
    return (await q.execute()).map((r) => r.id);
  }

  const idsOf = (body: { id: string }[]) => body.map((k) => k.id);

  beforeAll(async () => {
    server = await startServer();
    for (const who of WHO) clients[who] = await server.login(LOGINS[who]);
  });
  afterAll(() => server.close());

  it('gives every caller their own rows, read one after another and all at once', async () => {
    const expected = Object.fromEntries(await Promise.all(WHO.map(async (w) => [w, await visibleIds(w)])));
    expect(expected.sales.length).toBeGreaterThan(0);
    expect(expected.sales.length).toBeLessThan(expected.manager.length);
    expect(expected.manager.length).toBeLessThan(expected.admin.length);
    expect(expected.manager).not.toEqual(expected.otherManager);
    // The admin's reply is cached first; nobody else may get it.
    expect(idsOf((await clients.admin!.get(LIST)).body)).toEqual(expected.admin);
    for (const who of WHO) expect(idsOf((await clients[who]!.get(LIST)).body), who).toEqual(expected[who]);
    // After a write every key is built again, concurrently, by several callers at once.
    const kr = (await clients.sales!.get(LIST)).body[0];
    expect(
      (await clients.sales!.patch(`/api/key-results/${kr.id}`, { version: kr.version, title: '并发' }))
        .status,
    ).toBe(200);
    const order = [...WHO, ...WHO, ...WHO].reverse();
    const replies = await Promise.all(order.map((who) => clients[who]!.get(LIST)));
    replies.forEach((r, i) => {
      expect(r.status).toBe(200);
      expect(idsOf(r.body), order[i]).toEqual(expected[order[i]!]);
    });
    expect(replies[order.indexOf('admin')]!.body.find((k: { id: string }) => k.id === kr.id).title).toBe(
      '并发',
    );
  });

  it('follows a change of who may see what (a rep moved to another region)', async () => {
    const before = idsOf((await clients.otherManager!.get(LIST)).body);
    const moved = await server.storage.db
      .selectFrom('people')
      .innerJoin('users', 'users.person_id', 'people.id')
      .select('people.region_id')
      .where('users.login', '=', LOGINS.sales)
      .executeTakeFirstOrThrow();
    const south = (await clients.otherManager!.get('/api/auth/me')).body.regionId as string;
    expect(moved.region_id).not.toBe(south);
    const personId = (await clients.sales!.get('/api/auth/me')).body.personId as string;
    await server.storage.db
      .updateTable('people')
      .set({ region_id: south })
      .where('id', '=', personId)
      .execute();
    const after = idsOf((await clients.otherManager!.get(LIST)).body);
    expect(after.length).toBeGreaterThan(before.length);
    expect(after).toEqual(await visibleIds('otherManager'));
    expect(idsOf((await clients.manager!.get(LIST)).body)).toEqual(await visibleIds('manager'));
  });

  it('caches the objectives for everyone and still sees a write', async () => {
    const path = `/api/objectives?cycleId=${CYCLE}`;
    const first = await clients.admin!.get(path);
    const rep = await clients.sales!.get(path);
    expect(rep.body).toEqual(first.body);
    expect(rep.headers.get('etag')).toBe(first.headers.get('etag'));
    await server.storage.db
      .updateTable('objectives')
      .set({ title: '换个标题' })
      .where('id', '=', first.body[0].id)
      .execute();
    const after = await clients.sales!.request('GET', path, undefined, {
      'if-none-match': first.headers.get('etag')!,
    });
    expect(after.status).toBe(200);
    expect(after.body[0].title).toBe('换个标题');
  });
});
