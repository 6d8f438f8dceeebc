import { LOGINS, startServer, type TestServer } from './helpers.ts';

// The same API on PostgreSQL (own schema per run, dropped afterwards).
describe.skipIf(!process.env.DATABASE_URL)('HTTP API on PostgreSQL', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startServer({ databaseUrl: process.env.DATABASE_URL });
  });
  afterAll(() => server?.close());

  it('serves the demo, refuses stale writes, versions settings and computes a pool run', async () => {
    expect((await server.anonymous().get('/api/health')).body).toMatchObject({
      ok: true,
      storage: 'postgres',
    });
    const sales = await server.login(LOGINS.sales);
    const manager = await server.login(LOGINS.manager);
    const kr = (await sales.get('/api/key-results/kr-zhaomin-1')).body;
    expect(
      (await sales.patch('/api/key-results/kr-zhaomin-1', { version: kr.version, title: 'pg first' })).status,
    ).toBe(200);
    const stale = await manager.patch('/api/key-results/kr-zhaomin-1', {
      version: kr.version,
      title: 'pg second',
    });
    expect(stale.status).toBe(409);
    expect(stale.body.current.title).toBe('pg first');

    const hr = await server.login(LOGINS.hr);
    const { body: current } = await hr.get('/api/settings');
    const proposed = structuredClone(current.settings);
    proposed.alerts.krStaleDays = 30;
    const { body: proposal } = await hr.post('/api/settings/proposals', { settings: proposed, reason: 'pg' });
    expect((await hr.post(`/api/settings/versions/${proposal.version}/publish`)).status).toBe(200);
    expect((await hr.get('/api/settings')).body.version).toBe(proposal.version);

    const run = (await hr.post('/api/pool-runs', { quarter: '2026-Q1' })).body;
    const computed = (await hr.post(`/api/pool-runs/${run.id}/compute`)).body;
    const cents = computed.result.allocations.reduce((s: number, a: { cents: number }) => s + a.cents, 0);
    expect(cents).toBe(computed.poolCents);
    // The rules re-run after the publish may audit escalations of its own meanwhile: look past them.
    const audit = (await hr.get('/api/audit?limit=100')).body as { action: string }[];
    expect(audit.filter((a) => a.action === 'pool.compute')).toHaveLength(1);
  });
});
