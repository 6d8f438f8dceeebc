import { type Client, LOGINS, type Loose, startServer, type TestServer } from './helpers.ts';

describe('pool runs: draft → computed → approved → released → locked', () => {
  let server: TestServer;
  let hr: Client;
  let sales: Client;
  let manager: Client;
  let runId: string;

  beforeAll(async () => {
    server = await startServer();
    hr = await server.login(LOGINS.hr);
    sales = await server.login(LOGINS.sales);
    manager = await server.login(LOGINS.manager);
  });
  afterAll(() => server.close());

  it('creates one draft per quarter and computes it with exact cents', async () => {
    const created = await hr.post('/api/pool-runs', { quarter: '2026-Q1' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ state: 'draft', result: null, version: 1 });
    runId = created.body.id;
    const dup = await hr.post('/api/pool-runs', { quarter: '2026-Q1' });
    expect(dup.status).toBe(409);
    expect(dup.body.current.id).toBe(runId);
    expect((await hr.post('/api/pool-runs', { quarter: '2031-Q1' })).status).toBe(400);

    expect((await hr.post(`/api/pool-runs/${runId}/approve`)).status).toBe(409); // not computed yet
    const computed = await hr.post(`/api/pool-runs/${runId}/compute`, { version: 1 });
    expect(computed.status).toBe(200);
    const { poolCents, allocations } = computed.body.result as {
      poolCents: number;
      allocations: { cents: number }[];
    };
    expect(poolCents).toBeGreaterThan(0);
    expect(Number.isInteger(poolCents)).toBe(true);
    expect(allocations.reduce((s, a) => s + a.cents, 0)).toBe(poolCents);
    expect(computed.body).toMatchObject({ settingsVersion: 1, version: 2 });
  });

  it('hides drafts from everyone but hr and admin', async () => {
    expect((await sales.get(`/api/pool-runs/${runId}`)).status).toBe(403);
    expect((await sales.get('/api/pool-runs')).body).toEqual([]);
    expect((await manager.get(`/api/pool-runs/${runId}/statements`)).status).toBe(403);
  });

  it('moves through approve, release and lock, refusing stale versions and skipped steps', async () => {
    expect((await hr.post(`/api/pool-runs/${runId}/release`)).status).toBe(409);
    expect((await hr.post(`/api/pool-runs/${runId}/approve`, { version: 1 })).status).toBe(409);
    expect((await hr.post(`/api/pool-runs/${runId}/approve`, { version: 2 })).body.state).toBe('approved');
    expect((await hr.post(`/api/pool-runs/${runId}/compute`)).status).toBe(409);
    expect((await hr.post(`/api/pool-runs/${runId}/release`)).body.state).toBe('released');
    expect((await hr.post(`/api/pool-runs/${runId}/lock`)).body.state).toBe('locked');
  });

  it('never changes a locked run', async () => {
    const before = (await hr.get(`/api/pool-runs/${runId}`)).body;
    for (const action of ['compute', 'approve', 'release', 'lock']) {
      const res = await hr.post(`/api/pool-runs/${runId}/${action}`);
      expect(res.status, action).toBe(409);
      expect(res.body.error).toBe('run-locked');
    }
    expect((await hr.delete(`/api/pool-runs/${runId}`)).status).toBe(409);
    // Settings changes after the lock do not touch it either.
    const { body: current } = await hr.get('/api/settings');
    const proposed = structuredClone(current.settings);
    proposed.pool.ratePercent = 25;
    const { body: proposal } = await hr.post('/api/settings/proposals', {
      settings: proposed,
      reason: 'bigger pool',
    });
    await hr.post(`/api/settings/versions/${proposal.version}/publish`);
    expect((await hr.get(`/api/pool-runs/${runId}`)).body).toEqual(before);
  });

  it('shows a rep only their own amount and statement, a manager only their region', async () => {
    const run = (await sales.get(`/api/pool-runs/${runId}`)).body;
    const allocations = run.result.allocations as { personId: string }[];
    expect(allocations.map((a) => a.personId)).toEqual(allocations.length ? ['person-zhaomin'] : []);
    const statements = (await sales.get(`/api/pool-runs/${runId}/statements`)).body as { personId: string }[];
    expect(statements.every((s) => s.personId === 'person-zhaomin')).toBe(true);
    const mine = (await sales.get('/api/statements/mine')).body;
    expect(
      mine.every((m: { statement: { personId: string } }) => m.statement.personId === 'person-zhaomin'),
    ).toBe(true);

    const east = new Set(['person-zhaomin', 'person-sunhao', 'person-wuqian', 'person-chenzhiqiang']);
    const managerView = (await manager.get(`/api/pool-runs/${runId}`)).body.result.allocations as {
      personId: string;
    }[];
    expect(managerView.length).toBeGreaterThan(0);
    expect(managerView.every((a) => east.has(a.personId))).toBe(true);
    const full = (await hr.get(`/api/pool-runs/${runId}`)).body.result.allocations as unknown[];
    expect(full.length).toBeGreaterThan(managerView.length);
  });

  it('audits every state change and tells people their statement is out', async () => {
    const audit = (await hr.get(`/api/audit?subjectType=poolRun&subjectId=${runId}`)).body as {
      action: string;
      before: Loose;
      after: Loose;
    }[];
    expect(audit.map((a) => a.action).reverse()).toEqual([
      'pool.create',
      'pool.compute',
      'pool.approve',
      'pool.release',
      'pool.lock',
    ]);
    expect(audit[0]).toMatchObject({ before: { state: 'released' }, after: { state: 'locked' } });
    const kinds = (await sales.get('/api/notifications')).body.map((n: { kind: string }) => n.kind);
    expect(kinds).toContain('pool.released');
  });
});
