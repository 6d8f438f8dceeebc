import { boardOf } from '../../plugin/sdk/index.ts';
import { type Client, LOGINS, startServer, type TestServer } from './helpers.ts';

describe('key results, links, check-ins and escalations over HTTP', () => {
  let server: TestServer;
  let sales: Client;
  let manager: Client;
  let otherSales: Client;

  beforeAll(async () => {
    server = await startServer();
    sales = await server.login(LOGINS.sales);
    manager = await server.login(LOGINS.manager);
    otherSales = await server.login(LOGINS.otherSales);
  });
  afterAll(() => server.close());

  const newKr = (title: string) => ({
    cycleId: 'cycle-2026-h1',
    ownerType: 'person',
    ownerId: 'person-zhaomin',
    title,
    metric: 'number',
    baseline: 0,
    target: 10,
    unit: '家',
    focusTags: ['new-energy'],
  });

  it('creates, reads, updates and deletes a KR', async () => {
    const created = await sales.post('/api/key-results', newKr('新签储能客户 10 家'));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ title: '新签储能客户 10 家', version: 1, links: [] });
    const id = created.body.id as string;

    expect((await sales.get(`/api/key-results/${id}`)).body.title).toBe('新签储能客户 10 家');
    const list = await sales.get('/api/key-results');
    expect(list.body.map((k: { id: string }) => k.id)).toContain(id);

    const updated = await sales.patch(`/api/key-results/${id}`, {
      version: 1,
      target: 12,
      targetReason: '客户需求上升',
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ target: 12, version: 2 });
    expect(updated.body.targetHistory).toEqual([
      expect.objectContaining({ previousTarget: 10, newTarget: 12, reason: '客户需求上升' }),
    ]);

    const noReason = await sales.patch(`/api/key-results/${id}`, { version: 2, target: 20 });
    expect(noReason.status).toBe(400);
    expect(noReason.body.message).toMatch(/targetReason/);

    // Deleting is a manager's call, with the version the manager saw.
    expect((await sales.delete(`/api/key-results/${id}?version=2`)).status).toBe(403);
    expect((await manager.delete(`/api/key-results/${id}?version=1`)).status).toBe(409);
    expect((await manager.delete(`/api/key-results/${id}?version=2`)).status).toBe(200);
    expect((await sales.get(`/api/key-results/${id}`)).status).toBe(404);
  });

  it('refuses a stale KR write with 409 and the current row', async () => {
    const { body: kr } = await sales.post('/api/key-results', newKr('stale test'));
    const first = await sales.patch(`/api/key-results/${kr.id}`, { version: 1, title: 'first writer' });
    expect(first.status).toBe(200);
    const second = await manager.patch(`/api/key-results/${kr.id}`, { version: 1, title: 'second writer' });
    expect(second.status).toBe(409);
    expect(second.body.error).toBe('stale-version');
    expect(second.body.current).toMatchObject({ id: kr.id, title: 'first writer', version: 2 });
    expect((await sales.get(`/api/key-results/${kr.id}`)).body.title).toBe('first writer');
  });

  it('publishes committed changes to the cycle board', async () => {
    const seen: { type: string; version?: number }[] = [];
    const off = server.app.ctx.bus.subscribe(boardOf('cycle-2026-h1'), (m) => seen.push(m));
    const { body: kr } = await sales.post('/api/key-results', newKr('board test'));
    await sales.patch(`/api/key-results/${kr.id}`, { version: 1, title: 'board test 2' });
    await sales.patch(`/api/key-results/${kr.id}`, { version: 1, title: 'stale, not published' });
    off();
    // The new scores and colours the evaluation pushes after each write are not records.
    expect(seen.filter((m) => m.type !== 'keyResult.evaluated').map((m) => [m.type, m.version])).toEqual([
      ['keyResult.saved', 1],
      ['keyResult.saved', 2],
    ]);
  });

  it('stores HTML and script in titles as plain text', async () => {
    const title = '<script>alert("x")</script><img src=x onerror=alert(1)> & "quotes"';
    const { body: kr, headers } = await sales.post('/api/key-results', newKr(title));
    expect(headers.get('content-type')).toMatch(/application\/json/);
    expect(headers.get('x-content-type-options')).toBe('nosniff');
    expect(kr.title).toBe(title);
    expect((await sales.get(`/api/key-results/${kr.id}`)).body.title).toBe(title);
    const row = await server.storage.db
      .selectFrom('key_results')
      .select('title')
      .where('id', '=', kr.id)
      .executeTakeFirstOrThrow();
    expect(row.title).toBe(title);
  });

  it('creates, updates and removes links with their own versions, audited', async () => {
    const { body: kr } = await sales.post('/api/key-results', newKr('link test'));
    const path = `/api/key-results/${kr.id}/links/obj-new-energy`;
    const created = await sales.put(path, { weight: 60 });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      krId: kr.id,
      objectiveId: 'obj-new-energy',
      weight: 60,
      version: 1,
    });

    const again = await sales.put(path, { weight: 70 });
    expect(again.status).toBe(409);
    expect(again.body.current).toMatchObject({ weight: 60, version: 1 });

    expect((await sales.put(path, { weight: 80, version: 1 })).body).toMatchObject({
      weight: 80,
      version: 2,
    });
    const stale = await manager.put(path, { weight: 10, version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.current).toMatchObject({ weight: 80, version: 2 });

    expect((await sales.get(`/api/key-results/${kr.id}`)).body.links).toEqual([
      expect.objectContaining({ objectiveId: 'obj-new-energy', weight: 80 }),
    ]);
    expect((await sales.delete(`${path}?version=1`)).status).toBe(409);
    expect((await sales.delete(`${path}?version=2`)).status).toBe(200);
    expect((await sales.get(`/api/key-results/${kr.id}`)).body.links).toEqual([]);

    const hr = await server.login(LOGINS.hr);
    const audit = await hr.get(`/api/audit?subjectType=link&subjectId=${kr.id}:obj-new-energy`);
    expect(audit.body.map((a: { action: string }) => a.action)).toEqual([
      'link.delete',
      'link.update',
      'link.create',
    ]);
    expect(audit.body[1]).toMatchObject({
      actorId: 'person-zhaomin',
      before: { weight: 60 },
      after: { weight: 80 },
    });
  });

  it('lets a rep check in on their own KR only', async () => {
    const body = {
      value: 4,
      confidence: 7,
      selfColour: 'amber',
      blockers: '缺少技术支持',
      resourceRequest: { kind: 'technical-support', detail: '需要售前' },
    };
    const created = await sales.put('/api/key-results/kr-zhaomin-1/check-ins/2026-06', body);
    expect([200, 201]).toContain(created.status);
    expect(created.body).toMatchObject({ krId: 'kr-zhaomin-1', month: '2026-06', value: 4 });
    const updated = await sales.put('/api/key-results/kr-zhaomin-1/check-ins/2026-06', { ...body, value: 5 });
    expect(updated.status).toBe(200);
    expect(updated.body.id).toBe(created.body.id);

    expect((await otherSales.put('/api/key-results/kr-zhaomin-1/check-ins/2026-06', body)).status).toBe(403);
    expect((await sales.put('/api/key-results/kr-zhaomin-1/check-ins/2027-01', body)).status).toBe(400);

    const mine = await sales.get('/api/check-ins?month=2026-06');
    expect(mine.body.every((c: { krId: string }) => c.krId.startsWith('kr-zhaomin'))).toBe(true);
    const theirs = await otherSales.get('/api/check-ins?krId=kr-zhaomin-1');
    expect(theirs.body).toEqual([]);
  });

  it('raises, assigns and resolves an escalation', async () => {
    // Not kr-zhaomin-1: its red check-in above has the rules open an escalation for it already.
    const raised = await sales.post('/api/escalations', {
      krId: 'kr-zhaomin-2',
      month: '2026-06',
      reason: 'blocker',
      detail: '等待报价审批',
    });
    expect(raised.status).toBe(201);
    expect(raised.body).toMatchObject({
      raisedById: 'person-zhaomin',
      assigneeId: 'person-chenzhiqiang',
      resolvedAt: null,
    });
    const id = raised.body.id as string;

    expect((await sales.post(`/api/escalations/${id}/assign`, { assigneeId: 'person-linxue' })).status).toBe(
      403,
    );
    expect(
      (await manager.post(`/api/escalations/${id}/assign`, { assigneeId: 'person-linxue' })).body.assigneeId,
    ).toBe('person-linxue');
    expect((await otherSales.post(`/api/escalations/${id}/resolve`, { resolution: 'no' })).status).toBe(403);
    const hr = await server.login(LOGINS.hr);
    const resolved = await hr.post(`/api/escalations/${id}/resolve`, { resolution: '已协调售前支持' });
    expect(resolved.status).toBe(200);
    expect(resolved.body.resolvedAt).toBe('2026-06-15T08:00:00.000Z');
    expect((await manager.post(`/api/escalations/${id}/resolve`, { resolution: 'again' })).status).toBe(409);

    const open = await sales.get('/api/escalations?state=resolved');
    expect(open.body.map((e: { id: string }) => e.id)).toContain(id);
    const notifications = await hr.get('/api/notifications');
    expect(notifications.body.map((n: { kind: string }) => n.kind)).toContain('escalation.assigned');
  });

  it('lets strategy own objectives and nobody else', async () => {
    const strategy = await server.login(LOGINS.strategy);
    const body = { cycleId: 'cycle-2026-h1', title: '数字化服务', focusTags: ['digital'], weight: 1 };
    expect((await sales.post('/api/objectives', body)).status).toBe(403);
    expect((await manager.post('/api/objectives', body)).status).toBe(403);
    const created = await strategy.post('/api/objectives', body);
    expect(created.status).toBe(201);
    const patched = await strategy.patch(`/api/objectives/${created.body.id}`, { version: 1, weight: 2 });
    expect(patched.body).toMatchObject({ weight: 2, version: 2 });
    expect(
      (await strategy.patch(`/api/objectives/${created.body.id}`, { version: 1, weight: 3 })).status,
    ).toBe(409);
    expect((await strategy.delete('/api/objectives/obj-new-energy')).status).toBe(409);
    expect((await strategy.delete(`/api/objectives/${created.body.id}`)).status).toBe(200);
  });
});
