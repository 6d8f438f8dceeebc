import { type Client, LOGINS, startServer, type TestServer } from '../server/helpers.ts';

const databases = [
  ['sqlite', undefined],
  ['postgres', process.env.DATABASE_URL],
] as const;

// The key-result and link commands of plugin/app, through the reference host's routes.
describe.each(databases)('key-result commands on %s', (_name, databaseUrl) => {
  let server: TestServer;
  let sales: Client;
  let manager: Client;
  let strategy: Client;
  let hr: Client;
  const login = (l: string) => server.login(l);

  beforeAll(async () => {
    if (_name === 'postgres' && !databaseUrl) return;
    server = await startServer({ databaseUrl });
    sales = await login(LOGINS.sales);
    manager = await login(LOGINS.manager);
    strategy = await login(LOGINS.strategy);
    hr = await login(LOGINS.hr);
  });
  afterAll(() => server?.close());
  const run = _name === 'postgres' && !databaseUrl ? it.skip : it;

  const kr = (over: Record<string, unknown> = {}) => ({
    cycleId: 'cycle-2026-h1',
    ownerType: 'person',
    ownerId: 'person-zhaomin',
    title: '新签储能客户',
    metric: 'number',
    baseline: 0,
    target: 10,
    ...over,
  });

  run('refuses coerced types and unknown fields with the field path, storing nothing', async () => {
    const before = (await hr.get('/api/key-results?cycleId=cycle-2026-h1')).body.length;
    const cases: [Record<string, unknown>, string, string][] = [
      [kr({ title: ['x'] }), 'title', 'type'],
      [kr({ target: '10' }), 'target', 'type'],
      [kr({ target: 1e20 }), 'target', 'maximum'],
      [kr({ colour: 'red' }), 'colour', 'unknown-field'],
      [kr({ title: undefined }), 'title', 'required'],
    ];
    for (const [body, field, reason] of cases) {
      const res = await sales.post('/api/key-results', body);
      expect([res.status, res.body.code, res.body.params.field, res.body.params.reason]).toEqual([
        400,
        'invalid-request',
        field,
        reason,
      ]);
    }
    const versionAsText = await sales.patch('/api/key-results/kr-zhaomin-1', { version: '1', title: 'x' });
    expect([versionAsText.status, versionAsText.body.params.field]).toEqual([400, 'version']);
    expect((await hr.get('/api/key-results?cycleId=cycle-2026-h1')).body.length).toBe(before);
  });

  run('refuses an owner that does not exist, and a region owner the caller may not write', async () => {
    const nowhere = await manager.post(
      '/api/key-results',
      kr({ ownerType: 'region', ownerId: 'region-nowhere' }),
    );
    expect([nowhere.status, nowhere.body.code]).toEqual([400, 'unknown-owner']);
    const strategyWrites = await strategy.post('/api/key-results', kr());
    expect(strategyWrites.status).toBe(403);
  });

  run('writes an audit row with before and after for every KR edit', async () => {
    const created = await sales.post('/api/key-results', kr({ title: '审计测试' }));
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const edit = await sales.patch(`/api/key-results/${id}`, { version: 1, unit: '家' });
    expect(edit.status).toBe(200);
    const confirm = await manager.post(`/api/key-results/${id}/confirm`, { version: 2 });
    expect(confirm.body.version).toBe(3);
    const audit = await hr.get(`/api/audit?subjectType=keyResult&subjectId=${id}`);
    const actions = audit.body.map((a: { action: string }) => a.action).sort();
    expect(actions).toEqual(['keyResult.confirm', 'keyResult.create', 'keyResult.update']);
    const update = audit.body.find((a: { action: string }) => a.action === 'keyResult.update');
    expect([update.before.unit, update.after.unit, update.after.version]).toEqual(['', '家', 2]);
  });

  run('answers a race on one version with one success and one 409 naming the stored version', async () => {
    const created = await sales.post('/api/key-results', kr({ title: '并发测试' }));
    const id = created.body.id as string;
    const replies = await Promise.all(
      ['甲', '乙', '丙', '丁'].map((t) => sales.patch(`/api/key-results/${id}`, { version: 1, title: t })),
    );
    const statuses = replies.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 409, 409, 409]);
    for (const r of replies.filter((x) => x.status === 409))
      expect([r.body.code, r.body.params.stored]).toEqual(['stale-version', 2]);
  });

  run('moves nothing into a locked cycle', async () => {
    const admin = await server.login(LOGINS.admin);
    const lock = await admin.post('/api/cycles/cycle-2026-h1/lock', { locked: true });
    expect(lock.status).toBe(200);
    const res = await sales.post('/api/key-results', kr());
    expect([res.status, res.body.code]).toEqual([409, 'cycle-locked']);
    await admin.post('/api/cycles/cycle-2026-h1/lock', { locked: false });
  });

  run('publishes the API reference with the command input schemas', async () => {
    const doc = await server.anonymous().get('/api/openapi.json');
    expect(doc.status).toBe(200);
    const patch = doc.body.paths['/api/key-results/{id}'].patch;
    expect(patch.operationId).toBe('keyResult.update');
    const body = patch.requestBody.content['application/json'].schema;
    expect(body.required).toEqual(['version']);
    expect(body.properties).toHaveProperty('targetReason');
    expect(body.properties).not.toHaveProperty('id');
  });
});
