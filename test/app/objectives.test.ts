import { type Client, LOGINS, startServer, type TestServer } from '../server/helpers.ts';

const databases = [
  ['sqlite', undefined],
  ['postgres', process.env.DATABASE_URL],
] as const;

// The objective and form-overlay commands of plugin/app, through the reference host's routes.
describe.each(databases)('objective and form-overlay commands on %s', (name, databaseUrl) => {
  let server: TestServer;
  let strategy: Client;
  let manager: Client;
  let hr: Client;

  beforeAll(async () => {
    if (name === 'postgres' && !databaseUrl) return;
    server = await startServer({ databaseUrl });
    [strategy, manager, hr] = (await Promise.all(
      [LOGINS.strategy, LOGINS.manager, LOGINS.hr].map((l) => server.login(l)),
    )) as [Client, Client, Client];
  });
  afterAll(() => server?.close());
  const run = name === 'postgres' && !databaseUrl ? it.skip : it;
  const auditOf = async (type: string, id: string) =>
    ((await hr.get(`/api/audit?subjectType=${type}&subjectId=${id}`)).body as { action: string }[]).map(
      (a) => a.action,
    );

  run('lets strategy create, edit and delete an objective, each step audited', async () => {
    const created = await strategy.post('/api/objectives', {
      cycleId: 'cycle-2026-h1',
      title: '海外',
      weight: 12,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      version: 1,
      ownerId: 'person-wangjianguo',
      focusTags: [],
      custom: null,
    });
    const id = created.body.id as string;
    const edited = await strategy.patch(`/api/objectives/${id}`, { version: 1, weight: 15 });
    expect([edited.status, edited.body.version, edited.body.weight]).toEqual([200, 2, 15]);
    const stale = await strategy.delete(`/api/objectives/${id}?version=1`);
    expect([stale.status, stale.body.code, stale.body.params]).toEqual([
      409,
      'stale-version',
      { sent: 1, stored: 2 },
    ]);
    expect((await strategy.delete(`/api/objectives/${id}?version=2`)).body).toEqual({ ok: true });
    expect((await auditOf('objective', id)).sort()).toEqual([
      'objective.create',
      'objective.delete',
      'objective.update',
    ]);
  });

  run('refuses other roles, stale versions, coerced types and a locked cycle', async () => {
    const body = { cycleId: 'cycle-2026-h1', title: '新业务', weight: 5 };
    expect((await manager.post('/api/objectives', body)).status).toBe(403);
    expect((await hr.post('/api/objectives', body)).status).toBe(403);
    const typed = await strategy.post('/api/objectives', { ...body, weight: '5' });
    expect([typed.status, typed.body.params.field]).toEqual([400, 'weight']);
    const id = (await strategy.post('/api/objectives', body)).body.id as string;
    await strategy.patch(`/api/objectives/${id}`, { version: 1, title: '新业务 2' });
    const stale = await strategy.patch(`/api/objectives/${id}`, { version: 1, title: '旧的' });
    expect([stale.status, stale.body.current.title, stale.body.current.version]).toEqual([
      409,
      '新业务 2',
      2,
    ]);

    expect((await strategy.post('/api/cycles/cycle-2026-h1/lock', { locked: true })).status).toBe(200);
    try {
      const locked = await strategy.patch(`/api/objectives/${id}`, { version: 2, title: '锁定后' });
      expect([locked.status, locked.body.code]).toEqual([409, 'cycle-locked']);
      expect((await strategy.delete(`/api/objectives/${id}`)).body.code).toBe('cycle-locked');
    } finally {
      await strategy.post('/api/cycles/cycle-2026-h1/lock', { locked: false });
    }
    expect(await auditOf('objective', id)).toHaveLength(2);
  });

  run('refuses to delete an objective key results link to', async () => {
    const linked = (await hr.get('/api/key-results?cycleId=cycle-2026-h1')).body.find(
      (kr: { links: unknown[] }) => kr.links.length > 0,
    );
    const objectiveId = linked.links[0].objectiveId as string;
    const refused = await strategy.delete(`/api/objectives/${objectiveId}`);
    expect([refused.status, refused.body.code]).toEqual([409, 'objective-linked']);
  });

  run('saves a form overlay once per version and audits create, update and delete', async () => {
    const overlay = { formId: 'objective', entries: [] };
    expect((await manager.put('/api/form-overlays/objective', { overlay })).status).toBe(403);
    const created = await hr.put('/api/form-overlays/objective', { overlay });
    expect([created.status, created.body.version, created.body.formId]).toEqual([201, 1, 'objective']);
    expect(created.body).not.toHaveProperty('created');
    const again = await hr.put('/api/form-overlays/objective', { overlay });
    expect([again.status, again.body.code, again.body.current.version]).toEqual([409, 'stale-version', 1]);
    expect((await hr.put('/api/form-overlays/objective', { overlay, version: 1 })).status).toBe(200);
    const staleDelete = await hr.delete('/api/form-overlays/objective?version=1');
    expect([staleDelete.status, staleDelete.body.params.stored]).toEqual([409, 2]);
    expect((await hr.delete('/api/form-overlays/objective?version=2')).body).toEqual({ ok: true });
    expect((await auditOf('formOverlay', 'objective')).sort()).toEqual([
      'overlay.create',
      'overlay.delete',
      'overlay.update',
    ]);
  });
});
