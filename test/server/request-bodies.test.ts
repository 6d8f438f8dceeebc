import { type Client, LOGINS, startServer, type TestServer } from './helpers.ts';

describe('malformed and oversized requests get a clear 4xx', () => {
  let server: TestServer;
  let sales: Client;

  beforeAll(async () => {
    server = await startServer({ bodyLimit: 64 * 1024 });
    sales = await server.login(LOGINS.sales);
  });
  afterAll(() => server.close());

  const krBody = {
    cycleId: 'cycle-2026-h1',
    ownerType: 'person',
    ownerId: 'person-zhaomin',
    title: 't',
    metric: 'number',
    baseline: 0,
    target: 1,
  };

  it('refuses broken JSON with 400', async () => {
    const res = await sales.request('POST', '/api/key-results', '{"title": "x",');
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/JSON/i);
  });

  it('reads an empty body as no fields: 400 naming the first missing one', async () => {
    const res = await sales.request('POST', '/api/key-results', '');
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/required property/);
  });

  it('accepts an action POST without a body', async () => {
    const hr = await server.login(LOGINS.hr);
    const run = (await hr.post('/api/pool-runs', { quarter: '2026-Q1' })).body;
    const bare = await fetch(`${server.url}/api/pool-runs/${run.id}/compute`, {
      method: 'POST',
      headers: { cookie: hr.cookie ?? '' },
    });
    expect(bare.status).toBe(200);
    const emptyJson = await hr.request('POST', `/api/pool-runs/${run.id}/approve`, '');
    expect(emptyJson.status).toBe(200);
  });

  it('refuses a body over the limit with 413 naming the limit', async () => {
    const res = await sales.post('/api/key-results', { ...krBody, evidence: 'x'.repeat(100 * 1024) });
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ error: 'body-too-large' });
    expect(res.body.message).toMatch(/65536 bytes/);
  });

  it('refuses wrong types, missing and unknown fields with 400 naming the field', async () => {
    const wrongType = await sales.post('/api/key-results', { ...krBody, target: 'lots' });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.message).toMatch(/target/);
    const missing = await sales.post('/api/key-results', { ...krBody, title: undefined });
    expect(missing.status).toBe(400);
    expect(missing.body.message).toMatch(/title/);
    const unknown = await sales.post('/api/key-results', { ...krBody, isAdmin: true });
    expect(unknown.status).toBe(400);
    expect(unknown.body.message).toMatch(/additional properties/);
    const badMonth = await sales.put('/api/key-results/kr-zhaomin-1/check-ins/2026-13', {
      value: 1,
      confidence: 1,
    });
    expect(badMonth.status).toBe(400);
    expect(badMonth.body.message).toMatch(/month/);
  });

  it('refuses a body that is not JSON with 415', async () => {
    const res = await sales.request('POST', '/api/key-results', 'title=x', {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(res.status).toBe(415);
  });

  it('answers unknown routes and ids with 404 JSON', async () => {
    const route = await sales.get('/api/no-such-thing');
    expect(route.status).toBe(404);
    expect(route.body.message).toMatch(/no route/);
    const kr = await sales.get('/api/key-results/no-such-kr');
    expect(kr.status).toBe(404);
    expect(kr.body.message).toMatch(/no-such-kr/);
  });
});

describe('auth', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server.close());

  it('signs in with an HTTP-only cookie, answers me, and signs out', async () => {
    const client = server.anonymous();
    expect((await client.get('/api/auth/me')).status).toBe(401);
    expect((await client.post('/api/auth/login', { login: LOGINS.sales, password: 'wrong' })).status).toBe(
      401,
    );
    const res = await client.post('/api/auth/login', { login: LOGINS.sales, password: 'demo1234' });
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/okr_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect((await client.get('/api/auth/me')).body).toMatchObject({
      personId: 'person-zhaomin',
      role: 'sales',
      regionId: 'region-east',
    });
    expect((await client.post('/api/auth/logout')).status).toBe(200);
    expect((await client.get('/api/auth/me')).status).toBe(401);
  });

  it('stores scrypt hashes, never passwords', async () => {
    const rows = await server.storage.db.selectFrom('users').select('password_hash').execute();
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect(r.password_hash).toMatch(/^scrypt\$/);
      expect(r.password_hash).not.toContain('demo1234');
    }
  });
});
