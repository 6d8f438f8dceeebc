import { DEMO_NOW, LOGINS, type Loose, startServer, type TestServer } from './helpers.ts';

const HOUR = 60 * 60 * 1000;

const DATABASES = [
  ['sqlite', undefined],
  ['postgres', process.env.DATABASE_URL],
] as const;

describe.each(DATABASES)(
  'accounts on %s: admins create, hand over, reset and disable them',
  (name, databaseUrl) => {
    let server: TestServer;
    let admin: Awaited<ReturnType<TestServer['login']>>;
    let personId: string;
    const test = name === 'postgres' && !databaseUrl ? it.skip : it;
    beforeAll(async () => {
      if (name === 'postgres' && !databaseUrl) return;
      server = await startServer({ databaseUrl });
      admin = await server.login(LOGINS.admin);
      const person = await admin.post('/api/people', {
        name: '新同事',
        role: 'sales',
        regionId: 'region-east',
      });
      expect(person.status).toBe(201);
      personId = person.body.id;
    });
    afterAll(async () => {
      await server?.close();
    });

    test('is for admins only: hr and sales are refused 403', async () => {
      for (const login of [LOGINS.hr, LOGINS.sales]) {
        const client = await server.login(login);
        expect((await client.get('/api/accounts')).status).toBe(403);
        expect((await client.post('/api/accounts', { personId, login: 'xin' })).status).toBe(403);
        expect((await client.post(`/api/accounts/${personId}/reset`, {})).status).toBe(403);
        expect((await client.post(`/api/accounts/${personId}/disabled`, { disabled: true })).status).toBe(
          403,
        );
      }
      expect((await server.anonymous().get('/api/accounts')).status).toBe(401);
    });

    test('hands over a one-time link valid 72 h: it sets the password once, then no more', async () => {
      const created = await admin.post('/api/accounts', { personId, login: 'xin.tong' });
      expect(created.status).toBe(201);
      const { token, expiresAt } = created.body.link;
      expect(expiresAt).toBe(new Date(Date.parse(DEMO_NOW) + 72 * HOUR).toISOString());
      const list: Loose[] = (await admin.get('/api/accounts')).body;
      expect(list.find((a) => a.personId === personId)).toMatchObject({
        login: 'xin.tong',
        hasPassword: false,
        linkExpiresAt: expiresAt,
      });
      // Nobody can sign in before the person chose a password.
      expect(
        (await server.anonymous().post('/api/auth/login', { login: 'xin.tong', password: '!unset' })).status,
      ).toBe(401);

      const phone = server.anonymous();
      expect((await phone.post('/api/account-link/check', { token })).body).toMatchObject({
        name: '新同事',
        login: 'xin.tong',
      });
      const weak = await phone.post('/api/account-link/redeem', { token, password: 'xin.tong2026' });
      expect(weak.body.code).toBe('weak-password');
      const set = await phone.post('/api/account-link/redeem', { token, password: 'Chunfeng88ok' });
      expect(set.status).toBe(200);
      expect((await phone.get('/api/auth/me')).body).toMatchObject({ personId, role: 'sales' });
      const twice = await server
        .anonymous()
        .post('/api/account-link/redeem', { token, password: 'Another99pass' });
      expect(twice.status).toBe(404);
      expect(twice.body.code).toBe('account-link-invalid');
      expect(
        (await server.anonymous().post('/api/auth/login', { login: 'xin.tong', password: 'Chunfeng88ok' }))
          .status,
      ).toBe(200);
    });

    test('refuses a link after 72 hours', async () => {
      const reset = await admin.post(`/api/accounts/${personId}/reset`, {});
      const { token } = reset.body.link;
      const realNow = server.app.ctx.now;
      server.app.ctx.now = () => new Date(Date.parse(DEMO_NOW) + 72 * HOUR + 1000);
      try {
        const late = await server
          .anonymous()
          .post('/api/account-link/redeem', { token, password: 'Chunfeng88ok' });
        expect(late.status).toBe(410);
        expect(late.body.code).toBe('account-link-expired');
      } finally {
        server.app.ctx.now = realNow;
      }
    });

    test('resets with a typed password, disables (sessions end), and audits without secrets', async () => {
      expect((await admin.post(`/api/accounts/${personId}/reset`, { password: 'short' })).body.code).toBe(
        'weak-password',
      );
      expect(
        (await admin.post(`/api/accounts/${personId}/reset`, { password: 'Qiuyue2026new' })).status,
      ).toBe(200);
      const person = server.anonymous();
      expect(
        (await person.post('/api/auth/login', { login: 'xin.tong', password: 'Qiuyue2026new' })).status,
      ).toBe(200);
      expect((await admin.post(`/api/accounts/${personId}/disabled`, { disabled: true })).body.disabled).toBe(
        true,
      );
      expect((await person.get('/api/auth/me')).status).toBe(401);
      const refused = await server
        .anonymous()
        .post('/api/auth/login', { login: 'xin.tong', password: 'Qiuyue2026new' });
      expect(refused.body.code).toBe('account-disabled');
      expect((await admin.post('/api/accounts', { personId, login: 'xin2' })).body.code).toBe(
        'account-exists',
      );

      const audit = await server.storage.db
        .selectFrom('audit_log')
        .select(['action', 'actor_id', 'before', 'after'])
        .where('subject_type', '=', 'person')
        .where('subject_id', '=', personId)
        .orderBy('id')
        .execute();
      expect(audit.map((a) => a.action)).toEqual([
        'person.create',
        'account.create',
        'account.link',
        'account.password',
        'account.link',
        'account.reset',
        'account.disable',
      ]);
      const text = JSON.stringify(audit);
      for (const secret of ['Chunfeng88ok', 'Qiuyue2026new', 'scrypt$', 'token'])
        expect(text).not.toContain(secret);
    });
  },
);
