import {
  assignEscalation,
  commentOnEscalation,
  raiseEscalation,
  resolveEscalation,
} from '../../plugin/app/commands/escalations.ts';
import { createKeyResult } from '../../plugin/app/commands/key-results.ts';
import type { StoredEscalation } from '../../plugin/app/ports.ts';
import { escalationComments } from '../../plugin/app/queries/escalations.ts';
import type { HostUser } from '../../plugin/sdk/index.ts';
import { type Client, LOGINS, startServer, type TestServer } from '../server/helpers.ts';
import { auditActions, DATABASES, refusalOf, run, userOf } from './run-as.ts';

// Raise, assign, comment on and resolve an escalation, through runCommand on the reference host's
// Records and through its routes.
describe.each(DATABASES)('escalation commands on %s', (name, databaseUrl) => {
  const skip = name === 'postgres' && !databaseUrl;
  let server: TestServer;
  let manager: Client;
  const as: Record<string, HostUser> = {};
  /** A KR of zhaomin's without escalations, made per test. */
  const freshKr = async () =>
    (
      await run(server, as.zhaomin!, createKeyResult, {
        cycleId: 'cycle-2026-h1',
        ownerType: 'person',
        ownerId: 'person-zhaomin',
        title: '储能项目回款',
        metric: 'number',
        baseline: 0,
        target: 5,
      })
    ).id;
  const raise = (krId: string, by = as.zhaomin!) =>
    run(server, by, raiseEscalation, { krId, month: '2026-05', reason: 'blocker', detail: '缺少样机' });

  beforeAll(async () => {
    if (skip) return;
    server = await startServer({ databaseUrl });
    manager = await server.login(LOGINS.manager);
    for (const [key, person] of Object.entries({
      zhaomin: 'person-zhaomin',
      sunhao: 'person-sunhao',
      chen: 'person-chenzhiqiang',
      south: 'person-huangweiming',
      hr: 'person-linxue',
      strategy: 'person-wangjianguo',
    }))
      as[key] = await userOf(server, person);
  });
  afterAll(() => server?.close());
  const test = skip ? it.skip : it;

  test('raises to the owner’s manager, once per KR while it is open, and notifies them', async () => {
    const krId = await freshKr();
    const raised = await raise(krId);
    expect([raised.raisedById, raised.assigneeId, raised.version]).toEqual([
      'person-zhaomin',
      'person-chenzhiqiang',
      1,
    ]);
    expect(await refusalOf(raise(krId))).toEqual({
      status: 409,
      code: 'escalation-open',
      params: { id: raised.id },
    });
    const notes = (await manager.get('/api/notifications')).body as {
      kind: string;
      subject: { krId: string };
    }[];
    expect(notes).toContainEqual(
      expect.objectContaining({ kind: 'escalation.raised', subject: expect.objectContaining({ krId }) }),
    );
    expect((await auditActions(server, 'escalation', raised.id)).map((a) => a.action)).toEqual([
      'escalation.raise',
    ]);
  });

  test('refuses an unknown KR, a month outside the cycle and callers who may not write the KR', async () => {
    const krId = await freshKr();
    expect(await refusalOf(raise('kr-nobody'))).toEqual({
      status: 404,
      code: 'not-found',
      params: { what: 'key-result', id: 'kr-nobody' },
    });
    const later = run(server, as.zhaomin!, raiseEscalation, { krId, month: '2099-01', reason: 'red' });
    expect(await refusalOf(later)).toMatchObject({ status: 400, code: 'month-outside-cycle' });
    for (const who of ['sunhao', 'south', 'strategy'])
      expect((await refusalOf(raise(krId, as[who]))).status, who).toBe(403);
  });

  test('assigns only to a person who may act on it, as a compare-and-set on the version', async () => {
    const e = await raise(await freshKr());
    const assign = (assigneeId: string, version?: number, by = as.chen!) =>
      run(server, by, assignEscalation, { id: e.id, assigneeId, ...(version ? { version } : {}) });
    expect(await refusalOf(assign('person-nobody'))).toEqual({
      status: 400,
      code: 'unknown-assignee',
      params: { id: 'person-nobody' },
    });
    expect((await refusalOf(assign('person-sunhao'))).code).toBe('not-an-assignee');
    expect((await refusalOf(assign('person-linxue', 1, as.zhaomin))).status).toBe(403);
    const toHr = await assign('person-linxue', 1);
    expect([toHr.assigneeId, toHr.version]).toEqual(['person-linxue', 2]);
    expect(await refusalOf(assign('person-zhoulei', 1))).toEqual({
      status: 409,
      code: 'stale-version',
      params: { sent: 1, stored: 2 },
    });
    const audit = await auditActions(server, 'escalation', e.id);
    expect(audit.map((a) => a.action)).toEqual(['escalation.raise', 'escalation.assign']);
    expect([audit[1]!.before.assigneeId, audit[1]!.after.assigneeId]).toEqual([
      'person-chenzhiqiang',
      'person-linxue',
    ]);
  });

  test('keeps a comment thread among the owner, the assignee and managers', async () => {
    const e = await raise(await freshKr());
    const say = (who: string, text: string) => run(server, as[who]!, commentOnEscalation, { id: e.id, text });
    await say('zhaomin', '样机下周到货吗？');
    await say('chen', '已协调，周三到');
    expect((await refusalOf(say('strategy', '关注'))).status).toBe(403);
    expect((await refusalOf(say('sunhao', '我也想知道'))).status).toBe(403);
    const thread = await run(server, as.zhaomin!, escalationComments, { id: e.id });
    // The test clock stands still, so both share one instant: the thread is ordered by time, then id.
    expect(thread.comments.map((c) => [c.authorId, c.text]).sort()).toEqual([
      ['person-chenzhiqiang', '已协调，周三到'],
      ['person-zhaomin', '样机下周到货吗？'],
    ]);
    expect(thread.canComment).toBe(true);
    expect((await refusalOf(run(server, as.sunhao!, escalationComments, { id: e.id }))).status).toBe(403);
    const http = await manager.post(`/api/escalations/${e.id}/comments`, { text: '' });
    expect([http.status, http.body.params.field]).toEqual([400, 'text']);
    const audit = await auditActions(server, 'escalation', e.id);
    expect(audit.filter((a) => a.action === 'escalation.comment').map((a) => a.actorId)).toEqual([
      'person-zhaomin',
      'person-chenzhiqiang',
    ]);
    expect(thread.comments.map((c) => c.id)).toEqual(thread.comments.map((c) => c.id).sort());
  });

  test('resolves once: the assignee or the region’s manager, then it is closed to changes', async () => {
    const e = await raise(await freshKr());
    const resolve = (who: string, extra: Record<string, unknown> = {}) =>
      run(server, as[who]!, resolveEscalation, { id: e.id, resolution: '已协调资源', ...extra });
    expect((await refusalOf(resolve('zhaomin'))).status).toBe(403);
    expect(await refusalOf(resolve('chen', { version: 7 }))).toMatchObject({
      status: 409,
      code: 'stale-version',
    });
    const done: StoredEscalation = await resolve('chen');
    expect([done.resolvedAt, done.version]).toEqual(['2026-06-15T08:00:00.000Z', 2]);
    expect((await refusalOf(resolve('chen'))).code).toBe('resolved');
    const late = run(server, as.zhaomin!, commentOnEscalation, { id: e.id, text: '谢谢' });
    expect((await refusalOf(late)).code).toBe('resolved');
    const again = await raise(e.krId);
    expect(again.id).not.toBe(e.id);
  });

  test('answers a race of two resolvers with one success and one 409', async () => {
    const e = await raise(await freshKr());
    const results = await Promise.all(
      ['chen', 'chen'].map((who) =>
        refusalOf(run(server, as[who]!, resolveEscalation, { id: e.id, resolution: `by ${who}` })),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([0, 409]);
    expect(['resolved', 'stale-version']).toContain(results.find((r) => r.status === 409)!.code);
    const audit = await auditActions(server, 'escalation', e.id);
    expect(audit.filter((a) => a.action === 'escalation.resolve')).toHaveLength(1);
  });

  test('raises, assigns, comments on and resolves nothing in a locked cycle', async () => {
    const krId = await freshKr();
    const open = await raise(await freshKr());
    const admin = await server.login(LOGINS.admin);
    expect((await admin.post('/api/cycles/cycle-2026-h1/lock', { locked: true })).status).toBe(200);
    try {
      expect(await refusalOf(raise(krId))).toMatchObject({ status: 409, code: 'cycle-locked' });
      for (const attempt of [
        () => run(server, as.chen!, assignEscalation, { id: open.id, assigneeId: 'person-linxue' }),
        () => run(server, as.chen!, commentOnEscalation, { id: open.id, text: '锁定后还能说话吗' }),
        () => run(server, as.chen!, resolveEscalation, { id: open.id, resolution: '锁定后关闭' }),
      ])
        expect(await refusalOf(attempt())).toMatchObject({ status: 409, code: 'cycle-locked' });
      const audit = await auditActions(server, 'escalation', open.id);
      expect(audit.map((a) => a.action)).toEqual(['escalation.raise']);
    } finally {
      await admin.post('/api/cycles/cycle-2026-h1/lock', { locked: false });
    }
  });
});
