import { lockCycle } from '../../plugin/app/commands/organisation.ts';
import { leavePerson, movePerson } from '../../plugin/app/commands/people-changes.ts';
import type { HostUser } from '../../plugin/sdk/index.ts';
import { type Client, LOGINS, startServer, type TestServer } from '../server/helpers.ts';
import { auditActions, DATABASES, refusalOf, run, userOf } from './run-as.ts';

// person.leave and person.move (plugin/app/commands/people-changes.ts) on the reference host's real
// storage, through its routes for the role checks.
describe.each(DATABASES)('people changes on %s', (name, databaseUrl) => {
  let server: TestServer;
  let hrUser: HostUser;
  let adminUser: HostUser;
  let hr: Client;
  const skip = name === 'postgres' && !databaseUrl;
  const test = skip ? it.skip : it;

  beforeAll(async () => {
    if (skip) return;
    server = await startServer({ databaseUrl });
    hrUser = await userOf(server, 'person-linxue');
    adminUser = await userOf(server, 'person-zhoulei');
    hr = await server.login(LOGINS.hr);
  });
  afterAll(() => server?.close());

  const krsOf = (ownerId: string) =>
    server.storage.db
      .selectFrom('key_results')
      .select(['id', 'owner_id', 'archived_at', 'version'])
      .where('owner_type', '=', 'person')
      .where('owner_id', '=', ownerId)
      .orderBy('id')
      .execute();
  const personRow = (id: string) =>
    server.storage.db.selectFrom('people').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  test('leave with a successor: the open KRs change owner, each with its audit row, and the person has left', async () => {
    const before = await krsOf('person-zhaomin');
    expect(before.length).toBeGreaterThan(0);
    const result = await run(server, hrUser, leavePerson, {
      id: 'person-zhaomin',
      version: 1,
      on: '2026-05-15',
      reason: '个人原因离职',
      krs: 'successor',
      successorId: 'person-sunhao',
    });
    expect(result.person).toMatchObject({ leftOn: '2026-05-15', version: 2 });
    expect(result.keyResults.map((k) => k.id)).toEqual(before.map((k) => k.id));
    expect(await krsOf('person-zhaomin')).toEqual([]);
    const handed = (await krsOf('person-sunhao')).filter((k) => before.some((b) => b.id === k.id));
    expect(handed.map((k) => [k.id, k.version])).toEqual(before.map((k) => [k.id, k.version + 1]));
    for (const kr of before)
      expect(await auditActions(server, 'keyResult', kr.id)).toContainEqual({
        action: 'keyResult.reassign',
        actorId: 'person-linxue',
        before: { ownerId: 'person-zhaomin' },
        after: { ownerId: 'person-sunhao', reason: '个人原因离职' },
      });
    const [audit] = await auditActions(server, 'person', 'person-zhaomin');
    expect(audit).toMatchObject({
      action: 'person.leave',
      after: { leftOn: '2026-05-15', krs: 'successor' },
    });
    expect((await personRow('person-zhaomin')).left_on).toBe('2026-05-15');

    const again = await refusalOf(
      run(server, hrUser, leavePerson, {
        id: 'person-zhaomin',
        on: '2026-05-20',
        reason: '再次',
        krs: 'archive',
      }),
    );
    expect(again).toEqual({
      status: 409,
      code: 'person-left',
      params: { person: '赵敏', date: '2026-05-15' },
    });
  });

  test('leave with archive: the open KRs are archived with the reason', async () => {
    const before = await krsOf('person-wuqian');
    expect(before.length).toBeGreaterThan(0);
    await run(server, adminUser, leavePerson, {
      id: 'person-wuqian',
      on: '2026-06-10',
      reason: '合同到期',
      krs: 'archive',
    });
    const after = await krsOf('person-wuqian');
    expect(after.every((k) => k.archived_at === '2026-06-15T08:00:00.000Z')).toBe(true);
    const audit = await auditActions(server, 'keyResult', before[0]!.id);
    expect(audit.at(-1)).toEqual({
      action: 'keyResult.archive',
      actorId: 'person-zhoulei',
      before: { archivedAt: null },
      after: { archivedAt: '2026-06-15T08:00:00.000Z', reason: '合同到期' },
    });
  });

  test('move with the KRs: region and manager change from the date, the move is kept as history', async () => {
    const krs = await krsOf('person-wanglei');
    const result = await run(server, hrUser, movePerson, {
      id: 'person-wanglei',
      on: '2026-05-01',
      reason: '支援华东',
      toRegionId: 'region-east',
      managerId: 'person-chenzhiqiang',
      krs: 'move',
    });
    expect(result.person).toMatchObject({ regionId: 'region-east', managerId: 'person-chenzhiqiang' });
    expect(await krsOf('person-wanglei')).toEqual(krs);
    const moves = await server.storage.db
      .selectFrom('person_moves')
      .selectAll()
      .where('person_id', '=', 'person-wanglei')
      .execute();
    expect(moves).toMatchObject([
      { from_region_id: 'region-north', to_region_id: 'region-east', on_date: '2026-05-01', krs: 'move' },
    ]);
    const [audit] = await auditActions(server, 'person', 'person-wanglei');
    expect(audit).toMatchObject({
      action: 'person.move',
      before: { regionId: 'region-north' },
      after: { regionId: 'region-east', move: { reason: '支援华东', toManagerId: 'person-chenzhiqiang' } },
    });
  });

  test('move leaving the KRs: they go to a successor of the old region, and only of that region', async () => {
    const krs = await krsOf('person-zhengkai');
    const wrongRegion = await refusalOf(
      run(server, hrUser, movePerson, {
        id: 'person-zhengkai',
        on: '2026-05-01',
        reason: '调往华北',
        toRegionId: 'region-north',
        managerId: 'person-liuyang',
        krs: 'stay',
        successorId: 'person-gaojing',
      }),
    );
    expect(wrongRegion).toMatchObject({
      status: 400,
      code: 'invalid-request',
      params: { field: 'successorId' },
    });
    const missing = await refusalOf(
      run(server, hrUser, movePerson, {
        id: 'person-zhengkai',
        on: '2026-05-01',
        reason: '调往华北',
        toRegionId: 'region-north',
        managerId: 'person-liuyang',
        krs: 'stay',
      }),
    );
    expect(missing).toMatchObject({ status: 400, params: { field: 'successorId', reason: 'required' } });
    expect((await personRow('person-zhengkai')).region_id).toBe('region-south');

    await run(server, hrUser, movePerson, {
      id: 'person-zhengkai',
      on: '2026-05-01',
      reason: '调往华北',
      toRegionId: 'region-north',
      managerId: 'person-liuyang',
      krs: 'stay',
      successorId: 'person-liangxiaoyan',
    });
    expect(await krsOf('person-zhengkai')).toEqual([]);
    const taken = (await krsOf('person-liangxiaoyan')).map((k) => k.id);
    for (const kr of krs) expect(taken).toContain(kr.id);
  });

  test('refuses a bad date, the same region, and a stale version; two writers at one version: one wins', async () => {
    const base = { id: 'person-hejunjie', reason: '调动', managerId: null, krs: 'move' };
    expect(
      await refusalOf(
        run(server, hrUser, movePerson, { ...base, on: '2026-02-30', toRegionId: 'region-east' }),
      ),
    ).toMatchObject({ status: 400, params: { field: 'on' } });
    expect(
      await refusalOf(
        run(server, hrUser, movePerson, { ...base, on: '2026-05-01', toRegionId: 'region-south' }),
      ),
    ).toMatchObject({ status: 400, params: { field: 'toRegionId' } });
    expect(
      await refusalOf(
        run(server, hrUser, movePerson, { ...base, version: 7, on: '2026-05-01', toRegionId: 'region-east' }),
      ),
    ).toMatchObject({ status: 409, code: 'stale-version', params: { sent: 7, stored: 1 } });
    const raced = await Promise.all(
      ['region-east', 'region-north'].map((toRegionId) =>
        refusalOf(run(server, hrUser, movePerson, { ...base, version: 1, on: '2026-05-01', toRegionId })),
      ),
    );
    expect(raced.map((r) => r.status).sort()).toEqual([0, 409]);
    expect((await personRow('person-hejunjie')).version).toBe(2);
  });

  test('refuses a change in a locked cycle', async () => {
    await run(server, adminUser, lockCycle, { id: 'cycle-2026-h1', locked: true });
    try {
      const refused = await refusalOf(
        run(server, hrUser, leavePerson, {
          id: 'person-gaojing',
          on: '2026-04-30',
          reason: '离职',
          krs: 'archive',
        }),
      );
      expect(refused).toMatchObject({ status: 409, code: 'cycle-locked' });
      expect((await personRow('person-gaojing')).left_on).toBeNull();
    } finally {
      await run(server, adminUser, lockCycle, { id: 'cycle-2026-h1', locked: false });
    }
  });

  test('only admin and hr: a manager or a rep gets 403 from the routes and from the commands', async () => {
    const body = { on: '2026-06-01', reason: '离职', krs: 'archive' };
    for (const login of [LOGINS.manager, LOGINS.sameRegionSales, LOGINS.strategy]) {
      const client = await server.login(login);
      expect((await client.post('/api/people/person-gaojing/leave', body)).status).toBe(403);
      expect(
        (
          await client.post('/api/people/person-gaojing/move', {
            ...body,
            krs: 'move',
            toRegionId: 'region-east',
            managerId: null,
          })
        ).status,
      ).toBe(403);
    }
    const manager = await userOf(server, 'person-chenzhiqiang');
    expect(
      await refusalOf(run(server, manager, leavePerson, { id: 'person-gaojing', ...body })),
    ).toMatchObject({
      status: 403,
    });
    const byHr = await hr.post('/api/people/person-gaojing/leave', { ...body, version: 1 });
    expect([byHr.status, byHr.body.person.leftOn]).toEqual([200, '2026-06-01']);
  });

  test('a joiner is person.create with joinedOn, and a leaver is pro-rated in the pool statement', async () => {
    const admin = await server.login(LOGINS.admin);
    const joined = await admin.post('/api/people', {
      name: '新同事',
      role: 'sales',
      regionId: 'region-east',
      joinedOn: '2026-05-04',
      baseBonusCents: 2_000_000,
    });
    expect([joined.status, joined.body.joinedOn]).toEqual([201, '2026-05-04']);
    const created = (await hr.post('/api/pool-runs', { quarter: '2026-Q2' })).body;
    const computed = (await hr.post(`/api/pool-runs/${created.id}/compute`, { version: 1 })).body;
    const wuqian = computed.result.statements.find(
      (s: { personId: string }) => s.personId === 'person-wuqian',
    );
    const line = wuqian?.lines.find((l: { key: string }) => l.key === 'statement.tenure.proRata');
    // 1 April – 10 June: 71 of 91 days.
    expect(line?.params).toMatchObject({ days: 71, quarterDays: 91 });
    const total = computed.result.allocations.reduce((s: number, a: { cents: number }) => s + a.cents, 0);
    expect(total).toBe(computed.result.poolCents);
  });
});
