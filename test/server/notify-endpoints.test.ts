import { LOGINS, startServer, type TestServer } from './helpers.ts';
import { RobotReceiver } from './notify-receiver.ts';

// The stand-in robots listen on 127.0.0.1, which webhooks may reach only when this is set.
process.env.OKR_WEBHOOK_ALLOW_PRIVATE = '1';

describe('channel and schedule endpoints', () => {
  let server: TestServer;
  const receiver = new RobotReceiver();

  beforeAll(async () => {
    server = await startServer();
    await receiver.start();
  });
  afterAll(async () => {
    await server.close();
    await receiver.stop();
  });

  it('lets only the admin configure robots, and never returns a secret or token in full', async () => {
    const admin = await server.login(LOGINS.admin);
    const secret = 'SECa1b2c3d4e5f6g7h8-full-secret';
    const created = await admin.post('/api/channels/webhooks', {
      regionId: 'region-east',
      platform: 'dingtalk',
      name: '华东群',
      url: receiver.robot('dingtalk', 'east', { secret, query: '?access_token=token-0123456789abcdef' }),
      secret,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      platform: 'dingtalk',
      hasSecret: true,
      secret: '••••cret',
      enabled: true,
      version: 1,
    });
    const listed = await admin.get('/api/channels/webhooks');
    const text = JSON.stringify(listed.body);
    expect(text).not.toContain('full-secret');
    expect(text).not.toContain('token-0123456789abcdef');
    expect(listed.body[0].url).toContain('access_token=••••cdef');

    const manager = await server.login(LOGINS.manager);
    expect((await manager.get('/api/channels/webhooks')).status).toBe(403);
    expect(
      (
        await manager.post('/api/channels/webhooks', {
          platform: 'wecom',
          name: 'x',
          url: 'https://example.com/x',
        })
      ).status,
    ).toBe(403);
  });

  it('refuses an unknown region, a bad address and a stale version', async () => {
    const admin = await server.login(LOGINS.admin);
    expect(
      (
        await admin.post('/api/channels/webhooks', {
          regionId: 'nowhere',
          platform: 'wecom',
          name: 'x',
          url: 'https://example.com/x',
        })
      ).status,
    ).toBe(404);
    const bad = await admin.post('/api/channels/webhooks', {
      platform: 'wecom',
      name: 'x',
      url: 'ftp://example.com/x',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/https/);
    const hook = (await admin.get('/api/channels/webhooks')).body[0];
    expect(
      (await admin.patch(`/api/channels/webhooks/${hook.id}`, { version: hook.version, name: '华东销售群' }))
        .body.version,
    ).toBe(2);
    expect(
      (await admin.patch(`/api/channels/webhooks/${hook.id}`, { version: 1, name: 'again' })).status,
    ).toBe(409);
  });

  it('sends a signed test message, and reports a robot that refuses', async () => {
    const admin = await server.login(LOGINS.admin);
    const hook = (await admin.get('/api/channels/webhooks')).body[0];
    const ok = await admin.post(`/api/channels/webhooks/${hook.id}/test`);
    expect(ok.body).toEqual({ ok: true, error: null });
    const got = receiver.received.at(-1)!;
    expect(got.problem).toBeNull();
    expect(got.body.markdown?.title).toBe('OKR Align 测试消息');

    const down = await admin.post('/api/channels/webhooks', {
      platform: 'wecom',
      name: 'down',
      url: receiver.robot('wecom', 'down', { behaviour: 'always-fail' }),
    });
    const failed = await admin.post(`/api/channels/webhooks/${down.body.id}/test`);
    expect(failed.body.ok).toBe(false);
    expect(failed.body.error).toMatch(/HTTP 500/);
    expect((await admin.delete(`/api/channels/webhooks/${down.body.id}`)).status).toBe(200);
    expect((await admin.post(`/api/channels/webhooks/${down.body.id}/test`)).status).toBe(404);
  });

  it('serves the schedule document to hr, validates and versions changes', async () => {
    const hr = await server.login(LOGINS.hr);
    const current = await hr.get('/api/schedules');
    expect(current.body).toMatchObject({
      version: 0,
      document: { timeZone: 'Asia/Shanghai', calibrationReminder: { managerFollowUpDays: 2 } },
    });
    const schema = await hr.get('/api/schedules/schema');
    expect(schema.body.properties.calibrationReminder.properties.dayOfMonth['x-i18n']['en-US'].title).toBe(
      'Reminder day',
    );

    const bad = structuredClone(current.body.document);
    bad.dailyAlerts.time = '8:30pm';
    const refused = await hr.put('/api/schedules', { document: bad, reason: 'try', baseVersion: 0 });
    expect(refused.status).toBe(400);
    expect(refused.body.issues.map((i: { path: string }) => i.path)).toContain('/dailyAlerts/time');

    const next = structuredClone(current.body.document);
    next.calibrationReminder.dayOfMonth = 2;
    const saved = await hr.put('/api/schedules', {
      document: next,
      reason: '校准会改到 2 号',
      baseVersion: 0,
    });
    expect(saved.status).toBe(200);
    expect(saved.body.version).toBe(1);
    expect((await hr.get('/api/schedules')).body.document.calibrationReminder.dayOfMonth).toBe(2);
    expect((await hr.get('/api/schedules/versions')).body).toHaveLength(1);

    const upcoming = await hr.get('/api/schedules/upcoming?days=20');
    expect(
      upcoming.body.some(
        (o: { scheduleId: string; localDate: string }) =>
          o.scheduleId === 'kickoff' && o.localDate === '2026-06-24',
      ),
    ).toBe(true);

    const sales = await server.login(LOGINS.sales);
    expect((await sales.put('/api/schedules', { document: next, reason: 'x', baseVersion: 1 })).status).toBe(
      403,
    );
  });

  it('runs what is due on request and shows the deliveries to the admin', async () => {
    const hr = await server.login(LOGINS.hr);
    const ran = await hr.post('/api/schedules/run');
    expect(ran.status).toBe(200);
    // 2026-06-15 16:00 in Shanghai: the daily alerts of the day are due.
    expect(ran.body.runs.map((r: { scheduleId: string }) => r.scheduleId)).toContain('daily-alerts');
    const admin = await server.login(LOGINS.admin);
    const deliveries = await admin.get('/api/channels/deliveries?channel=in-app');
    expect(deliveries.body.length).toBeGreaterThan(0);
    expect(deliveries.body.every((d: { status: string }) => d.status === 'sent')).toBe(true);
    // The same process does not plan a finished occurrence again; another process would claim nothing (schedule-idempotency).
    const again = await hr.post('/api/schedules/run');
    expect(again.body.runs).toEqual([]);
  });
});
