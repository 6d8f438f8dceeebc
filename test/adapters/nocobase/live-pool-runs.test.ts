// okrAlign:poolRuns over HTTP against a running NocoBase (NOCOBASE_URL): hr/admin read every stored run
// whole; everyone else only released runs, with the statements the pack policy lets them read.
import { base, type Caller, call, importDemo, liveLock, q, signInRoot, userFor } from './live-client.ts';

const QUARTER = '2026-Q2'; // the demo has no run for it: this file's own, removed before and after

describe.skipIf(!base)('nocobase adapter: pool runs read over HTTP', () => {
  let release = () => {};
  let root: Caller = null;
  let hr: Caller = null; // 林雪
  let rep: Caller = null; // 赵敏, sales in region-east
  let otherRep: Caller = null; // 郑凯, sales in region-south
  let manager: Caller = null; // 陈志强, manager of region-east
  const dropRuns = () => call(root, `okr_pool_runs:destroy?filter=${q({ quarter: QUARTER })}`, {});
  const statementsOf = (runs: { result: { statements: { personId: string }[] } }[]) =>
    runs.map((r) => r.result.statements.map((s) => s.personId));

  beforeAll(async () => {
    release = await liveLock();
    root = await signInRoot();
    await importDemo(root);
    await dropRuns();
    hr = (await userFor(root, 'okr_live_linxue', ['okr_hr'], 'person-linxue')).as;
    rep = (await userFor(root, 'okr_live_zhaomin', ['okr_sales'], 'person-zhaomin')).as;
    otherRep = (await userFor(root, 'okr_live_zhengkai', ['okr_sales'], 'person-zhengkai')).as;
    manager = (await userFor(root, 'okr_live_chenzhiqiang', ['okr_manager'], 'person-chenzhiqiang')).as;
  }, 300_000);
  afterAll(async () => {
    if (root) await dropRuns();
    release();
  });

  it('refuses anonymous callers and bad bodies', async () => {
    expect((await call(null, 'okrAlign:poolRuns', {})).status).toBe(401);
    const bad = await call(hr, 'okrAlign:poolRuns', { quarter: 'Q2' });
    expect(bad.status).toBe(400);
    expect(bad.errors?.[0]).toMatchObject({ code: 'invalid-request', params: { field: 'quarter' } });
    expect((await call(hr, 'okrAlign:poolRuns', { quarter: QUARTER, state: 'draft' })).status).toBe(400);
  });

  it('shows hr the draft whole and nobody else, then the released run to each as the policy says', async () => {
    expect((await call(rep, 'okrAlign:createPoolRun', { quarter: QUARTER })).status).toBe(403);
    const created = await call(hr, 'okrAlign:createPoolRun', { quarter: QUARTER });
    expect(created.data).toMatchObject({ quarter: QUARTER, state: 'draft', version: 1, result: null });
    const again = await call(hr, 'okrAlign:createPoolRun', { quarter: QUARTER });
    expect(again).toMatchObject({
      status: 409,
      errors: [{ code: 'run-exists', current: { id: created.data.id } }],
    });
    expect((await call(rep, 'okrAlign:computePoolRun', { id: created.data.id, version: 1 })).status).toBe(
      403,
    );
    const draft = await call(hr, 'okrAlign:computePoolRun', { id: created.data.id, version: 1 });
    expect(draft.status).toBe(200);
    const everyone = draft.data.result.statements.length as number;
    expect(everyone).toBeGreaterThan(5);

    const hrRead = await call(hr, 'okrAlign:poolRuns', { quarter: QUARTER });
    expect(hrRead.status).toBe(200);
    expect(hrRead.data).toHaveLength(1);
    expect(hrRead.data[0]).toMatchObject({ id: draft.data.id, state: 'draft', version: 2 });
    expect(hrRead.data[0].result.statements).toHaveLength(everyone);
    for (const who of [rep, manager])
      expect((await call(who, 'okrAlign:poolRuns', { quarter: QUARTER })).data).toEqual([]);

    const approved = await call(hr, 'okrAlign:approvePoolRun', { id: draft.data.id, version: 2 });
    expect(approved.data).toMatchObject({ state: 'approved', version: 3 });
    // The block's stale case: an old version is refused with 409 naming the stored one.
    const stale = await call(hr, 'okrAlign:releasePoolRun', { id: draft.data.id, version: 2 });
    expect(stale).toMatchObject({
      status: 409,
      errors: [{ code: 'stale-version', params: { sent: 2, stored: 3 }, current: { version: 3 } }],
    });
    expect((await call(hr, 'okrAlign:poolRuns', { quarter: QUARTER })).data[0].version).toBe(3);
    const released = await call(hr, 'okrAlign:releasePoolRun', { id: draft.data.id, version: 3 });
    expect(released.data).toMatchObject({ state: 'released', version: 4 });

    const repRead = (await call(rep, 'okrAlign:poolRuns', { quarter: QUARTER })).data;
    expect(repRead).toHaveLength(1);
    expect(repRead[0]).toMatchObject({ state: 'released', poolCents: draft.data.poolCents });
    expect(statementsOf(repRead)).toEqual([['person-zhaomin']]);
    expect(repRead[0].result.allocations.map((a: { personId: string }) => a.personId)).toEqual([
      'person-zhaomin',
    ]);
    expect(statementsOf((await call(otherRep, 'okrAlign:poolRuns', { quarter: QUARTER })).data)).toEqual([
      ['person-zhengkai'],
    ]);
    const east = statementsOf((await call(manager, 'okrAlign:poolRuns', { quarter: QUARTER })).data)[0];
    expect(east).toContain('person-zhaomin');
    expect(east).not.toContain('person-zhengkai');
    // Without a quarter: every run the caller may see, newest quarter first.
    const all = (await call(hr, 'okrAlign:poolRuns', {})).data as { quarter: string }[];
    expect(all[0]?.quarter).toBe(QUARTER);
  });
});
