import { LOGINS, startServer, type TestServer } from './helpers.ts';

describe('GET /api/auth/session', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server.close());

  it('answers 200 with no user before sign-in, so the shell logs no 401', async () => {
    const res = await server.anonymous().get('/api/auth/session');
    expect(res).toMatchObject({ status: 200, body: { user: null } });
  });

  it('answers the signed-in user, as /api/auth/me does', async () => {
    const sales = await server.login(LOGINS.sales);
    const me = (await sales.get('/api/auth/me')).body;
    expect((await sales.get('/api/auth/session')).body).toEqual({ user: me });
  });
});
