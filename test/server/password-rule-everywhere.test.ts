import { LOGINS, startServer, type TestServer } from './helpers.ts';

// One strength rule for every password an admin or a person sets (auth/password-rule.ts): the old
// POST /api/users took 8 characters of anything while accounts and the first run asked for more.
describe('the password rule on every route that sets one', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server.close());

  const WEAK = [
    ['abcd1234', 'too-short'],
    ['abcdefghijkl', 'letters-and-digits'],
    ['sunhao.new-2026', 'contains-login'],
  ] as const;

  it.each(WEAK)('refuses %s (%s) the same way on /api/users and /api/accounts', async (password, problem) => {
    const admin = await server.login(LOGINS.admin);
    const body = { personId: 'person-sunhao', login: 'sunhao.new', password };
    const users = await admin.post('/api/users', body);
    const accounts = await admin.post('/api/accounts', body);
    for (const r of [users, accounts]) {
      expect([r.status, r.body.code, r.body.params, r.body.problem]).toEqual([
        400,
        'weak-password',
        { min: 10 },
        problem,
      ]);
      expect(r.body.message).toContain(
        'at least 10 characters with letters and digits, not containing the login',
      );
    }
    const signIn = await server.anonymous().post('/api/auth/login', { login: 'sunhao.new', password });
    expect(signIn.status).toBe(401);
  });

  it('accepts a password that keeps the rule, and it signs in', async () => {
    const admin = await server.login(LOGINS.admin);
    const created = await admin.post('/api/users', {
      personId: 'person-sunhao',
      login: 'sunhao.two',
      password: 'qiantang-river-88',
    });
    expect(created.status).toBe(201);
    const signIn = await server
      .anonymous()
      .post('/api/auth/login', { login: 'sunhao.two', password: 'qiantang-river-88' });
    expect(signIn.status).toBe(200);
  });
});
