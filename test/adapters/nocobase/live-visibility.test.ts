// What each NocoBase user receives from the pack's read actions (NOCOBASE_URL set): only the records
// the pack policy lets their person read, no raw peer reviews, only their own pool allocation.
import { defaultSettings, evaluate } from '../../../plugin/engine/index.ts';
import { base, type Caller, call, importDemo, liveLock, signInRoot, userFor } from './live-client.ts';

type Kr = { id: string; ownerId: string; links: { objectiveId: string; version?: number }[] };

describe.skipIf(!base)('nocobase adapter: read actions answer only what the policy lets a user read', () => {
  let release = () => {};
  let root: Caller = null;
  let rep: Caller = null; // 赵敏, sales in region-east
  let manager: Caller = null; // 陈志强, manager of region-east
  let demo = null as unknown as Awaited<ReturnType<typeof importDemo>>;
  const me = 'person-zhaomin';

  beforeAll(async () => {
    release = await liveLock();
    root = await signInRoot();
    demo = await importDemo(root);
    rep = (await userFor(root, 'okr_live_zhaomin', ['okr_sales'], me)).as;
    manager = (await userFor(root, 'okr_live_chenzhiqiang', ['okr_manager'], 'person-chenzhiqiang')).as;
  }, 300_000);
  afterAll(() => release());

  const mine = () => demo.keyResults.filter((k) => k.ownerId === me).map((k) => k.id);

  it('gives a sales rep only their own KRs, check-ins and activities, and no peer review', async () => {
    const got = await call(rep, 'okrAlign:snapshot');
    expect(got.status).toBe(200);
    const krIds = (got.data.keyResults as Kr[]).map((k) => k.id).sort();
    expect(krIds).toEqual(mine().sort());
    const own = new Set(krIds);
    const checkIns = got.data.checkIns as { krId: string }[];
    expect(checkIns.length).toBe(demo.checkIns.filter((c) => own.has(c.krId)).length);
    expect(checkIns.every((c) => own.has(c.krId))).toBe(true);
    expect((got.data.escalations as { krId: string }[]).every((e) => own.has(e.krId))).toBe(true);
    expect((got.data.activities as { personId: string }[]).every((a) => a.personId === me)).toBe(true);
    expect((got.data.keyAccounts as { ownerId: string }[]).every((a) => a.ownerId === me)).toBe(true);
    expect(got.data.peerReviews).toEqual([]);
    const paid = (got.data.people as { id: string; baseBonusCents: number | null }[]).filter(
      (p) => p.baseBonusCents !== null,
    );
    expect(paid.map((p) => p.id)).toEqual([me]);
  });

  it('gives the rep a board of their own records and only their own pool allocation', async () => {
    const board = await call(rep, 'okrAlign:board');
    expect(board.status).toBe(200);
    const { snapshot, evaluation, at } = board.data;
    expect((snapshot.keyResults as Kr[]).map((k) => k.id).sort()).toEqual(mine().sort());
    expect(snapshot.peerReviews).toEqual([]);
    expect(JSON.stringify(board.data)).not.toContain('reviewerId');
    const local = evaluate(demo, defaultSettings(), at);
    expect(local.pool?.allocations.length).toBeGreaterThan(1);
    expect(evaluation.pool.allocations).toEqual(local.pool?.allocations.filter((a) => a.personId === me));
    expect(evaluation.pool.statements.map((s: { personId: string }) => s.personId)).toEqual(
      evaluation.pool.allocations.map((a: { personId: string }) => a.personId),
    );
    const own = new Set(mine());
    expect(evaluation.colours.length).toBeGreaterThan(0);
    expect(evaluation.colours.every((c: { krId: string }) => own.has(c.krId))).toBe(true);
    expect(evaluation.alignment.rate).toBe(local.alignment.rate);
    expect(
      evaluation.events.every((e: { subject: { krId?: string; personId?: string } }) =>
        e.subject.krId ? own.has(e.subject.krId) : !e.subject.personId || e.subject.personId === me,
      ),
    ).toBe(true);
    // A rep may not evaluate (metrics) nor preview settings (the preview lists everyone's pool shares).
    expect((await call(rep, 'okrAlign:evaluate?record=false')).status).toBe(403);
    expect((await call(rep, 'okrAlign:previewSettings', { settings: defaultSettings() })).status).toBe(403);
  });

  it("gives a manager their region's KRs and pool allocations through evaluate", async () => {
    const east = new Set(demo.people.filter((p) => p.regionId === 'region-east').map((p) => p.id));
    const regionKrs = demo.keyResults
      .filter((k) => (k.ownerType === 'region' ? k.ownerId === 'region-east' : east.has(k.ownerId)))
      .map((k) => k.id)
      .sort();
    const snap = (await call(manager, 'okrAlign:snapshot')).data;
    expect((snap.keyResults as Kr[]).map((k) => k.id).sort()).toEqual(regionKrs);
    expect(snap.peerReviews).toEqual([]);
    const ev = await call(manager, 'okrAlign:evaluate?record=false');
    expect(ev.status).toBe(200);
    expect(ev.data.alignment.perKr.map((k: { krId: string }) => k.krId).sort()).toEqual(regionKrs);
    const pooled = ev.data.pool.allocations.map((a: { personId: string }) => a.personId);
    expect(pooled.length).toBeGreaterThan(0);
    expect(pooled.every((id: string) => east.has(id))).toBe(true);
  });

  it('gives root everything, board links with their row versions', async () => {
    const snap = (await call(root, 'okrAlign:snapshot')).data;
    expect(snap.keyResults).toHaveLength(demo.keyResults.length);
    expect(snap.checkIns).toHaveLength(demo.checkIns.length);
    expect(snap.peerReviews).toHaveLength(demo.peerReviews.length);
    expect(snap.activities).toHaveLength(demo.activities.length);
    const link = { krId: 'kr-zhaomin-1', objectiveId: 'obj-new-energy' };
    expect((await call(root, 'okrAlign:saveLink', { ...link, weight: 40, version: 1 })).status).toBe(200);
    const board = (await call(root, 'okrAlign:board')).data;
    const local = evaluate(demo, defaultSettings(), board.at);
    expect(board.evaluation.pool.allocations).toHaveLength(local.pool?.allocations.length ?? -1);
    expect(board.snapshot.peerReviews).toEqual([]);
    const krs = board.snapshot.keyResults as Kr[];
    expect(krs).toHaveLength(demo.keyResults.length);
    const saved = krs.find((k) => k.id === link.krId)!.links.find((l) => l.objectiveId === link.objectiveId);
    expect(saved).toMatchObject({ weight: 40, version: 2 });
    expect(krs.flatMap((k) => k.links).every((l) => typeof l.version === 'number')).toBe(true);
    // With the version from the board, the unlink succeeds at once.
    const removed = await call(root, 'okrAlign:deleteLink', { ...link, version: saved!.version });
    expect(removed.status).toBe(200);
  });
});
