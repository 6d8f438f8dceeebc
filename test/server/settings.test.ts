import { type Client, LOGINS, type Loose, startServer, type TestServer } from './helpers.ts';

describe('settings: propose, preview, publish, versions, rollback', () => {
  let server: TestServer;
  let hr: Client;
  let admin: Client;

  beforeAll(async () => {
    server = await startServer();
    hr = await server.login(LOGINS.hr);
    admin = await server.login(LOGINS.admin);
  });
  afterAll(() => server.close());

  it('refuses an invalid document with every problem named, and a missing reason', async () => {
    const { body: current } = await hr.get('/api/settings');
    const bad = structuredClone(current.settings);
    bad.alignment.weights.linked = 90; // weights no longer add up to 100
    bad.calibration.amberMinPacePercent = 95; // above green
    const res = await hr.post('/api/settings/proposals', { settings: bad, reason: 'too much' });
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('invalid-settings');
    const paths = res.body.issues.map((i: { path: string }) => i.path).join(' ');
    expect(paths).toMatch(/alignment\.weights/);
    expect(paths).toMatch(/calibration/);
    expect(
      (await hr.post('/api/settings/proposals', { settings: current.settings, reason: '' })).status,
    ).toBe(400);
  });

  it('previews a change against current data before anything is published', async () => {
    const { body: current } = await hr.get('/api/settings');
    expect(current.version).toBe(1);
    const proposed = structuredClone(current.settings);
    proposed.alignment.minScore = 95;
    proposed.calibration.greenMinPacePercent = 100;
    proposed.calibration.amberMinPacePercent = 95;
    proposed.pool.ratePercent = 20;
    const preview = await hr.post('/api/settings/preview', { settings: proposed });
    expect(preview.status).toBe(200);
    expect(preview.body.changes).toEqual(
      expect.arrayContaining([
        { path: 'alignment.minScore', before: 60, after: 95 },
        { path: 'pool.ratePercent', before: 15, after: 20 },
      ]),
    );
    expect(preview.body.alignmentFlips.length).toBeGreaterThan(0);
    expect(
      preview.body.alignmentFlips.every(
        (f: { before: { aligned: boolean }; after: { aligned: boolean } }) =>
          f.before.aligned && !f.after.aligned,
      ),
    ).toBe(true);
    expect(preview.body.alignmentRate.after).toBeLessThan(preview.body.alignmentRate.before);
    expect(preview.body.colours.length).toBeGreaterThan(0);
    expect(preview.body.escalations.some((e: { change: string }) => e.change === 'opened')).toBe(true);
    expect(preview.body.poolShares.length).toBeGreaterThan(0);
    // Nothing changed yet.
    expect((await hr.get('/api/settings')).body.version).toBe(1);
  });

  it('publishes a proposal, lists versions with diffs, rolls back, and audits each step', async () => {
    const { body: current } = await hr.get('/api/settings');
    const proposed = structuredClone(current.settings);
    proposed.alerts.keyClientGapDays = 60;
    const proposal = await hr.post('/api/settings/proposals', {
      settings: proposed,
      reason: '大客户需要更密的联系',
    });
    expect(proposal.status).toBe(201);
    expect(proposal.body).toMatchObject({
      status: 'proposed',
      authorId: 'person-linxue',
      reason: '大客户需要更密的联系',
    });
    const v = proposal.body.version as number;

    const byVersion = await hr.post('/api/settings/preview', { version: v });
    expect(byVersion.body.changes).toEqual([{ path: 'alerts.keyClientGapDays', before: 90, after: 60 }]);

    expect((await hr.get('/api/settings')).body.settings.alerts.keyClientGapDays).toBe(90);
    const published = await admin.post(`/api/settings/versions/${v}/publish`);
    expect(published.body).toMatchObject({ status: 'published', publishedById: 'person-zhoulei' });
    expect((await hr.get('/api/settings')).body).toMatchObject({
      version: v,
      settings: { alerts: { keyClientGapDays: 60 } },
    });
    expect((await admin.post(`/api/settings/versions/${v}/publish`)).status).toBe(409);

    const versions = (await hr.get('/api/settings/versions')).body as {
      version: number;
      current: boolean;
      diff: unknown[];
    }[];
    expect(versions[0]).toMatchObject({
      version: v,
      current: true,
      diff: [{ path: 'alerts.keyClientGapDays', before: 90, after: 60 }],
    });

    const rolled = await hr.post('/api/settings/rollback', { toVersion: 1, reason: '回到默认值' });
    expect(rolled.body).toMatchObject({ status: 'published', rollbackOf: 1 });
    expect((await hr.get('/api/settings')).body).toMatchObject({
      version: rolled.body.version,
      settings: { alerts: { keyClientGapDays: 90 } },
    });
    expect((await hr.post('/api/settings/rollback', { toVersion: 1, reason: 'again' })).status).toBe(409);

    const audit = (await hr.get('/api/audit?subjectType=settings')).body as {
      action: string;
      actorId: string;
      before: Loose;
      after: Loose;
    }[];
    expect(audit.map((a) => a.action).slice(0, 3)).toEqual([
      'settings.rollback',
      'settings.publish',
      'settings.propose',
    ]);
    expect(audit[1]).toMatchObject({
      actorId: 'person-zhoulei',
      before: { version: 1 },
      after: { version: v },
    });
    expect(audit[1]?.before.settings.alerts.keyClientGapDays).toBe(90);
    expect(audit[1]?.after.settings.alerts.keyClientGapDays).toBe(60);
  });

  it('keeps settings changes to hr and admin', async () => {
    const manager = await server.login(LOGINS.manager);
    const { body: current } = await manager.get('/api/settings');
    expect(
      (await manager.post('/api/settings/proposals', { settings: current.settings, reason: 'x' })).status,
    ).toBe(403);
    expect((await manager.post('/api/settings/rollback', { toVersion: 1, reason: 'x' })).status).toBe(403);
  });
});
