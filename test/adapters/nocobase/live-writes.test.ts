// The pack's write actions over HTTP against a running NocoBase (NOCOBASE_URL): deleteLink,
// updateKeyResult and saveCheckIn, with the pack policy, row versions, validation and audit.
import { base, type Caller, call, importDemo, liveLock, q, signInRoot, userFor } from './live-client.ts';

describe.skipIf(!base)('nocobase adapter: write actions over HTTP', () => {
  let release = () => {};
  let root: Caller = null;
  let rep: Caller = null; // 赵敏, sales in region-east
  let otherRep: Caller = null; // 孙浩, sales in region-east
  let manager: Caller = null; // 陈志强, manager of region-east
  let northManager: Caller = null; // 刘洋, manager of region-north

  beforeAll(async () => {
    release = await liveLock();
    root = await signInRoot();
    await importDemo(root);
    rep = (await userFor(root, 'okr_live_zhaomin', ['okr_sales'], 'person-zhaomin')).as;
    otherRep = (await userFor(root, 'okr_live_sunhao', ['okr_sales'], 'person-sunhao')).as;
    manager = (await userFor(root, 'okr_live_chenzhiqiang', ['okr_manager'], 'person-chenzhiqiang')).as;
    northManager = (await userFor(root, 'okr_live_liuyang', ['okr_manager'], 'person-liuyang')).as;
  }, 300_000);
  afterAll(() => release());

  const startedAt = new Date().toISOString();
  // Audit rows stay from earlier runs: only this run's count.
  const auditOf = async (action: string, subject: string) =>
    (
      await call(
        root,
        `okr_audit:list?filter=${q({ action, subject, at: { $gte: startedAt } })}&sort=at&pageSize=50`,
      )
    ).data as {
      actorId: string;
      detail: { before: unknown; after: unknown };
    }[];

  it('deletes a link at its current version only, as the pack policy allows, and audits it', async () => {
    const link = { krId: 'kr-zhaomin-1', objectiveId: 'obj-key-accounts' };
    const created = await call(rep, 'okrAlign:saveLink', { ...link, weight: 20 });
    expect(created).toMatchObject({ status: 200, data: { ...link, weight: 20, version: 1 } });
    expect((await call(rep, 'okrAlign:saveLink', { ...link, weight: 30, version: 1 })).status).toBe(200);

    const stale = await call(rep, 'okrAlign:deleteLink', { ...link, version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.errors?.[0]).toMatchObject({
      code: 'stale-version',
      params: { sent: 1, stored: 2 },
      current: { ...link, weight: 30, version: 2 },
    });
    expect((await call(otherRep, 'okrAlign:deleteLink', { ...link, version: 2 })).status).toBe(403);
    expect((await call(northManager, 'okrAlign:deleteLink', { ...link, version: 2 })).status).toBe(403);

    const removed = await call(rep, 'okrAlign:deleteLink', { ...link, version: 2 });
    expect(removed.status).toBe(200);
    expect(removed.data).toEqual({ ...link, weight: 30, version: 2, linkedAt: expect.any(String) });
    const kr = (await call(root, 'okrAlign:snapshot')).data.keyResults.find(
      (k: { id: string }) => k.id === link.krId,
    );
    expect(kr.links.map((l: { objectiveId: string }) => l.objectiveId)).toEqual(['obj-new-energy']);

    expect((await call(rep, 'okrAlign:deleteLink', { ...link, version: 2 })).status).toBe(404);
    const noKr = { krId: 'kr-nobody', objectiveId: 'obj-key-accounts', version: 1 };
    expect((await call(rep, 'okrAlign:deleteLink', noKr)).status).toBe(404);
    expect((await call(null, 'okrAlign:deleteLink', { ...link, version: 1 })).status).toBe(401);

    const audit = await auditOf('link.delete', `link:${link.krId}:${link.objectiveId}`);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actorId: 'person-zhaomin',
      detail: { before: { version: 2 }, after: null },
    });
    expect(await auditOf('link.create', `link:${link.krId}:${link.objectiveId}`)).toHaveLength(1);
  });

  it('lets a manager remove a link of a KR of their region', async () => {
    const link = { krId: 'kr-sunhao-1', objectiveId: 'obj-new-energy', version: 1 };
    expect((await call(manager, 'okrAlign:deleteLink', link)).status).toBe(200);
  });

  it('updates a key result with the reference host fields and rules, refusing stale versions', async () => {
    const id = 'kr-zhaomin-2';
    const before = (await call(root, 'okrAlign:snapshot')).data.keyResults.find(
      (k: { id: string }) => k.id === id,
    );
    const ok = await call(rep, 'okrAlign:updateKeyResult', {
      id,
      version: before.version,
      title: '高毛利签约额（修订）',
      rationale: 'new plan',
      focusTags: ['margin'],
    });
    expect(ok.status).toBe(200);
    expect(ok.data).toMatchObject({
      id,
      title: '高毛利签约额（修订）',
      rationale: 'new plan',
      focusTags: ['margin'],
      version: before.version + 1,
      target: before.target,
    });
    expect(ok.data.rationaleAt).not.toBe(before.rationaleAt);

    const stale = await call(rep, 'okrAlign:updateKeyResult', { id, version: before.version, title: 'late' });
    expect(stale.status).toBe(409);
    expect(stale.errors?.[0]).toMatchObject({
      code: 'stale-version',
      params: { sent: before.version, stored: before.version + 1 },
      current: { id, title: '高毛利签约额（修订）', version: before.version + 1 },
    });

    const v = before.version + 1;
    const noReason = await call(rep, 'okrAlign:updateKeyResult', { id, version: v, target: 85 });
    expect(noReason).toMatchObject({ status: 400, errors: [{ code: 'target-reason-required' }] });
    const revised = await call(rep, 'okrAlign:updateKeyResult', {
      id,
      version: v,
      target: 85,
      targetReason: 'bigger market',
    });
    expect(revised.status).toBe(200);
    expect(revised.data.targetHistory.at(-1)).toMatchObject({
      previousTarget: before.target,
      newTarget: 85,
      reason: 'bigger market',
    });

    const bad: [Record<string, unknown>, string][] = [
      [{ version: '2' }, 'invalid-request'],
      [{ links: [] }, 'invalid-request'],
      [{ title: '' }, 'invalid-request'],
      [{ metric: 'vibes' }, 'invalid-request'],
      [{ updateIntervalDays: 0 }, 'invalid-request'],
      [{ title: 'x', extra: true }, 'invalid-request'],
      [{ custom: { region: 'x' } }, 'custom-field-unknown'],
    ];
    for (const [b, code] of bad) {
      const r = await call(rep, 'okrAlign:updateKeyResult', { id, version: v + 1, ...b });
      expect([r.status, r.errors?.[0]?.code, b]).toEqual([400, code, b]);
    }
    const theirs = (await call(root, 'okrAlign:snapshot')).data.keyResults.find(
      (k: { id: string }) => k.id === 'kr-sunhao-2',
    );
    const other = { id: theirs.id, title: 'not mine', version: theirs.version };
    expect((await call(rep, 'okrAlign:updateKeyResult', other)).status).toBe(403);
    expect((await call(northManager, 'okrAlign:updateKeyResult', other)).status).toBe(403);
    expect((await call(manager, 'okrAlign:updateKeyResult', other)).status).toBe(200);
    const missing = { id: 'kr-nobody', title: 'x', version: 1 };
    expect((await call(rep, 'okrAlign:updateKeyResult', missing)).status).toBe(404);
  });

  it('saves a check-in like the reference host: own KRs, the region manager, months of the cycle', async () => {
    const body = {
      krId: 'kr-zhaomin-3',
      month: '2026-05',
      value: 42,
      confidence: 7,
      selfColour: 'amber',
      blockers: '客户预算冻结',
      resourceRequest: { kind: 'pricing', detail: '需要特价' },
    };
    const first = await call(rep, 'okrAlign:saveCheckIn', body);
    expect(first.status).toBe(200);
    expect(first.data).toMatchObject({ ...body, colourNote: '', submittedAt: expect.any(String) });
    const again = await call(manager, 'okrAlign:saveCheckIn', { ...body, value: 45, selfColour: null });
    expect(again.data).toMatchObject({ id: first.data.id, value: 45, selfColour: null });
    const stored = (await call(root, 'okrAlign:snapshot')).data.checkIns.filter(
      (c: { krId: string; month: string }) => c.krId === body.krId && c.month === body.month,
    );
    // The snapshot holds domain check-ins; the command answers the stored row with its custom values.
    const { custom, ...plain } = again.data;
    expect(custom).toBeNull();
    expect(stored).toEqual([plain]);
    // The demo already has this month's check-in: both saves replaced it, keeping its id.
    const audit = await auditOf('checkIn.update', `checkIn:${first.data.id}`);
    expect(audit.map((a) => a.actorId)).toEqual(['person-zhaomin', 'person-chenzhiqiang']);

    expect((await call(otherRep, 'okrAlign:saveCheckIn', body)).status).toBe(403);
    expect((await call(northManager, 'okrAlign:saveCheckIn', body)).status).toBe(403);
    expect((await call(rep, 'okrAlign:saveCheckIn', { ...body, krId: 'kr-nobody' })).status).toBe(404);
    expect(await call(rep, 'okrAlign:saveCheckIn', { ...body, month: '2026-09' })).toMatchObject({
      status: 400,
      errors: [{ code: 'month-outside-cycle' }],
    });
    const bad = [
      { confidence: 11 },
      { confidence: undefined },
      { month: '2026-13' },
      { selfColour: 'blue' },
      { resourceRequest: { kind: 'pricing' } },
      { resourceRequest: { kind: 'cash', detail: 'x' } },
      { custom: { extra: 1 } },
      { submittedAt: '2020-01-01' },
    ];
    for (const b of bad) {
      const r = await call(rep, 'okrAlign:saveCheckIn', { ...body, ...b });
      expect([r.status, b]).toEqual([400, b]);
    }
  });

  it('refuses every write into a locked cycle', async () => {
    await call(root, 'okr_cycles:update?filterByTk=cycle-2026-h1', { locked: true });
    try {
      const checkIn = { krId: 'kr-zhaomin-3', month: '2026-04', value: 1, confidence: 5 };
      expect(await call(rep, 'okrAlign:saveCheckIn', checkIn)).toMatchObject({
        status: 409,
        errors: [{ code: 'cycle-locked' }],
      });
      const link = { krId: 'kr-zhaomin-1', objectiveId: 'obj-new-energy', version: 1 };
      expect(await call(rep, 'okrAlign:deleteLink', link)).toMatchObject({
        status: 409,
        errors: [{ code: 'cycle-locked' }],
      });
    } finally {
      await call(root, 'okr_cycles:update?filterByTk=cycle-2026-h1', { locked: false });
    }
  });
});
