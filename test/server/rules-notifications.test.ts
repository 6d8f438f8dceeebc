import { type Client, LOGINS, startServer, type TestServer } from './helpers.ts';

interface Note {
  kind: string;
  subject: { krId?: string; month?: string };
  readAt: string | null;
  id: string;
}

describe('rules turn events into notifications for owner and manager, once', () => {
  let server: TestServer;
  let hr: Client;
  let sales: Client;
  let manager: Client;

  beforeAll(async () => {
    server = await startServer();
    hr = await server.login(LOGINS.hr);
    sales = await server.login(LOGINS.sales);
    manager = await server.login(LOGINS.manager);
  });
  afterAll(() => server.close());

  it('delivers new events once; a second run adds nothing', async () => {
    const first = await hr.post('/api/rules/run');
    expect(first.status).toBe(200);
    expect(first.body.events).toBeGreaterThan(0);
    expect(first.body.newEvents).toBe(first.body.events);
    expect(first.body.notifications).toBeGreaterThan(0);
    const second = await hr.post('/api/rules/run');
    expect(second.body).toMatchObject({ newEvents: 0, notifications: 0, escalationsOpened: 0 });
  });

  it('notifies the owner and the manager when a check-in turns a KR red, and opens an escalation', async () => {
    const kr = (await sales.get('/api/key-results/kr-zhaomin-1')).body;
    const res = await sales.put('/api/key-results/kr-zhaomin-1/check-ins/2026-05', {
      value: kr.baseline,
      confidence: 2,
    });
    expect(res.status).toBe(200);
    await server.app.ctx.rules.idle();
    const run = await hr.post('/api/rules/run');
    expect(run.body.newEvents).toBe(0); // the write already triggered the run

    const about = (n: Note) => n.subject.krId === 'kr-zhaomin-1' && n.subject.month === '2026-05';
    const mine = ((await sales.get('/api/notifications')).body as Note[]).filter(about);
    const managers = ((await manager.get('/api/notifications')).body as Note[]).filter(about);
    expect(mine.map((n) => n.kind)).toContain('rule.calibration-red');
    expect(managers.map((n) => n.kind)).toContain('rule.calibration-red');
    const others = (
      (await (await server.login(LOGINS.otherSales)).get('/api/notifications')).body as Note[]
    ).filter(about);
    expect(others).toEqual([]);

    const escalations = (await manager.get('/api/escalations?state=open')).body as {
      krId: string;
      month: string;
      reason: string;
      assigneeId: string;
    }[];
    expect(escalations).toContainEqual(
      expect.objectContaining({
        krId: 'kr-zhaomin-1',
        month: '2026-05',
        reason: 'red',
        assigneeId: 'person-chenzhiqiang',
      }),
    );
  });

  it('keeps one open escalation per KR while the problem lasts, and opens a new one after it is resolved', async () => {
    const kr = (await sales.get('/api/key-results/kr-zhaomin-1')).body;
    const red = async (month: string) => {
      const res = await sales.put(`/api/key-results/kr-zhaomin-1/check-ins/${month}`, {
        value: kr.baseline,
        confidence: 2,
      });
      expect(res.status).toBe(200);
      await server.app.ctx.rules.idle();
    };
    const escalationsOfKr = async () =>
      (
        (await manager.get('/api/escalations')).body as {
          id: string;
          krId: string;
          month: string;
          resolvedAt: string | null;
        }[]
      ).filter((e) => e.krId === 'kr-zhaomin-1');
    await red('2026-05');
    const before = await escalationsOfKr();
    const open = before.filter((e) => e.resolvedAt === null);
    expect(open).toHaveLength(1);
    await red('2026-06');
    expect(await escalationsOfKr()).toHaveLength(before.length);
    const resolved = await manager.post(`/api/escalations/${open[0]!.id}/resolve`, {
      resolution: '已协调资源',
    });
    expect(resolved.status).toBe(200);
    await hr.post('/api/rules/run');
    const after = await escalationsOfKr();
    expect(after.filter((e) => e.resolvedAt === null).map((e) => e.month)).toEqual(['2026-06']);
  });

  it('counts unread and marks read only the caller’s own notifications', async () => {
    const before = (await sales.get('/api/notifications/unread-count')).body.unread as number;
    expect(before).toBeGreaterThan(0);
    const [first] = (await sales.get('/api/notifications?unread=true')).body as Note[];
    expect((await manager.post(`/api/notifications/${first!.id}/read`)).status).toBe(404);
    expect((await sales.post(`/api/notifications/${first!.id}/read`)).status).toBe(200);
    expect((await sales.get('/api/notifications/unread-count')).body.unread).toBe(before - 1);
    expect((await sales.post('/api/notifications/read-all')).body.marked).toBe(before - 1);
    expect((await sales.get('/api/notifications/unread-count')).body.unread).toBe(0);
  });
});
