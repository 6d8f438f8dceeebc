import SQLite from 'better-sqlite3';
import { noneMatch, weakEtag } from '../../host/server/routes/etag.ts';
import { type Client, LOGINS, startServer, type TestServer } from './helpers.ts';

const CYCLE = 'cycle-2026-h1';
const LIST = `/api/key-results?cycleId=${CYCLE}`;

describe('ETags on the board and list reads', () => {
  let server: TestServer;
  let admin: Client;
  let sales: Client;

  beforeAll(async () => {
    server = await startServer();
    admin = await server.login(LOGINS.admin);
    sales = await server.login(LOGINS.sales);
  });
  afterAll(() => server.close());

  it('answers a matching If-None-Match on the KR list with 304 and no body', async () => {
    const first = await admin.get(LIST);
    expect(first.status).toBe(200);
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^W\/"[A-Za-z0-9_-]+"$/);
    expect(first.headers.get('cache-control')).toBe('private, no-cache');
    expect(first.headers.get('vary')).toMatch(/cookie/i);

    const again = await admin.request('GET', LIST, undefined, { 'if-none-match': etag! });
    expect(again.status).toBe(304);
    expect(again.body).toBeNull();
    expect(again.headers.get('etag')).toBe(etag);

    // Listed among others, or as the strong form of the same tag, it still matches (weak comparison).
    const listed = await admin.request('GET', LIST, undefined, {
      'if-none-match': `W/"other", ${etag!.slice(2)}`,
    });
    expect(listed.status).toBe(304);
    const other = await admin.request('GET', LIST, undefined, { 'if-none-match': 'W/"not-this-one"' });
    expect(other.status).toBe(200);
    expect(other.body).toEqual(first.body);
  });

  it('gives a new ETag after a write, and the old one no longer matches', async () => {
    const before = await sales.get(LIST);
    const etag = before.headers.get('etag')!;
    const kr = before.body.find((k: { ownerId: string }) => k.ownerId === 'person-zhaomin');
    const patched = await sales.patch(`/api/key-results/${kr.id}`, {
      version: kr.version,
      title: 'etag test',
    });
    expect(patched.status).toBe(200);

    const after = await sales.request('GET', LIST, undefined, { 'if-none-match': etag });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(etag);
    expect(after.body.find((k: { id: string }) => k.id === kr.id).title).toBe('etag test');

    // The single KR read follows its row too.
    const one = await sales.get(`/api/key-results/${kr.id}`);
    const oneTag = one.headers.get('etag')!;
    expect(
      (await sales.request('GET', `/api/key-results/${kr.id}`, undefined, { 'if-none-match': oneTag }))
        .status,
    ).toBe(304);
    await sales.patch(`/api/key-results/${kr.id}`, { version: kr.version + 1, title: 'etag test 2' });
    expect(
      (await sales.request('GET', `/api/key-results/${kr.id}`, undefined, { 'if-none-match': oneTag }))
        .status,
    ).toBe(200);
  });

  it('sees a change committed by another connection to the SQLite file (another process)', async () => {
    const before = await admin.get(LIST);
    const etag = before.headers.get('etag')!;
    const other = new SQLite(server.storage.location);
    try {
      other
        .prepare('update key_results set title = ? where id = ?')
        .run('changed elsewhere', before.body[0].id);
    } finally {
      other.close();
    }
    const after = await admin.request('GET', LIST, undefined, { 'if-none-match': etag });
    expect(after.status).toBe(200);
    expect(after.body[0].title).toBe('changed elsewhere');
  });

  it('tags each user their own list (the policy filters rows)', async () => {
    const a = await admin.get(LIST);
    const s = await sales.get(LIST);
    expect(s.body.length).toBeLessThan(a.body.length);
    expect(s.headers.get('etag')).not.toBe(a.headers.get('etag'));
    expect(
      (await sales.request('GET', LIST, undefined, { 'if-none-match': a.headers.get('etag')! })).status,
    ).toBe(200);
  });

  it('revalidates the objectives and the board evaluation', async () => {
    for (const path of [`/api/objectives?cycleId=${CYCLE}`, `/api/evaluation?cycleId=${CYCLE}`]) {
      const first = await admin.get(path);
      expect(first.status).toBe(200);
      const etag = first.headers.get('etag');
      expect(etag, path).toMatch(/^W\//);
      expect((await admin.request('GET', path, undefined, { 'if-none-match': etag! })).status, path).toBe(
        304,
      );
    }
  });

  it('keeps no-store and no ETag on replies that are not tagged', async () => {
    const me = await admin.get('/api/auth/me');
    expect(me.headers.get('etag')).toBeNull();
    expect(me.headers.get('cache-control')).toBe('no-store');
    const refused = await server.anonymous().get(LIST);
    expect(refused.status).toBe(401);
    expect(refused.headers.get('etag')).toBeNull();
  });
});

describe('If-None-Match matching', () => {
  const tag = weakEtag('[1,2]');
  it('compares weakly, in lists, and with *', () => {
    expect(noneMatch(undefined, tag)).toBe(false);
    expect(noneMatch(tag, tag)).toBe(true);
    expect(noneMatch(tag.slice(2), tag)).toBe(true);
    expect(noneMatch(`"a", ${tag}`, tag)).toBe(true);
    expect(noneMatch('*', tag)).toBe(true);
    expect(noneMatch(weakEtag('[1,2,3]'), tag)).toBe(false);
  });
});
