import { type Client, LOGINS, startServer, type TestServer } from './helpers.ts';

// The notifications page polls its list; an unchanged list is a 304 without the rows.
describe('GET /api/notifications carries an ETag', () => {
  let server: TestServer;
  let manager: Client;

  beforeAll(async () => {
    server = await startServer();
    manager = await server.login(LOGINS.manager);
  });
  afterAll(() => server.close());

  it('answers 304 while nothing changed, and 200 with a new tag once a notification arrives or is read', async () => {
    const first = await manager.get('/api/notifications');
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^W\/"/);
    expect(first.headers.get('cache-control')).toBe('private, no-cache');
    const same = await manager.request('GET', '/api/notifications', undefined, { 'if-none-match': etag });
    expect([same.status, same.body]).toEqual([304, null]);

    const sales = await server.login(LOGINS.sales);
    const kr = (await sales.get('/api/key-results/kr-zhaomin-1')).body;
    await sales.put('/api/key-results/kr-zhaomin-1/check-ins/2026-06', { value: kr.baseline, confidence: 2 });
    await server.app.ctx.rules.idle();
    const fresh = await manager.request('GET', '/api/notifications', undefined, { 'if-none-match': etag });
    expect(fresh.status).toBe(200);
    expect((fresh.body as unknown[]).length).toBeGreaterThan((first.body as unknown[]).length);
    const next = fresh.headers.get('etag')!;
    expect(next).not.toBe(etag);

    // Another person's list is theirs: the same tag does not match it.
    const other = await server.login(LOGINS.otherManager);
    expect(
      (await other.request('GET', '/api/notifications', undefined, { 'if-none-match': next })).status,
    ).toBe(200);

    await manager.post('/api/notifications/read-all');
    const read = await manager.request('GET', '/api/notifications', undefined, { 'if-none-match': next });
    expect(read.status).toBe(200);
  });
});
