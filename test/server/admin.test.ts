import { LOGINS, startServer, type TestServer } from './helpers.ts';

describe('admin: accounts, roles and cycle locks', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server.close());

  it('creates an account that can sign in, and changes a role with an audit entry', async () => {
    const admin = await server.login(LOGINS.admin);
    const created = await admin.post('/api/users', {
      login: 'zhaomin2',
      password: 'a-long-password-7',
      personId: 'person-zhaomin',
    });
    expect(created.status).toBe(201);
    expect(JSON.stringify(created.body)).not.toContain('password');
    expect(
      (
        await admin.post('/api/users', {
          login: 'zhaomin2',
          password: 'a-long-password-7',
          personId: 'person-zhaomin',
        })
      ).status,
    ).toBe(409);
    const client = server.anonymous();
    expect(
      (await client.post('/api/auth/login', { login: 'zhaomin2', password: 'a-long-password-7' })).status,
    ).toBe(200);

    const promoted = await admin.patch('/api/people/person-sunhao', { role: 'manager' });
    expect(promoted.body.role).toBe('manager');
    const audit = (await admin.get('/api/audit?subjectType=person&subjectId=person-sunhao')).body;
    expect(audit[0]).toMatchObject({
      action: 'person.update',
      before: { role: 'sales' },
      after: { role: 'manager' },
    });
  });

  it('refuses writes into a locked cycle with 409', async () => {
    const strategy = await server.login(LOGINS.strategy);
    const sales = await server.login(LOGINS.sales);
    expect((await strategy.post('/api/cycles/cycle-2026-h1/lock', { locked: true })).body.locked).toBe(true);
    const kr = (await sales.get('/api/key-results/kr-zhaomin-1')).body;
    const res = await sales.patch('/api/key-results/kr-zhaomin-1', {
      version: kr.version,
      title: 'too late',
    });
    expect(res.status).toBe(409);
    expect(res.body.error).toBe('cycle-locked');
    expect(
      (await sales.put('/api/key-results/kr-zhaomin-1/check-ins/2026-06', { value: 1, confidence: 1 }))
        .status,
    ).toBe(409);
    await strategy.post('/api/cycles/cycle-2026-h1/lock', { locked: false });
    expect(
      (await sales.patch('/api/key-results/kr-zhaomin-1', { version: kr.version, title: 'open again' }))
        .status,
    ).toBe(200);
  });
});
