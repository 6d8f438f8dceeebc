import { LOGINS, startServer, type TestServer } from './helpers.ts';

describe('OKR primer', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server.close());

  it('quotes the settings in force and follows a published change of the threshold', async () => {
    const sales = await server.login(LOGINS.sales);
    const before = (await sales.get('/api/primer')).body as string;
    expect(before).toContain('对齐分低于 60 分时');
    expect(before).toContain('绿灯：进度比 ≥ 90%');
    expect(before).toContain('× 15%');

    const hr = await server.login(LOGINS.hr);
    const { settings } = (await hr.get('/api/settings')).body;
    settings.alignment.minScore = 72;
    const proposal = await hr.post('/api/settings/proposals', { settings, reason: '提高对齐门槛' });
    expect(proposal.status).toBe(201);
    expect((await hr.post(`/api/settings/versions/${proposal.body.version}/publish`)).status).toBe(200);

    const after = (await sales.get('/api/primer')).body as string;
    expect(after).toContain('对齐分低于 72 分时');
    expect(after).not.toContain('对齐分低于 60 分时');
    const english = (await sales.get('/api/primer?lang=en-US')).body as string;
    expect(english).toContain('Below 72 points');
    expect(english).toContain('<html lang="en-US">');
  });

  it('needs a signed-in user', async () => {
    expect((await server.anonymous().get('/api/primer')).status).toBe(401);
  });
});
