import { type Loose, startServer, type TestServer } from './helpers.ts';

const FIRST = {
  companyName: '华东装备服务有限公司',
  adminName: '周磊',
  login: 'zhoulei',
  password: 'Kaishi2026go',
};

async function auditActions(server: TestServer) {
  const rows = await server.storage.db
    .selectFrom('audit_log')
    .select(['action', 'after'])
    .orderBy('id')
    .execute();
  return rows;
}

describe('first run of an empty install (OKR_DEMO=none)', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startServer({ seed: false });
  });
  afterEach(async () => {
    await server.close();
  });

  it('asks for setup, creates the first admin signed in, then refuses a second setup', async () => {
    const anon = server.anonymous();
    expect((await anon.get('/api/setup')).body).toEqual({ needed: true, companyName: null });

    const weak = await anon.post('/api/setup', { ...FIRST, password: 'short1' });
    expect(weak.status).toBe(400);
    expect(weak.body.code).toBe('weak-password');
    const noDigits = await anon.post('/api/setup', { ...FIRST, password: 'onlyletterslong' });
    expect(noDigits.body.code).toBe('weak-password');

    const done = await anon.post('/api/setup', FIRST);
    expect(done.status).toBe(201);
    expect(done.body).toMatchObject({ name: '周磊', role: 'admin' });
    const me = await anon.get('/api/auth/me');
    expect(me.body).toMatchObject({ name: '周磊', role: 'admin' });
    // The admin can go on to the organisation: a region is a command with its audit row.
    expect((await anon.post('/api/regions', { name: '华东区' })).status).toBe(201);

    expect((await server.anonymous().get('/api/setup')).body).toEqual({
      needed: false,
      companyName: '华东装备服务有限公司',
    });
    const again = await server.anonymous().post('/api/setup', { ...FIRST, login: 'other' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('setup-done');

    const audit = await auditActions(server);
    expect(audit.map((a) => a.action)).toEqual([
      'setup.complete',
      'person.create',
      'account.create',
      'region.create',
    ]);
    expect(JSON.stringify(audit)).not.toContain(FIRST.password);
  });

  it('gives one success and one 409 to two setups sent at once', async () => {
    const replies = await Promise.all([
      server.anonymous().post('/api/setup', FIRST),
      server.anonymous().post('/api/setup', { ...FIRST, adminName: '林雪', login: 'linxue' }),
    ]);
    expect(replies.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(replies.find((r) => r.status === 409)?.body.code).toBe('setup-done');
    const users = await server.storage.db.selectFrom('users').select('login').execute();
    expect(users).toHaveLength(1);
    const people: Loose[] = await server.storage.db.selectFrom('people').selectAll().execute();
    expect(people).toHaveLength(1);
  });

  it('is not offered on a seeded database', async () => {
    const seeded = await startServer();
    try {
      expect((await seeded.anonymous().get('/api/setup')).body.needed).toBe(false);
      expect((await seeded.anonymous().post('/api/setup', FIRST)).status).toBe(409);
    } finally {
      await seeded.close();
    }
  });
});
