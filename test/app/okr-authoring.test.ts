import { appPortsOf } from '../../host/server/app-ports.ts';
import { saveCheckIn } from '../../plugin/app/commands/check-ins.ts';
import {
  archiveKeyResult,
  confirmKeyResult,
  createKeyResult,
  deleteKeyResult,
  sendBackKeyResult,
  updateKeyResult,
} from '../../plugin/app/commands/key-results.ts';
import { archiveObjective, createObjective, updateObjective } from '../../plugin/app/commands/objectives.ts';
import type { HostUser } from '../../plugin/sdk/index.ts';
import { type Client, LOGINS, startServer, type TestServer } from '../server/helpers.ts';
import { auditActions, DATABASES, refusalOf, run, userOf } from './run-as.ts';

const CYCLE = 'cycle-2026-h1';

// Issue 14: authoring objectives and key results — bounds, send-back, archive — on the real records.
describe.each(DATABASES)('okr authoring on %s', (name, databaseUrl) => {
  const skip = name === 'postgres' && !databaseUrl;
  let server: TestServer;
  let sales: Client;
  let zhaomin: HostUser;
  let sunhao: HostUser;
  let eastManager: HostUser;
  let southManager: HostUser;
  let strategy: HostUser;

  beforeAll(async () => {
    if (skip) return;
    server = await startServer({ databaseUrl });
    sales = await server.login(LOGINS.sales);
    zhaomin = await userOf(server, 'person-zhaomin');
    sunhao = await userOf(server, 'person-sunhao');
    eastManager = await userOf(server, 'person-chenzhiqiang');
    southManager = await userOf(server, 'person-huangweiming');
    strategy = await userOf(server, 'person-wangjianguo');
  });
  afterAll(() => server?.close());
  const test = skip ? it.skip : it;

  const kr = (over: Record<string, unknown> = {}) => ({
    cycleId: CYCLE,
    ownerType: 'person',
    ownerId: 'person-zhaomin',
    title: '新签储能客户（授权测试）',
    metric: 'number',
    baseline: 0,
    target: 8,
    ...over,
  });
  const snapshot = () => appPortsOf(server.app.ctx).data.snapshot(CYCLE);
  const stored = (id: string) =>
    server.storage.db.selectFrom('key_results').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  test('bounds each metric on create and says the allowed range', async () => {
    const cases: [Record<string, unknown>, Record<string, string | number>][] = [
      [kr({ baseline: -5 }), { field: 'baseline', value: -5, min: 0, max: 1e12 }],
      [kr({ metric: 'currency', target: -1 }), { field: 'target', value: -1, min: 0, max: 1e12 }],
      [
        kr({ metric: 'percent', baseline: 40, target: 120 }),
        { field: 'target', value: 120, min: 0, max: 100 },
      ],
      [
        kr({ metric: 'milestone', baseline: -1, target: 1 }),
        { field: 'baseline', value: -1, min: 0, max: 1e12 },
      ],
    ];
    for (const [body, params] of cases)
      expect(await refusalOf(run(server, zhaomin, createKeyResult, body))).toEqual({
        status: 400,
        code: 'out-of-bounds',
        params,
      });
    expect(await refusalOf(run(server, zhaomin, createKeyResult, kr({ baseline: 8 })))).toEqual({
      status: 400,
      code: 'target-equals-baseline',
      params: { value: 8 },
    });
    // Issue #14, byte for byte: 1e20 is no one's target.
    const huge = await sales.post(
      '/api/key-results',
      JSON.stringify(kr()).replace('"target":8', '"target":99999999999999999999'),
    );
    expect([huge.status, huge.body.code, huge.body.params.field, huge.body.params.reason]).toEqual([
      400,
      'invalid-request',
      'target',
      'maximum',
    ]);
    const percent = await run(
      server,
      zhaomin,
      createKeyResult,
      kr({ metric: 'percent', baseline: 40, target: 70 }),
    );
    expect([percent.metric, percent.target]).toEqual(['percent', 70]);
  });

  test('bounds check-in values by the KR: no negative count or money, percent 0–100', async () => {
    const value = (krId: string, v: number) =>
      refusalOf(run(server, zhaomin, saveCheckIn, { krId, month: '2026-06', value: v, confidence: 5 }));
    // kr-zhaomin-1 counts 0 → 10, kr-zhaomin-4 is money 0 → 440, kr-zhaomin-2 a share 42 % → 71 %.
    expect(await value('kr-zhaomin-1', -5)).toEqual({
      status: 400,
      code: 'value-out-of-range',
      params: { value: -5, min: 0, max: 1e12 },
    });
    expect((await value('kr-zhaomin-4', -20)).params).toEqual({ value: -20, min: 0, max: 1e12 });
    expect((await value('kr-zhaomin-2', 101)).params).toEqual({ value: 101, min: 0, max: 100 });
    expect((await value('kr-zhaomin-2', 100)).status).toBe(0);
    const huge = await sales.put(
      '/api/key-results/kr-zhaomin-1/check-ins/2026-06',
      '{"value":99999999999999999999,"confidence":5}',
    );
    expect([huge.status, huge.body.params.field, huge.body.params.reason]).toEqual([400, 'value', 'maximum']);
  });

  test('refuses an emptied rationale and keeps the revised target with its reason', async () => {
    const before = await stored('kr-zhaomin-5');
    expect(before.rationale.trim()).not.toBe('');
    expect(
      await refusalOf(
        run(server, zhaomin, updateKeyResult, {
          id: 'kr-zhaomin-5',
          version: before.version,
          rationale: '  ',
        }),
      ),
    ).toEqual({ status: 400, code: 'rationale-required', params: {} });
    expect((await stored('kr-zhaomin-5')).rationale).toBe(before.rationale);
    const noReason = await refusalOf(
      run(server, zhaomin, updateKeyResult, { id: 'kr-zhaomin-5', version: before.version, target: 360 }),
    );
    expect(noReason.code).toBe('target-reason-required');
    const revised = await run(server, zhaomin, updateKeyResult, {
      id: 'kr-zhaomin-5',
      version: before.version,
      target: 360,
      targetReason: '新增两家储能客户',
    });
    expect(revised.target).toBe(360);
    expect(revised.targetHistory.at(-1)).toMatchObject({
      previousTarget: before.target,
      newTarget: 360,
      reason: '新增两家储能客户',
    });
    const audit = await auditActions(server, 'keyResult', 'kr-zhaomin-5');
    expect(audit.at(-1)?.before.target).toBe(before.target);
  });

  test('the manager of the region sends a KR back with a reason; the owner is told and an edit clears it', async () => {
    const fresh = await run(server, zhaomin, createKeyResult, kr({ title: '退回测试 KR' }));
    const body = { id: fresh.id, version: fresh.version, reason: '请补充目标客户名单' };
    expect((await refusalOf(run(server, sunhao, sendBackKeyResult, body))).status).toBe(403);
    expect((await refusalOf(run(server, southManager, sendBackKeyResult, body))).status).toBe(403);
    const blank = await refusalOf(run(server, eastManager, sendBackKeyResult, { ...body, reason: '   ' }));
    expect([blank.status, blank.params.field]).toEqual([400, 'reason']);
    const long = await refusalOf(
      run(server, eastManager, sendBackKeyResult, { ...body, reason: '长'.repeat(501) }),
    );
    expect([long.code, long.params.field, long.params.reason]).toEqual([
      'invalid-request',
      'reason',
      'too-long',
    ]);

    const sent = await run(server, eastManager, sendBackKeyResult, body);
    expect(sent.sentBack).toMatchObject({ byId: 'person-chenzhiqiang', reason: '请补充目标客户名单' });
    expect(sent.confirmedAt).toBeNull();
    expect((await auditActions(server, 'keyResult', fresh.id)).map((a) => a.action)).toEqual([
      'keyResult.create',
      'keyResult.sendBack',
    ]);
    const told = await server.storage.db
      .selectFrom('notifications')
      .selectAll()
      .where('person_id', '=', 'person-zhaomin')
      .where('kind', '=', 'keyResult.sentBack')
      .execute();
    expect(told.map((n) => JSON.parse(n.params))).toContainEqual({
      kr: '退回测试 KR',
      reason: '请补充目标客户名单',
    });
    // The reply and the list carry the comment, so the card can say it.
    const listed = await sales.get(`/api/key-results/${fresh.id}`);
    expect(listed.body.sentBack.reason).toBe('请补充目标客户名单');

    const edited = await run(server, zhaomin, updateKeyResult, {
      id: fresh.id,
      version: sent.version,
      evidence: '客户名单见附件',
    });
    expect(edited.sentBack).toBeNull();
    const confirmed = await run(server, eastManager, confirmKeyResult, {
      id: fresh.id,
      version: edited.version,
    });
    expect(confirmed.confirmedAt).not.toBeNull();
  });

  test('a KR with check-ins is archived, not deleted: it leaves the rules, its history stays', async () => {
    const one = await stored('kr-zhaomin-3');
    expect(
      await refusalOf(run(server, eastManager, deleteKeyResult, { id: one.id, version: one.version })),
    ).toEqual({
      status: 409,
      code: 'kr-has-check-ins',
      params: { count: expect.any(Number) },
    });
    expect(
      (await refusalOf(run(server, zhaomin, archiveKeyResult, { id: one.id, version: one.version }))).status,
    ).toBe(403);
    const archived = await run(server, eastManager, archiveKeyResult, { id: one.id, version: one.version });
    expect(archived.archivedAt).toBe(server.app.ctx.now().toISOString());
    expect((await snapshot()).keyResults.map((k) => k.id)).not.toContain(one.id);
    expect((await snapshot()).checkIns.map((c) => c.krId)).not.toContain(one.id);
    const checkIns = await server.storage.db
      .selectFrom('check_ins')
      .select('id')
      .where('kr_id', '=', one.id)
      .execute();
    expect(checkIns.length).toBeGreaterThan(0);
    const again = await refusalOf(
      run(server, zhaomin, saveCheckIn, { krId: one.id, month: '2026-06', value: 3, confidence: 5 }),
    );
    expect(again).toEqual({
      status: 409,
      code: 'archived',
      params: { what: 'key-result', title: one.title },
    });
    expect((await auditActions(server, 'keyResult', one.id)).at(-1)?.action).toBe('keyResult.archive');
    // A KR without check-ins can still be deleted.
    const spare = await run(server, zhaomin, createKeyResult, kr({ title: '可删除的 KR' }));
    expect(await run(server, eastManager, deleteKeyResult, { id: spare.id, version: 1 })).toEqual({
      ok: true,
    });
  });

  test('strategy writes, edits and archives an objective with a description; reps may not', async () => {
    const body = {
      cycleId: CYCLE,
      title: '开拓海外渠道',
      description: '东南亚两家代理商',
      focusTags: ['overseas'],
      weight: 10,
    };
    expect((await refusalOf(run(server, zhaomin, createObjective, body))).status).toBe(403);
    const o = await run(server, strategy, createObjective, body);
    expect(o.description).toBe('东南亚两家代理商');
    const edited = await run(server, strategy, updateObjective, {
      id: o.id,
      version: 1,
      description: '东南亚三家代理商',
    });
    const row = await server.storage.db
      .selectFrom('objectives')
      .selectAll()
      .where('id', '=', o.id)
      .executeTakeFirstOrThrow();
    expect(row.description).toBe('东南亚三家代理商');
    expect((await snapshot()).objectives.map((x) => x.id)).toContain(o.id);
    expect(
      (await refusalOf(run(server, eastManager, archiveObjective, { id: o.id, version: 2 }))).status,
    ).toBe(403);
    const archived = await run(server, strategy, archiveObjective, { id: o.id, version: edited.version });
    expect(archived.archivedAt).toBeTruthy();
    expect((await snapshot()).objectives.map((x) => x.id)).not.toContain(o.id);
    expect(
      await refusalOf(
        run(server, strategy, updateObjective, { id: o.id, version: archived.version, weight: 5 }),
      ),
    ).toEqual({
      status: 409,
      code: 'archived',
      params: { what: 'objective', title: '开拓海外渠道' },
    });
    expect((await auditActions(server, 'objective', o.id)).map((a) => a.action)).toEqual([
      'objective.create',
      'objective.update',
      'objective.archive',
    ]);
  });
});
