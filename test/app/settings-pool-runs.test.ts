import { type Client, LOGINS, startServer, type TestServer } from '../server/helpers.ts';

const databases = [
  ['sqlite', undefined],
  ['postgres', process.env.DATABASE_URL],
] as const;

// The settings and pool-run commands of plugin/app, through the reference host's routes.
describe.each(databases)('settings and pool-run commands on %s', (name, databaseUrl) => {
  let server: TestServer;
  let hr: Client;
  let admin: Client;
  let sales: Client;
  let strategy: Client;

  beforeAll(async () => {
    if (name === 'postgres' && !databaseUrl) return;
    server = await startServer({ databaseUrl });
    [hr, admin, sales, strategy] = (await Promise.all(
      [LOGINS.hr, LOGINS.admin, LOGINS.sales, LOGINS.strategy].map((l) => server.login(l)),
    )) as [Client, Client, Client, Client];
  });
  afterAll(() => server?.close());
  const run = name === 'postgres' && !databaseUrl ? it.skip : it;
  const auditOf = async (type: string, id: string) =>
    (await hr.get(`/api/audit?subjectType=${type}&subjectId=${id}`)).body as {
      action: string;
      actorId: string;
    }[];

  run('proposes with author and reason, publishes a proposal once, audits each step', async () => {
    const { settings } = (await hr.get('/api/settings')).body;
    for (const who of [sales, strategy])
      expect((await who.post('/api/settings/proposals', { settings, reason: 'x' })).status).toBe(403);
    const blank = await hr.post('/api/settings/proposals', { settings, reason: '   ' });
    expect([blank.status, blank.body.code]).toEqual([400, 'reason-required']);
    const changed = { ...settings, alignment: { ...settings.alignment, minScore: 65 } };
    const proposed = await hr.post('/api/settings/proposals', { settings: changed, reason: ' 提高门槛 ' });
    expect(proposed.status).toBe(201);
    expect(proposed.body).toMatchObject({
      status: 'proposed',
      reason: '提高门槛',
      authorId: 'person-linxue',
    });
    const v = proposed.body.version as number;
    const listed = (await hr.get('/api/settings/versions')).body[0];
    expect(listed).toMatchObject({
      version: v,
      current: false,
      diff: [{ path: 'alignment.minScore', after: 65 }],
    });

    expect((await hr.post('/api/settings/versions/abc/publish', {})).status).toBe(400);
    const published = await admin.post(`/api/settings/versions/${v}/publish`, {});
    expect(published.body).toMatchObject({ status: 'published', publishedById: 'person-zhoulei' });
    const twice = await hr.post(`/api/settings/versions/${v}/publish`, {});
    expect([twice.status, twice.body.code, twice.body.current.status]).toEqual([
      409,
      'not-a-proposal',
      'published',
    ]);
    expect((await hr.get('/api/settings')).body.version).toBe(v);
    const audit = await auditOf('settings', String(v));
    expect(audit.map((a) => [a.action, a.actorId])).toEqual([
      ['settings.publish', 'person-zhoulei'],
      ['settings.propose', 'person-linxue'],
    ]);
  });

  run('discards a proposal once, and rolls back only to a published version that differs', async () => {
    const { settings, version: current } = (await hr.get('/api/settings')).body;
    const doc = { ...settings, alignment: { ...settings.alignment, minScore: 42 } };
    const v = (await hr.post('/api/settings/proposals', { settings: doc, reason: '试试' })).body.version;
    expect((await hr.post(`/api/settings/versions/${v}/discard`, {})).body.status).toBe('discarded');
    expect((await hr.post(`/api/settings/versions/${v}/publish`, {})).body.code).toBe('not-a-proposal');
    const never = await hr.post('/api/settings/rollback', { toVersion: v, reason: '回退' });
    expect([never.status, never.body.code]).toEqual([409, 'never-published']);
    const same = await hr.post('/api/settings/rollback', { toVersion: current, reason: '回退' });
    expect([same.status, same.body.code]).toEqual([409, 'already-current']);
    const back = await hr.post('/api/settings/rollback', { toVersion: 1, reason: '回到默认' });
    expect(back.body).toMatchObject({ status: 'published', rollbackOf: 1, authorId: 'person-linxue' });
    expect(back.body.version).toBeGreaterThan(v);
    expect((await auditOf('settings', String(back.body.version))).map((a) => a.action)).toEqual([
      'settings.rollback',
    ]);
  });

  run('runs a pool on the version read: exact cents, stale versions named, a locked run frozen', async () => {
    expect((await sales.post('/api/pool-runs', { quarter: '2026-Q1' })).status).toBe(403);
    const bad = await hr.post('/api/pool-runs', { quarter: '2026-5' });
    expect([bad.status, bad.body.params.field]).toEqual([400, 'quarter']);
    const created = (await hr.post('/api/pool-runs', { quarter: '2026-Q1' })).body;
    const computed = (await hr.post(`/api/pool-runs/${created.id}/compute`, { version: 1 })).body;
    const cents = computed.result.allocations.reduce((s: number, a: { cents: number }) => s + a.cents, 0);
    expect(cents).toBe(computed.poolCents);
    expect(Number.isInteger(computed.poolCents)).toBe(true);
    const stale = await hr.post(`/api/pool-runs/${created.id}/approve`, { version: 1 });
    expect([stale.status, stale.body.code, stale.body.params]).toEqual([
      409,
      'stale-version',
      { sent: 1, stored: 2 },
    ]);
    for (const [step, version] of [
      ['approve', 2],
      ['release', 3],
      ['lock', 4],
    ] as const)
      expect((await hr.post(`/api/pool-runs/${created.id}/${step}`, { version })).status).toBe(200);
    const frozen = await hr.post(`/api/pool-runs/${created.id}/compute`, {});
    expect([frozen.status, frozen.body.code]).toEqual([409, 'run-locked']);
    expect((await hr.delete(`/api/pool-runs/${created.id}`)).body.code).toBe('run-locked');

    const audit = await auditOf('poolRun', created.id);
    expect(audit.map((a) => a.action).reverse()).toEqual([
      'pool.create',
      'pool.compute',
      'pool.approve',
      'pool.release',
      'pool.lock',
    ]);
    const mine = (await sales.get('/api/notifications')).body.filter(
      (n: { kind: string; subject: { poolRunId?: string } }) =>
        n.kind === 'pool.released' && n.subject.poolRunId === created.id,
    );
    expect(mine).toHaveLength(1);
    const statements = (await sales.get(`/api/pool-runs/${created.id}/statements`)).body;
    expect(statements.map((s: { personId: string }) => s.personId)).toEqual(['person-zhaomin']);
  });

  run('deletes a draft only at its version, audited', async () => {
    const draft = (await hr.post('/api/pool-runs', { quarter: '2026-Q2' })).body;
    await hr.post(`/api/pool-runs/${draft.id}/compute`, {});
    const stale = await hr.delete(`/api/pool-runs/${draft.id}?version=1`);
    expect([stale.status, stale.body.code]).toEqual([409, 'stale-version']);
    expect((await hr.delete(`/api/pool-runs/${draft.id}?version=2`)).body).toEqual({ ok: true });
    expect((await auditOf('poolRun', draft.id)).map((a) => a.action)).toEqual([
      'pool.delete',
      'pool.compute',
      'pool.create',
    ]);
  });
});
