import { automationTick } from '../../host/server/automations/ticker.ts';
import defaults from '../../rules/automations.default.json' with { type: 'json' };
import { type Client, LOGINS, startServer, type TestServer } from './helpers.ts';

const BROKEN = {
  id: 'south-red-robot',
  title: '华南红灯：推送到区域群',
  enabled: true,
  trigger: 'calibration-red',
  conditions: { all: [{ fact: 'region', operator: 'equal', value: 'region-south' }] },
  // The channel was deleted after the automation was published: every attempt fails.
  steps: [
    {
      type: 'notify',
      to: [{ who: 'region-head' }],
      inApp: false,
      channelId: 'deleted-channel',
      message: { title: '{region} 红灯', text: '{owner} 的「{kr}」为{colour}' },
    },
  ],
};

// A step that fails after its last attempt is listed for HR in words and can be retried (audited).
describe('failed automation steps', { timeout: 60_000 }, () => {
  let server: TestServer;
  let hr: Client;
  let krTitle: string;
  let person: string;

  const runsOf = async (status?: string) =>
    (
      (await hr.get(`/api/automations/runs${status ? `?status=${status}` : ''}`)).body as {
        key: string;
        attempts: number;
      }[]
    ).filter((r) => r.key.endsWith(`|${BROKEN.id}|0`));
  let attempts: number;

  beforeAll(async () => {
    server = await startServer();
    hr = await server.login(LOGINS.hr);
    const document = { ...defaults, automations: [...defaults.automations, BROKEN] };
    const proposed = await hr.post('/api/automations/proposals', { document, reason: '华南红灯推送到群' });
    expect(proposed.status, JSON.stringify(proposed.body)).toBe(201);
    expect((await hr.post(`/api/automations/versions/${proposed.body.version}/publish`)).status).toBe(200);
    const south = await server.login(LOGINS.otherSales);
    const kr = (await south.get('/api/key-results/kr-zhengkai-1')).body;
    krTitle = kr.title;
    person = ((await hr.get('/api/people')).body as { id: string; name: string }[]).find(
      (p) => p.id === kr.ownerId,
    )!.name;
    const res = await south.put('/api/key-results/kr-zhengkai-1/check-ins/2026-06', {
      value: kr.baseline,
      confidence: 2,
    });
    expect(res.status).toBe(200);
    await server.app.ctx.rules.idle();
    // Each later attempt comes due after its backoff; the clock stands still, so the wait is cut short.
    for (let i = 0; i < 10 && (await runsOf('retrying')).length > 0; i++) {
      await server.storage.db
        .updateTable('automation_runs')
        .set({ next_attempt_at: '2000-01-01T00:00:00.000Z' })
        .where('automation_id', '=', BROKEN.id)
        .where('status', '=', 'retrying')
        .execute();
      await automationTick(server.app.ctx);
    }
    // However many attempts the executor makes of a missing channel, the step ends failed.
    const [run] = await runsOf('failed');
    attempts = run!.attempts;
    expect(attempts).toBeGreaterThan(0);
  });
  afterAll(() => server?.close());

  it('lists the step with its automation, event and subject in words, the error and the attempts', async () => {
    const res = await hr.get('/api/automations/failures');
    expect(res.status).toBe(200);
    expect(res.body.count).toBe(1);
    expect(res.body.runs).toEqual([
      {
        id: expect.any(String),
        automation: BROKEN.title,
        step: 1,
        kind: 'notify',
        trigger: 'calibration-red',
        eventAt: expect.any(String),
        person,
        kr: krTitle,
        region: '华南',
        month: '2026-06',
        error: expect.stringContaining('"deleted-channel" does not exist'),
        attempts,
        createdAt: expect.any(String),
      },
    ]);
    expect((await hr.get('/api/automations/failures/count')).body).toEqual({ count: 1 });
  });

  it('refuses the list and the retry to other roles, and changes nothing', async () => {
    const [failed] = (await hr.get('/api/automations/failures')).body.runs as { id: string }[];
    for (const login of [LOGINS.manager, LOGINS.sales, LOGINS.strategy]) {
      const other = await server.login(login);
      expect((await other.get('/api/automations/failures')).status).toBe(403);
      expect((await other.get('/api/automations/failures/count')).status).toBe(403);
      const retry = await other.post(`/api/automations/failures/${failed!.id}/retry`);
      expect([retry.status, retry.body.code]).toEqual([403, 'forbidden']);
    }
    expect((await hr.get('/api/automations/failures/count')).body).toEqual({ count: 1 });
  });

  it('HR retries it once: audited, the ticker runs it again with a fresh count', async () => {
    const [failed] = (await hr.get('/api/automations/failures')).body.runs as { id: string }[];
    const retry = await hr.post(`/api/automations/failures/${failed!.id}/retry`);
    expect(retry.status).toBe(200);
    const again = await hr.post(`/api/automations/failures/${failed!.id}/retry`);
    expect([again.status, again.body.code, again.body.params]).toEqual([
      404,
      'not-found',
      { what: 'failed-automation-step', id: failed!.id },
    ]);
    expect((await hr.get('/api/automations/failures/count')).body).toEqual({ count: 0 });
    const admin = await server.login(LOGINS.admin);
    const audit = (await admin.get('/api/audit?subjectType=automations')).body as {
      action: string;
      subjectId: string;
      actor: { name?: string };
      subjectName: string | null;
    }[];
    const row = audit.find((a) => a.action === 'automations.retry');
    expect(row).toMatchObject({ subjectId: failed!.id, actor: { name: '林雪' }, subjectName: BROKEN.title });

    expect(await runsOf('retrying')).toEqual([expect.objectContaining({ attempts: 0 })]);
    await automationTick(server.app.ctx);
    // The channel is still gone: the step ran once more and failed again.
    expect(await runsOf()).toEqual([
      expect.objectContaining({ attempts: 1, lastError: expect.stringContaining('deleted-channel') }),
    ]);
  });
});
