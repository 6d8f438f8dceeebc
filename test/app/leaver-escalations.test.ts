import { assignEscalation, raiseEscalation } from '../../plugin/app/commands/escalations.ts';
import { createKeyResult } from '../../plugin/app/commands/key-results.ts';
import { leavePerson } from '../../plugin/app/commands/people-changes.ts';
import { escalationAssigneesOf } from '../../plugin/app/queries/escalations.ts';
import type { HostUser } from '../../plugin/sdk/index.ts';
import { startServer, type TestServer } from '../server/helpers.ts';
import { auditActions, DATABASES, refusalOf, run, userOf } from './run-as.ts';

// person.leave hands over the leaver's part in open escalations too (plugin/app/commands/people-changes.ts):
// to the successor, else to the leaver's manager; one audit row each; the new assignee is told.
describe.each(DATABASES)('a leaver’s open escalations on %s', (name, databaseUrl) => {
  let server: TestServer;
  let hr: HostUser;
  const skip = name === 'postgres' && !databaseUrl;
  const test = skip ? it.skip : it;

  beforeAll(async () => {
    if (skip) return;
    server = await startServer({ databaseUrl });
    hr = await userOf(server, 'person-linxue');
  });
  afterAll(() => server?.close());

  const escalation = (id: string) =>
    server.storage.db
      .selectFrom('escalations')
      .select(['assignee_id', 'raised_by_id', 'version', 'resolved_at'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
  const notified = async (personId: string, escalationId: string) =>
    (
      await server.storage.db
        .selectFrom('notifications')
        .select(['kind', 'subject'])
        .where('person_id', '=', personId)
        .where('kind', '=', 'escalation.assigned')
        .execute()
    ).filter((n) => JSON.parse(n.subject).escalationId === escalationId).length;
  const leave = (id: string, krs: 'successor' | 'archive', successorId?: string) =>
    run(server, hr, leavePerson, {
      id,
      on: '2026-06-20',
      reason: '个人原因离职',
      krs,
      ...(successorId ? { successorId } : {}),
    });

  test('a rep who leaves: what they raised goes to the successor, the assignee stays', async () => {
    // esc-018: raised by gaojing on kr-gaojing-2, assigned to her manager liuyang.
    expect(await escalation('esc-018')).toMatchObject({ raised_by_id: 'person-gaojing', version: 1 });
    const result = await leave('person-gaojing', 'successor', 'person-wanglei');
    expect(result.escalations).toEqual([
      { id: 'esc-018', assigneeId: 'person-liuyang', raisedById: 'person-wanglei' },
    ]);
    expect(await escalation('esc-018')).toMatchObject({
      assignee_id: 'person-liuyang',
      raised_by_id: 'person-wanglei',
      version: 2,
      resolved_at: null,
    });
    const rows = await auditActions(server, 'escalation', 'esc-018');
    expect(rows.at(-1)).toEqual({
      action: 'escalation.assign',
      actorId: 'person-linxue',
      before: { assigneeId: 'person-liuyang', raisedById: 'person-gaojing', version: 1 },
      after: {
        assigneeId: 'person-liuyang',
        raisedById: 'person-wanglei',
        version: 2,
        reason: '个人原因离职',
      },
    });
  });

  test('a manager who leaves without a successor: what they were assigned goes to their manager, who is told', async () => {
    const before = await notified('person-wangjianguo', 'esc-018');
    const result = await leave('person-liuyang', 'archive');
    expect(result.escalations).toEqual([
      { id: 'esc-018', assigneeId: 'person-wangjianguo', raisedById: 'person-wanglei' },
    ]);
    expect(await escalation('esc-018')).toMatchObject({ assignee_id: 'person-wangjianguo', version: 3 });
    const rows = (await auditActions(server, 'escalation', 'esc-018')).filter(
      (r) => r.action === 'escalation.assign',
    );
    expect(rows.map((r) => [r.before.assigneeId, r.after.assigneeId])).toEqual([
      ['person-liuyang', 'person-liuyang'],
      ['person-liuyang', 'person-wangjianguo'],
    ]);
    expect(await notified('person-wangjianguo', 'esc-018')).toBe(before + 1);
  });

  test('a manager whose successor may not act on it: it goes to the leaver’s manager; other people’s stay', async () => {
    const zhaomin = await userOf(server, 'person-zhaomin');
    const kr = async (title: string) =>
      run(server, zhaomin, createKeyResult, {
        cycleId: 'cycle-2026-h1',
        ownerType: 'person',
        ownerId: 'person-zhaomin',
        title,
        metric: 'number',
        baseline: 0,
        target: 5,
      });
    const raise = async (krId: string) =>
      run(server, zhaomin, raiseEscalation, { krId, month: '2026-06', reason: 'blocker', detail: '缺样机' });
    const open = await raise((await kr('华东储能样机')).id);
    expect(open.assigneeId).toBe('person-chenzhiqiang');
    const south = await raise((await kr('华南储能样机')).id);
    // Someone else's escalation: assigned to the south manager by HR, it is not the leaver's.
    await run(server, hr, assignEscalation, { id: south.id, assigneeId: 'person-linxue' });
    // zhanghaitao manages the central region: an east escalation is not his to act on.
    const result = await leave('person-chenzhiqiang', 'successor', 'person-zhanghaitao');
    expect(result.escalations.map((e) => [e.id, e.assigneeId])).toEqual([[open.id, 'person-wangjianguo']]);
    expect(await escalation(open.id)).toMatchObject({
      assignee_id: 'person-wangjianguo',
      raised_by_id: 'person-zhaomin',
    });
    expect(await escalation(south.id)).toMatchObject({ assignee_id: 'person-linxue', version: 2 });
    expect(await notified('person-wangjianguo', open.id)).toBe(1);
    expect(await notified('person-zhanghaitao', open.id)).toBe(0);
    // Nothing goes back to the leaver afterwards.
    const back = await refusalOf(
      run(server, hr, assignEscalation, { id: open.id, assigneeId: 'person-chenzhiqiang' }),
    );
    expect([back.status, back.code]).toEqual([400, 'not-an-assignee']);
    const offered = await run(server, hr, escalationAssigneesOf, { id: open.id });
    expect(offered.map((p) => p.id)).not.toContain('person-chenzhiqiang');
    expect(offered.map((p) => p.id)).toContain('person-linxue');
  });

  test('a manager whose successor may act on it: the successor takes it over and is told', async () => {
    const hantao = await userOf(server, 'person-hantao');
    const own = await run(server, hantao, createKeyResult, {
      cycleId: 'cycle-2026-h1',
      ownerType: 'person',
      ownerId: 'person-hantao',
      title: '西北回款',
      metric: 'number',
      baseline: 0,
      target: 5,
    });
    const e = await run(server, hantao, raiseEscalation, { krId: own.id, month: '2026-06', reason: 'red' });
    expect(e.assigneeId).toBe('person-majun');
    const result = await leave('person-majun', 'successor', 'person-zhoulei');
    expect(result.escalations).toEqual([
      { id: e.id, assigneeId: 'person-zhoulei', raisedById: 'person-hantao' },
    ]);
    expect(await notified('person-zhoulei', e.id)).toBe(1);
    expect((await auditActions(server, 'escalation', e.id)).at(-1)).toMatchObject({
      action: 'escalation.assign',
      actorId: 'person-linxue',
      after: { assigneeId: 'person-zhoulei', reason: '个人原因离职' },
    });
  });

  test('a leave racing an assignment of the same escalation: one wins, the other is a 409 or sees the winner', async () => {
    const zhengkai = await userOf(server, 'person-zhengkai');
    const own = await run(server, zhengkai, createKeyResult, {
      cycleId: 'cycle-2026-h1',
      ownerType: 'person',
      ownerId: 'person-zhengkai',
      title: '华南回款',
      metric: 'number',
      baseline: 0,
      target: 5,
    });
    const e = await run(server, zhengkai, raiseEscalation, { krId: own.id, month: '2026-06', reason: 'red' });
    expect(e.assigneeId).toBe('person-huangweiming');
    // The south manager leaves while HR hands his escalation to herself, both at version 1.
    const [left, assigned] = await Promise.all([
      refusalOf(leave('person-huangweiming', 'archive')),
      refusalOf(run(server, hr, assignEscalation, { id: e.id, assigneeId: 'person-linxue', version: 1 })),
    ]);
    const stored = await escalation(e.id);
    const writes = (await auditActions(server, 'escalation', e.id)).filter(
      (r) => r.action === 'escalation.assign',
    );
    expect(stored.assignee_id).not.toBe('person-huangweiming');
    // Every committed change has its audit row, and the version counts them.
    expect(stored.version).toBe(1 + writes.length);
    expect([left.status, assigned.status].filter((s) => s !== 0).every((s) => s === 409)).toBe(true);
    expect([left.status, assigned.status]).toContain(0);
  });
});
