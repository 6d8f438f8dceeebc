import { carryOverCycle } from '../../plugin/app/commands/cycle-carry-over.ts';
import { createCycle, lockCycle } from '../../plugin/app/commands/organisation.ts';
import type { HostUser } from '../../plugin/sdk/index.ts';
import { startServer, type TestServer } from '../server/helpers.ts';
import { auditActions, DATABASES, refusalOf, run, userOf } from './run-as.ts';

const H1 = 'cycle-2026-h1';
const H2 = 'cycle-2026-h2';

describe.each(DATABASES)('cycle.carryOver on %s', (name, databaseUrl) => {
  let server: TestServer;
  let admin: HostUser;
  let sales: HostUser;
  beforeAll(async () => {
    if (name === 'postgres' && !databaseUrl) return;
    server = await startServer({ databaseUrl });
    admin = await userOf(server, 'person-zhoulei');
    sales = await userOf(server, 'person-zhaomin');
  });
  afterAll(() => server?.close());
  const test = name === 'postgres' && !databaseUrl ? it.skip : it;

  test('needs the next cycle, copies objectives first, then the KRs linked to the copies', async () => {
    // Below target at its last check-in (0.98), linked to both strategic objectives.
    const kr = 'kr-wuqian-1';
    const noNext = await refusalOf(run(server, admin, carryOverCycle, { cycleId: H1, krIds: [kr] }));
    expect(noNext).toMatchObject({ status: 409, code: 'no-next-cycle', params: { next: '2026 下半年' } });
    expect((await refusalOf(run(server, sales, carryOverCycle, { cycleId: H1, krIds: [kr] }))).status).toBe(
      403,
    );

    await run(server, admin, createCycle, { year: 2026, half: 2 });
    const result = await run(server, admin, carryOverCycle, { cycleId: H1, krIds: [kr] });
    expect(result.cycleId).toBe(H2);
    const [copy] = result.keyResults;
    const source = (
      await server.app.ctx.db.selectFrom('kr_links').selectAll().where('kr_id', '=', kr).execute()
    ).map((l) => l.objective_id);
    expect(source.length).toBeGreaterThan(0);
    expect(result.objectives.map((o) => o.cycleId)).toEqual(source.map(() => H2));
    expect(copy).toMatchObject({ cycleId: H2, confirmedAt: null, version: 1 });
    expect(copy!.links.map((l) => l.objectiveId).sort()).toEqual(result.objectives.map((o) => o.id).sort());

    const krAudit = await auditActions(server, 'keyResult', copy!.id);
    expect(krAudit).toEqual([
      expect.objectContaining({ action: 'keyResult.carryOver', actorId: 'person-zhoulei' }),
    ]);
    expect(krAudit[0]!.after.carriedFrom).toBe(kr);
    const objAudit = await auditActions(server, 'objective', result.objectives[0]!.id);
    expect(objAudit[0]).toMatchObject({
      action: 'objective.carryOver',
      after: { carriedFrom: source.sort()[0] },
    });
    // The stored links point at the copied objectives, in the new cycle.
    const links = await server.app.ctx.db
      .selectFrom('kr_links')
      .selectAll()
      .where('kr_id', '=', copy!.id)
      .execute();
    expect(links.map((l) => l.objective_id).sort()).toEqual(result.objectives.map((o) => o.id).sort());

    const again = await refusalOf(run(server, admin, carryOverCycle, { cycleId: H1, krIds: [kr] }));
    expect(again).toMatchObject({ status: 409, code: 'kr-carried' });
  });

  test('reuses objectives carried before and refuses finished KRs and a locked target', async () => {
    // kr-gaojing-5 is at 102% of its target.
    expect(
      await refusalOf(run(server, admin, carryOverCycle, { cycleId: H1, krIds: ['kr-gaojing-5'] })),
    ).toMatchObject({
      status: 409,
      code: 'kr-finished',
    });
    const before = await server.app.ctx.db
      .selectFrom('objectives')
      .select('id')
      .where('cycle_id', '=', H2)
      .execute();
    const second = await run(server, admin, carryOverCycle, { cycleId: H1, krIds: ['kr-fengxuemei-1'] });
    const after = await server.app.ctx.db
      .selectFrom('objectives')
      .select('id')
      .where('cycle_id', '=', H2)
      .execute();
    // Both objectives were carried with kr-wuqian-1: the second carry links to those copies.
    expect(after).toHaveLength(before.length);
    expect(second.objectives.map((o) => o.id).sort()).toEqual(before.map((o) => o.id).sort());
    expect(second.objectives.every((o) => o.cycleId === H2)).toBe(true);

    await run(server, admin, lockCycle, { id: H2, locked: true });
    expect(
      await refusalOf(run(server, admin, carryOverCycle, { cycleId: H1, krIds: ['kr-gaojing-2'] })),
    ).toMatchObject({
      status: 409,
      code: 'cycle-locked',
    });
  });
});
