import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { caseStudySnapshot, demoAccounts } from '../../host/demo/case-study.ts';
import { buildApp } from '../../host/server/app.ts';
import { eventOfRuleRow } from '../../host/server/automations/lifecycle-events.ts';
import { automationTick } from '../../host/server/automations/ticker.ts';
import { notifyServicesOf } from '../../host/server/schedules/notify-services.ts';
import { seedIfEmpty } from '../../host/server/seed.ts';
import { openStorage, type Storage } from '../../host/server/storage/database.ts';
import { currentCycle, loadSnapshot } from '../../host/server/storage/queries.ts';
import defaults from '../../rules/automations.default.json' with { type: 'json' };
import { type Client, DEMO_NOW, LOGINS, startServer, type TestServer } from './helpers.ts';
import { RobotReceiver } from './notify-receiver.ts';

// The stand-in robot listens on 127.0.0.1, which webhooks may reach only when this is set.
process.env.OKR_WEBHOOK_ALLOW_PRIVATE = '1';

const withAutomation = (automation: unknown) => ({
  ...defaults,
  automations: [...defaults.automations, automation],
});

async function publish(hr: Client, document: unknown, reason: string) {
  const proposed = await hr.post('/api/automations/proposals', { document, reason });
  expect(proposed.status, JSON.stringify(proposed.body)).toBe(201);
  const published = await hr.post(`/api/automations/versions/${proposed.body.version}/publish`);
  expect(published.status).toBe(200);
  return published.body;
}

describe('automations in the reference host', () => {
  let server: TestServer;
  let hr: Client;
  let admin: Client;
  const receiver = new RobotReceiver();

  beforeAll(async () => {
    await receiver.start();
    server = await startServer();
    hr = await server.login(LOGINS.hr);
    admin = await server.login(LOGINS.admin);
    await hr.post('/api/rules/run');
  });
  afterAll(async () => {
    await server.close();
    await receiver.stop();
  });

  it('lets only hr and admin read and change automations, and refuses a bad document with its path', async () => {
    for (const login of [LOGINS.manager, LOGINS.sales, LOGINS.strategy]) {
      const other = await server.login(login);
      expect((await other.get('/api/automations')).status).toBe(403);
      expect(
        (await other.post('/api/automations/proposals', { document: defaults, reason: 'x' })).status,
      ).toBe(403);
      expect((await other.post('/api/automations/preview', { document: defaults })).status).toBe(403);
      expect((await other.get('/api/automations/runs?status=failed')).status).toBe(403);
    }
    const current = await hr.get('/api/automations');
    expect(current.body).toMatchObject({ version: 0, document: { automations: defaults.automations } });
    const bad = await hr.post('/api/automations/proposals', {
      document: withAutomation({
        id: 'x',
        title: 'x',
        enabled: true,
        trigger: 'kr-late',
        steps: [{ type: 'raise' }],
      }),
      reason: '试试',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('invalid-automations');
    expect(bad.body.issues).toContainEqual(
      expect.objectContaining({ code: 'unknown-trigger', path: 'automations[8].trigger' }),
    );
  });

  it('red in 华南 → the region head hears it through the channel once; a second rules run sends nothing again', async () => {
    const hook = await admin.post('/api/channels/webhooks', {
      regionId: 'region-south',
      platform: 'dingtalk',
      name: '华南群',
      url: receiver.robot('dingtalk', 'south'),
    });
    expect(hook.status).toBe(201);
    const version = await publish(
      hr,
      withAutomation({
        id: 'south-red',
        title: '华南红灯：通知区域负责人',
        enabled: true,
        trigger: 'calibration-red',
        conditions: { all: [{ fact: 'region', operator: 'equal', value: 'region-south' }] },
        steps: [
          {
            type: 'notify',
            to: [{ who: 'region-head' }],
            inApp: false,
            channelId: hook.body.id,
            message: { title: '{region} 红灯：{kr}', text: '{owner} 的「{kr}」{month} 为{colour}' },
          },
        ],
      }),
      '华南红灯要区域负责人马上知道',
    );
    expect(version.version).toBe(1);
    const audit = (await admin.get('/api/audit?subjectType=automations')).body as { action: string }[];
    expect(JSON.stringify(audit)).toContain('automations.publish');

    const south = await server.login(LOGINS.otherSales);
    const kr = (await south.get('/api/key-results/kr-zhengkai-1')).body;
    const res = await south.put('/api/key-results/kr-zhengkai-1/check-ins/2026-06', {
      value: kr.baseline,
      confidence: 2,
    });
    expect(res.status).toBe(200);
    await server.app.ctx.rules.idle();
    const { worker } = await notifyServicesOf(server.app, server.app.ctx);
    await worker.idle();
    await vi.waitFor(() => expect(receiver.callsTo('dingtalk', 'south')).toBe(1), { timeout: 5_000 });
    const [message] = receiver.received.filter((r) => r.path === '/dingtalk/south');
    expect(message?.problem).toBeNull();
    expect(message?.body.markdown?.title).toBe(`华南 红灯：${kr.title}`);
    expect(message?.body.markdown?.text).toContain(`「${kr.title}」2026-06 为红灯`);

    await hr.post('/api/rules/run');
    // The same event handed over again (a retry, another instance): its step key is stored, so nothing runs.
    const stored = await server.storage.db
      .selectFrom('rule_events')
      .selectAll()
      .where('type', '=', 'calibration-red')
      .where('dedup_key', 'like', '%kr-zhengkai-1%2026-06')
      .execute();
    expect(stored).toHaveLength(1);
    const cycle = await currentCycle(server.storage.db, '2026-06-15');
    const again = await server.app.ctx.rules.automations.handle(
      stored.map(eventOfRuleRow),
      await loadSnapshot(server.storage.db, cycle!),
      '2026-06-15',
    );
    expect(again).toBe(0);
    await worker.runDue();
    expect(receiver.callsTo('dingtalk', 'south')).toBe(1);
    const runs = (await hr.get('/api/automations/runs')).body as { key: string; status: string }[];
    expect(runs.filter((r) => r.key.endsWith('|south-red|0'))).toEqual([
      expect.objectContaining({ status: 'done' }),
    ]);
  });

  it('previews the last 90 days by region without sending, and dry-runs to the editor only', async () => {
    const before = (await (await server.login(LOGINS.otherManager)).get('/api/notifications')).body.length;
    const preview = await hr.post('/api/automations/preview', { document: defaults });
    expect(preview.status).toBe(200);
    expect(preview.body.runs).toBeGreaterThan(0);
    const red = preview.body.automations.find((a: { id: string }) => a.id === 'standard-calibration-red');
    expect(red.runs).toBe(red.byRegion.reduce((n: number, r: { runs: number }) => n + r.runs, 0));
    expect(red.byRegion.map((r: { region: string }) => r.region)).toContain('华南');
    const dry = await hr.post('/api/automations/dry-run', {
      document: defaults,
      automationId: 'standard-calibration-red',
    });
    expect(dry.status).toBe(200);
    expect(dry.body.sent).toBe(1);
    const mine = (await hr.get('/api/notifications')).body as { params: { dryRun?: boolean } }[];
    expect(mine.filter((n) => n.params.dryRun)).toHaveLength(1);
    expect((await (await server.login(LOGINS.otherManager)).get('/api/notifications')).body.length).toBe(
      before,
    );
  });

  it('rolls back to the shipped automations', async () => {
    const back = await hr.post('/api/automations/rollback', { toVersion: 0, reason: '恢复默认' });
    expect(back.status).toBe(200);
    expect(back.body).toMatchObject({ version: 2, rollbackOf: 0 });
    const versions = (await hr.get('/api/automations/versions')).body as {
      version: number;
      current: boolean;
      diff: { path: string }[];
    }[];
    expect(versions.map((v) => [v.version, v.current])).toEqual([
      [2, true],
      [1, false],
    ]);
    expect(versions[0]?.diff.map((d) => d.path)).toEqual(['south-red']);
  });
  it('a red check-in submitted in 华南 tells the region head in-app, with the words HR wrote', async () => {
    await publish(
      hr,
      withAutomation({
        id: 'south-red-check-in',
        title: '华南红灯校准：提醒区域负责人',
        enabled: true,
        trigger: 'checkin-submitted',
        conditions: {
          all: [
            { fact: 'region', operator: 'equal', value: 'region-south' },
            { fact: 'colour', operator: 'equal', value: 'red' },
          ],
        },
        steps: [
          {
            type: 'notify',
            to: [{ who: 'region-head' }],
            inApp: true,
            message: { title: '{owner} 提交了红灯校准', text: '{kr}（{month}）' },
          },
        ],
      }),
      '红灯校准当天就要知道',
    );
    const south = await server.login(LOGINS.otherSales);
    const head = await server.login(LOGINS.otherManager);
    const kr = (await south.get('/api/key-results/kr-zhengkai-2')).body;
    const mine = async () =>
      (
        (await head.get('/api/notifications')).body as {
          kind: string;
          params: { title: string; text: string };
        }[]
      ).filter((n) => n.kind === 'automation.message' && n.params.text.startsWith(kr.title));
    const green = await south.put('/api/key-results/kr-zhengkai-2/check-ins/2026-06', {
      value: kr.target,
      confidence: 8,
    });
    expect(green.status).toBe(200);
    await server.app.ctx.rules.idle();
    expect(await mine()).toEqual([]);
    const red = await south.put('/api/key-results/kr-zhengkai-2/check-ins/2026-06', {
      value: kr.baseline,
      confidence: 2,
    });
    expect(red.status).toBe(200);
    await server.app.ctx.rules.idle();
    expect((await mine()).map((n) => n.params)).toEqual([
      { title: '郑凯 提交了红灯校准', text: `${kr.title}（2026-06）` },
    ]);
  });
});

describe('a wait step survives a restart on the same SQLite file', () => {
  let dir: string;
  let clock = new Date(DEMO_NOW);
  const open = async (): Promise<{ storage: Storage; app: FastifyInstance }> => {
    const storage = await openStorage({ dataDir: dir });
    const app = await buildApp({ storage, now: () => clock, rulesDebounceMs: 10, evaluateInProcess: true });
    return { storage, app };
  };
  const login = async (app: FastifyInstance, name: string) => {
    const account = demoAccounts.find((a) => a.login === name)!;
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { login: name, password: account.password },
    });
    return String(res.headers['set-cookie']).split(';')[0]!;
  };
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'okr-automation-wait-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('waits three days, then tells the manager while the escalation is still open', async () => {
    let { storage, app } = await open();
    await seedIfEmpty(storage.db, caseStudySnapshot(), demoAccounts, clock, { demo: true });
    const hr = await login(app, LOGINS.hr);
    const post = (url: string, payload: unknown, cookie = hr) =>
      app.inject({ method: 'POST', url, payload: payload as object, headers: { cookie } });
    await post('/api/rules/run', {});
    const document = withAutomation({
      id: 'escalation-follow-up',
      title: '升级三天未解决：提醒上级',
      enabled: true,
      trigger: 'escalate',
      steps: [
        { type: 'wait', days: 3 },
        {
          type: 'notify',
          to: [{ who: 'manager' }],
          inApp: true,
          message: { title: '{kr} 升级已三天', text: '请跟进 {owner} 的升级事项' },
        },
      ],
    });
    const proposed = await post('/api/automations/proposals', { document, reason: '三天跟进' });
    expect((await post(`/api/automations/versions/${proposed.json().version}/publish`, {})).statusCode).toBe(
      200,
    );
    const sales = await login(app, LOGINS.sales);
    const kr = (
      await app.inject({ method: 'GET', url: '/api/key-results/kr-zhaomin-1', headers: { cookie: sales } })
    ).json();
    const checkIn = await app.inject({
      method: 'PUT',
      url: '/api/key-results/kr-zhaomin-1/check-ins/2026-06',
      payload: { value: kr.baseline, confidence: 2 },
      headers: { cookie: sales },
    });
    expect(checkIn.statusCode).toBe(200);
    await app.ctx.rules.idle();
    const waiting = await storage.db.selectFrom('automation_waits').selectAll().execute();
    expect(waiting).toEqual([expect.objectContaining({ status: 'waiting', due_date: '2026-06-18' })]);
    await app.close();
    await storage.close();

    clock = new Date('2026-06-19T08:00:00Z');
    ({ storage, app } = await open());
    const kinds = async () =>
      await storage.db
        .selectFrom('notifications')
        .select(['kind', 'person_id'])
        .where('kind', '=', 'automation.message')
        .execute();
    expect(await kinds()).toEqual([]);
    await automationTick(app.ctx);
    expect(await kinds()).toEqual([{ kind: 'automation.message', person_id: 'person-chenzhiqiang' }]);
    await automationTick(app.ctx);
    expect(await kinds()).toHaveLength(1);
    expect(
      (await storage.db.selectFrom('automation_waits').select('status').execute()).map((w) => w.status),
    ).toEqual(['resumed']);
    await app.close();
    await storage.close();
  });
});
