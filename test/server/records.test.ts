import { type Client, LOGINS, startServer, type TestServer } from './helpers.ts';

describe('activities, key accounts, metrics and evaluation', () => {
  let server: TestServer;
  let sales: Client;
  let manager: Client;
  let otherManager: Client;

  beforeAll(async () => {
    server = await startServer();
    sales = await server.login(LOGINS.sales);
    manager = await server.login(LOGINS.manager);
    otherManager = await server.login(LOGINS.otherManager);
  });
  afterAll(() => server.close());

  const activity = {
    dealsSigned: 2,
    dealsAmountCents: 5_000_000,
    highMarginAmountCents: 3_000_000,
    clientVisits: 11,
    proposalsSent: 4,
    proposalsWon: 2,
    collectionsCents: 1_000_000,
  };

  it('lets the regional manager enter a rep’s activity; reps and other regions may not', async () => {
    expect((await sales.put('/api/activities/person-zhaomin/2026-06', activity)).status).toBe(403);
    expect((await otherManager.put('/api/activities/person-zhaomin/2026-06', activity)).status).toBe(403);
    const saved = await manager.put('/api/activities/person-zhaomin/2026-06', activity);
    expect(saved.status).toBe(200);
    const mine = (await sales.get('/api/activities?month=2026-06')).body;
    expect(mine).toEqual([{ personId: 'person-zhaomin', month: '2026-06', ...activity }]);
  });

  it('lets a rep keep their own key accounts and nobody else’s', async () => {
    const created = await sales.post('/api/key-accounts', {
      name: '<b>华东电网</b>',
      ownerId: 'person-zhaomin',
      lastContactAt: '2026-06-01',
    });
    expect(created.status).toBe(201);
    expect(created.body.name).toBe('<b>华东电网</b>');
    expect((await sales.post('/api/key-accounts', { name: 'x', ownerId: 'person-sunhao' })).status).toBe(403);
    const patched = await sales.patch(`/api/key-accounts/${created.body.id}`, {
      lastContactAt: '2026-06-14',
    });
    expect(patched.body.lastContactAt).toBe('2026-06-14');
    expect(
      (await sales.patch(`/api/key-accounts/${created.body.id}`, { ownerId: 'person-sunhao' })).status,
    ).toBe(403);
    const accounts = (await sales.get('/api/key-accounts')).body as { ownerId: string }[];
    expect(new Set(accounts.map((a) => a.ownerId))).toEqual(new Set(['person-zhaomin']));
    expect((await sales.delete(`/api/key-accounts/${created.body.id}`)).status).toBe(403);
    expect((await manager.delete(`/api/key-accounts/${created.body.id}`)).status).toBe(200);
  });

  it('reports the case’s metrics per month to managers, strategy and hr', async () => {
    const strategy = await server.login(LOGINS.strategy);
    const metrics = await strategy.get('/api/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.body.cycleId).toBe('cycle-2026-h1');
    expect(metrics.body.months.map((m: { month: string }) => m.month)).toEqual([
      '2026-01',
      '2026-02',
      '2026-03',
      '2026-04',
      '2026-05',
      '2026-06',
    ]);
    const [first] = metrics.body.months;
    const last = metrics.body.months.at(-1);
    expect(last.alignmentRate).toBeGreaterThan(first.alignmentRate);
    expect((await sales.get('/api/metrics')).status).toBe(403);
  });

  it('gives each user the alignment and colours of the KRs they may read', async () => {
    const mine = (await sales.get('/api/evaluation')).body;
    expect(mine.alignment.length).toBeGreaterThan(0);
    expect(mine.alignment.every((k: { krId: string }) => k.krId.startsWith('kr-zhaomin'))).toBe(true);
    expect(mine.colours.every((c: { krId: string }) => c.krId.startsWith('kr-zhaomin'))).toBe(true);
    const hr = await server.login(LOGINS.hr);
    expect((await hr.get('/api/evaluation')).body.alignment.length).toBeGreaterThan(mine.alignment.length);
  });

  it('recomputes after a write instead of serving a stale evaluation', async () => {
    const colourOf = async () =>
      (
        (await sales.get('/api/evaluation')).body.colours as { krId: string; month: string; colour: string }[]
      ).find((c) => c.krId === 'kr-zhaomin-1' && c.month === '2026-05')?.colour;
    const before = await colourOf();
    expect(await colourOf()).toBe(before); // cached, same answer
    const kr = (await sales.get('/api/key-results/kr-zhaomin-1')).body;
    await sales.put('/api/key-results/kr-zhaomin-1/check-ins/2026-05', { value: kr.baseline, confidence: 1 });
    expect(before).not.toBe('red');
    expect(await colourOf()).toBe('red');
  });
});
