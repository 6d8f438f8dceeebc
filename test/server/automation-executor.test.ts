// The pack's automation executor in the reference host, on SQLite and (DATABASE_URL set) PostgreSQL:
// raise through the pack's command as the system, stale-claim takeover, a channel that is not there.
import { AutomationExecutor } from '../../host/server/automations/executor.ts';
import { automationTick } from '../../host/server/automations/ticker.ts';
import { notifyServicesOf } from '../../host/server/schedules/notify-services.ts';
import { sqlRecords } from '../../host/server/storage/app-records.ts';
import { currentCycle, loadSnapshot } from '../../host/server/storage/queries.ts';
import { planEvent } from '../../plugin/automations/plan-event.ts';
import { recordsAutomationRuns } from '../../plugin/automations/records-runs.ts';
import type { AutomationEvent } from '../../plugin/automations/types.ts';
import { type Client, LOGINS, startServer, type TestServer } from './helpers.ts';

const document = {
  version: 1,
  automations: [
    {
      id: 'raise-on-raised',
      title: '升级即上报',
      enabled: true,
      trigger: 'escalation-raised',
      steps: [{ type: 'raise' }],
    },
    {
      id: 'owner-on-resolved',
      title: '解决后告诉负责人',
      enabled: true,
      trigger: 'escalation-resolved',
      steps: [
        { type: 'notify', to: [{ who: 'owner' }], inApp: true, message: { title: '已解决', text: '{kr}' } },
      ],
    },
    {
      id: 'robot-on-resolved',
      title: '解决后发到群',
      enabled: true,
      trigger: 'escalation-resolved',
      steps: [
        {
          type: 'notify',
          to: [{ who: 'owner' }],
          inApp: false,
          channelId: 'no-such-robot',
          message: { title: '已解决', text: '{kr}' },
        },
      ],
    },
    {
      id: 'reps-on-peer-review',
      title: '互评开启：告诉每位销售',
      enabled: true,
      trigger: 'peer-review-opened',
      steps: [
        {
          type: 'notify',
          to: [{ who: 'role', role: 'sales' }],
          inApp: true,
          message: { title: '同事互评已开启', text: '请按时提交' },
        },
      ],
    },
  ],
};
// The demo's one open escalation: 高静's KR in 华北, assigned to the region's manager 刘洋.
const about = { escalationId: 'esc-018', krId: 'kr-gaojing-2', month: '2026-06' };
const raised: AutomationEvent = {
  id: 'test:raised',
  trigger: 'escalation-raised',
  at: '2026-06-15',
  subject: about,
  params: {},
};
const resolved: AutomationEvent = { ...raised, id: 'test:resolved', trigger: 'escalation-resolved' };

const targets: [string, string | undefined][] = [
  ['SQLite', undefined],
  ...(process.env.DATABASE_URL ? [['PostgreSQL', process.env.DATABASE_URL] as [string, string]] : []),
];

describe.each(targets)('the automation executor of the reference host on %s', (_name, databaseUrl) => {
  let server: TestServer;
  let hr: Client;
  let clock = new Date('2026-06-15T08:00:00Z');
  let executor: AutomationExecutor;
  const snapshot = async () =>
    loadSnapshot(server.storage.db, (await currentCycle(server.storage.db, '2026-06-15'))!);
  const errors: unknown[] = [];

  beforeAll(async () => {
    server = await startServer({ ...(databaseUrl ? { databaseUrl } : {}) });
    hr = await server.login(LOGINS.hr);
    // A first rules run starts the automations' audit cursor (older audit rows are history).
    expect((await hr.post('/api/rules/run')).status).toBe(200);
    const proposed = await hr.post('/api/automations/proposals', { document, reason: '执行器测试' });
    expect(proposed.status, JSON.stringify(proposed.body)).toBe(201);
    expect((await hr.post(`/api/automations/versions/${proposed.body.version}/publish`)).status).toBe(200);
    await server.app.ctx.rules.idle();
    const ctx = server.app.ctx;
    executor = new AutomationExecutor({
      db: server.storage.db,
      now: () => clock,
      notifications: ctx.notifications,
      channels: () => notifyServicesOf(server.app, ctx),
      log: { error: (obj) => errors.push(obj) },
      retry: { baseDelayMs: 1000, maxAttempts: 3 },
    });
  });
  afterAll(() => server.close());

  it('tells every rep when HR opens the quarter’s peer review (a lifecycle event of the audit log)', async () => {
    const opened = await hr.post('/api/peer-review-windows', { quarter: '2026-Q2', closesOn: '2026-06-30' });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    await server.app.ctx.rules.idle();
    await automationTick(server.app.ctx);
    await automationTick(server.app.ctx);
    const told = await server.storage.db
      .selectFrom('notifications')
      .select('person_id')
      .where('kind', '=', 'automation.message')
      .where('params', 'like', '%同事互评已开启%')
      .execute();
    const reps = (await snapshot()).people.filter((p) => p.role === 'sales').map((p) => p.id);
    expect(told.map((n) => n.person_id).sort()).toEqual([...reps].sort());
  });

  it('raises the open escalation one level as the system, with its audit row, once', async () => {
    const db = server.storage.db;
    expect(await executor.handle([raised], await snapshot(), '2026-06-15')).toBe(1);
    expect(await executor.handle([raised], await snapshot(), '2026-06-15')).toBe(0);
    const escalation = await db
      .selectFrom('escalations')
      .selectAll()
      .where('id', '=', 'esc-018')
      .executeTakeFirstOrThrow();
    expect(escalation.assignee_id).toBe('person-wangjianguo');
    const audit = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'escalation.assign')
      .where('subject_id', '=', 'esc-018')
      .execute();
    expect(audit.map((a) => [a.actor_id, JSON.parse(a.after ?? '{}')])).toEqual([
      [
        'system',
        {
          assigneeId: 'person-wangjianguo',
          version: Number(escalation.version),
          automationId: 'raise-on-raised',
          step: 'raise',
        },
      ],
    ]);
    const told = await db
      .selectFrom('notifications')
      .select('kind')
      .where('person_id', '=', 'person-wangjianguo')
      .where('kind', '=', 'escalation.assigned')
      .execute();
    expect(told).toHaveLength(1);
  });

  it('takes over a claim a stopped process left pending, once; a missing channel fails at once with its reason', async () => {
    const db = server.storage.db;
    const runs = recordsAutomationRuns(sqlRecords(db));
    const [plan] = await planEvent(document as never, resolved, await snapshot(), '2026-06-15');
    const action = plan!.actions[0]!;
    // Another instance claimed the step and stopped before acting.
    expect(await runs.claim(action, resolved, new Date('2026-06-15T08:00:00Z'))).not.toBeNull();
    const inbox = () =>
      db
        .selectFrom('notifications')
        .select('kind')
        .where('person_id', '=', 'person-gaojing')
        .where('kind', '=', 'automation.message')
        .where('params', 'like', '%已解决%')
        .execute();
    clock = new Date('2026-06-15T08:04:00Z');
    expect((await executor.tick(await snapshot(), '2026-06-15')).retried).toBe(0); // its lease still runs
    clock = new Date('2026-06-15T08:06:00Z');
    const [stale] = await runs.due(clock, new Date(clock.getTime() - 5 * 60_000), 10);
    expect(stale?.key).toBe(action.key);
    expect((await executor.tick(await snapshot(), '2026-06-15')).retried).toBe(1);
    expect(await runs.take(stale!, clock)).toBe(false);
    expect((await executor.tick(await snapshot(), '2026-06-15')).retried).toBe(0);
    expect(await inbox()).toHaveLength(1);

    await executor.handle([resolved], await snapshot(), '2026-06-15');
    const rows = await db
      .selectFrom('automation_runs')
      .selectAll()
      .where('event_id', '=', 'test:resolved')
      .orderBy('run_key')
      .execute();
    expect(rows.map((r) => [r.automation_id, r.status, Number(r.attempts)])).toEqual([
      ['owner-on-resolved', 'done', 1],
      ['robot-on-resolved', 'failed', 1],
    ]);
    expect(rows[1]?.last_error).toBe(
      'automations: channel "no-such-robot" does not exist; choose a channel in the step',
    );
    const failed = (await hr.get('/api/automations/runs?status=failed')).body as {
      key: string;
      lastError: string;
    }[];
    expect(failed.map((r) => r.key)).toContain('test:resolved|robot-on-resolved|0');
    expect(errors).toHaveLength(1);
  });
});
