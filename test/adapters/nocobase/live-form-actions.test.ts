// The escalation, objective, peer-review and activity actions over HTTP against a running NocoBase (NOCOBASE_URL):
// pack policy per role, the reference host's validation, audit, and peer-review anonymity.
import { base, type Caller, call, importDemo, liveLock, q, signInRoot, userFor } from './live-client.ts';

const QUARTER = '2027-Q1'; // no demo reviews: this file's own, removed before each run
const MARK = 'okr-live-h9';
const REVIEW_CYCLE = 'cycle-okr-live-2027-h1';

describe.skipIf(!base)('nocobase adapter: escalation, objective and peer-review actions over HTTP', () => {
  let release = () => {};
  let root: Caller = null;
  let rep: Caller = null; // 赵敏, sales in region-east
  let otherRep: Caller = null; // 孙浩, sales in region-east
  let thirdRep: Caller = null; // 吴倩, sales in region-east
  let manager: Caller = null; // 陈志强, manager of region-east
  let northManager: Caller = null; // 刘洋, manager of region-north
  let hr: Caller = null; // 林雪
  let strategy: Caller = null; // 王建国

  const startedAt = new Date().toISOString();
  const auditOf = async (action: string, subject: string) =>
    (
      await call(
        root,
        `okr_audit:list?filter=${q({ action, subject, at: { $gte: startedAt } })}&sort=at&pageSize=50`,
      )
    ).data as { actorId: string; detail: { before: unknown; after: unknown } }[];

  beforeAll(async () => {
    release = await liveLock();
    root = await signInRoot();
    await importDemo(root);
    await call(root, `okr_peer_reviews:destroy?filter=${q({ quarter: QUARTER })}`, {});
    await call(root, `okr_peer_review_windows:destroy?filterByTk=${QUARTER}`, {});
    await call(root, `okr_cycles:destroy?filterByTk=${REVIEW_CYCLE}`, {});
    rep = (await userFor(root, 'okr_live_zhaomin', ['okr_sales'], 'person-zhaomin')).as;
    otherRep = (await userFor(root, 'okr_live_sunhao', ['okr_sales'], 'person-sunhao')).as;
    thirdRep = (await userFor(root, 'okr_live_wuqian', ['okr_sales'], 'person-wuqian')).as;
    manager = (await userFor(root, 'okr_live_chenzhiqiang', ['okr_manager'], 'person-chenzhiqiang')).as;
    northManager = (await userFor(root, 'okr_live_liuyang', ['okr_manager'], 'person-liuyang')).as;
    hr = (await userFor(root, 'okr_live_linxue', ['okr_hr'], 'person-linxue')).as;
    strategy = (await userFor(root, 'okr_live_wangjianguo', ['okr_strategy'], 'person-wangjianguo')).as;
  }, 300_000);
  afterAll(async () => {
    if (root) {
      await call(root, `okr_peer_reviews:destroy?filter=${q({ quarter: QUARTER })}`, {});
      await call(root, `okr_escalations:destroy?filter=${q({ detail: { $includes: MARK } })}`, {});
      await call(root, `okr_objectives:destroy?filter=${q({ title: { $includes: MARK } })}`, {});
    }
    release();
  });

  it('lets a rep raise an escalation on their own KR only, assigned to their manager, audited', async () => {
    const body = { krId: 'kr-zhaomin-1', month: '2026-05', reason: 'blocker', detail: `${MARK} 客户卡住` };
    for (const who of [otherRep, northManager, strategy, hr]) {
      expect((await call(who, 'okrAlign:raiseEscalation', body)).status).toBe(403);
    }
    expect((await call(null, 'okrAlign:raiseEscalation', body)).status).toBe(401);
    const bad = await call(rep, 'okrAlign:raiseEscalation', { ...body, reason: 'bored' });
    expect(bad.status).toBe(400);
    expect(bad.errors?.[0]).toMatchObject({ code: 'invalid-request', params: { field: 'reason' } });
    const sneaky = await call(rep, 'okrAlign:raiseEscalation', { ...body, assigneeId: 'person-zhoulei' });
    expect(sneaky.status).toBe(400);
    expect((await call(rep, 'okrAlign:raiseEscalation', { ...body, krId: 'kr-nobody' })).status).toBe(404);

    const raised = await call(rep, 'okrAlign:raiseEscalation', body);
    expect(raised.status).toBe(200);
    expect(raised.data).toMatchObject({
      krId: 'kr-zhaomin-1',
      raisedById: 'person-zhaomin',
      assigneeId: 'person-chenzhiqiang',
      reason: 'blocker',
      resolvedAt: null,
      resolution: '',
    });
    const audit = await auditOf('escalation.raise', `escalation:${raised.data.id}`);
    expect(audit).toHaveLength(1);
    expect(audit[0]?.actorId).toBe('person-zhaomin');

    // Who sees it through the pack's read actions: the rep and their manager, not another region.
    const sees = async (who: Caller) =>
      ((await call(who, 'okrAlign:snapshot')).data.escalations as { id: string }[]).some(
        (e) => e.id === raised.data.id,
      );
    expect(await sees(rep)).toBe(true);
    expect(await sees(manager)).toBe(true);
    expect(await sees(northManager)).toBe(false);
  });

  it('assigns only to people the reference host allows and stamps the resolution time', async () => {
    const raised = await call(manager, 'okrAlign:raiseEscalation', {
      krId: 'kr-sunhao-2',
      month: '2026-04',
      reason: 'resource-request',
      detail: `${MARK} 需要技术支持`,
    });
    expect(raised.status).toBe(200);
    const id = raised.data.id as string;

    const assignees = await call(manager, 'okrAlign:escalationAssignees', { id });
    expect(assignees.status).toBe(200);
    expect(assignees.data.map((p: { id: string }) => p.id)).toEqual([
      'person-chenzhiqiang',
      'person-linxue',
      'person-zhoulei',
    ]);
    expect((await call(northManager, 'okrAlign:escalationAssignees', { id })).status).toBe(403);

    expect(
      (await call(otherRep, 'okrAlign:assignEscalation', { id, assigneeId: 'person-linxue' })).status,
    ).toBe(403);
    expect(
      (await call(northManager, 'okrAlign:assignEscalation', { id, assigneeId: 'person-linxue' })).status,
    ).toBe(403);
    const notAllowed = await call(manager, 'okrAlign:assignEscalation', { id, assigneeId: 'person-liuyang' });
    expect(notAllowed).toMatchObject({ status: 400, errors: [{ code: 'not-an-assignee' }] });
    const unknown = await call(manager, 'okrAlign:assignEscalation', { id, assigneeId: 'person-nobody' });
    expect(unknown).toMatchObject({ status: 400, errors: [{ code: 'unknown-assignee' }] });
    const assigned = await call(manager, 'okrAlign:assignEscalation', { id, assigneeId: 'person-linxue' });
    expect(assigned).toMatchObject({
      status: 200,
      data: { id, assigneeId: 'person-linxue', resolvedAt: null },
    });
    const notified = await call(
      root,
      `okr_notifications:list?filter=${q({ personId: 'person-linxue', dedupKey: `escalation:${id}:assigned:person-linxue` })}`,
    );
    expect(notified.data).toHaveLength(1);

    for (const who of [otherRep, northManager, strategy]) {
      expect((await call(who, 'okrAlign:resolveEscalation', { id, resolution: 'x' })).status).toBe(403);
    }
    expect((await call(hr, 'okrAlign:resolveEscalation', { id, resolution: '' })).status).toBe(400);
    const before = Date.now();
    // hr resolves as the assignee (the policy alone would not let hr resolve).
    const resolved = await call(hr, 'okrAlign:resolveEscalation', { id, resolution: '总部派工程师支持' });
    expect(resolved).toMatchObject({ status: 200, data: { id, resolution: '总部派工程师支持' } });
    const at = Date.parse(resolved.data.resolvedAt);
    expect(at).toBeGreaterThanOrEqual(before - 2000);
    expect(at).toBeLessThanOrEqual(Date.now() + 2000);

    const again = await call(manager, 'okrAlign:resolveEscalation', { id, resolution: 'again' });
    expect(again).toMatchObject({ status: 409, errors: [{ code: 'resolved' }] });
    expect(
      (await call(manager, 'okrAlign:assignEscalation', { id, assigneeId: 'person-chenzhiqiang' })).status,
    ).toBe(409);

    expect((await auditOf('escalation.assign', `escalation:${id}`))[0]?.actorId).toBe('person-chenzhiqiang');
    const resolveAudit = await auditOf('escalation.resolve', `escalation:${id}`);
    expect(resolveAudit).toHaveLength(1);
    expect(resolveAudit[0]).toMatchObject({
      actorId: 'person-linxue',
      detail: { before: { resolvedAt: null } },
    });
    const stored = await call(root, `okr_escalations:get?filterByTk=${id}`);
    expect(stored.data.resolvedAt).toBe(resolved.data.resolvedAt);
  });

  it('lets strategy and admin create and change objectives, nobody else', async () => {
    const body = { cycleId: 'cycle-2026-h1', title: `${MARK} 海外市场`, weight: 10, focusTags: ['overseas'] };
    for (const who of [rep, manager, hr]) {
      expect((await call(who, 'okrAlign:createObjective', body)).status).toBe(403);
    }
    const zero = await call(strategy, 'okrAlign:createObjective', { ...body, weight: 0 });
    expect(zero).toMatchObject({
      status: 400,
      errors: [{ code: 'invalid-request', params: { field: 'weight' } }],
    });
    expect(
      (await call(strategy, 'okrAlign:createObjective', { ...body, cycleId: 'cycle-nope' })).status,
    ).toBe(404);

    const created = await call(strategy, 'okrAlign:createObjective', body);
    expect(created).toMatchObject({
      status: 200,
      data: { ...body, ownerId: 'person-wangjianguo', version: 1, custom: null },
    });
    const id = created.data.id as string;
    const updated = await call(strategy, 'okrAlign:updateObjective', {
      id,
      version: 1,
      title: `${MARK} 海外市场（修订）`,
    });
    expect(updated).toMatchObject({
      status: 200,
      data: { id, weight: 10, title: `${MARK} 海外市场（修订）`, version: 2 },
    });
    const stale = await call(strategy, 'okrAlign:updateObjective', { id, version: 1, weight: 11 });
    expect(stale).toMatchObject({
      status: 409,
      errors: [{ code: 'stale-version', current: { id, version: 2 } }],
    });
    expect((await call(root, `okr_objectives:get?filterByTk=${id}`)).data).toMatchObject({
      version: 2,
      weight: 10,
    });
    expect((await call(rep, 'okrAlign:updateObjective', { id, version: 2, weight: 99 })).status).toBe(403);
    expect(
      (await call(root, 'okrAlign:updateObjective', { id: 'obj-nope', version: 1, weight: 5 })).status,
    ).toBe(404);

    const seen = (await call(rep, 'okrAlign:snapshot')).data.objectives as { id: string; title: string }[];
    expect(seen.find((o) => o.id === id)?.title).toBe(`${MARK} 海外市场（修订）`);
    expect((await auditOf('objective.create', `objective:${id}`))[0]?.actorId).toBe('person-wangjianguo');
    expect(await auditOf('objective.update', `objective:${id}`)).toHaveLength(1);

    await call(root, 'okr_cycles:update?filterByTk=cycle-2026-h1', { locked: true });
    try {
      const locked = await call(strategy, 'okrAlign:updateObjective', { id, version: 2, weight: 12 });
      expect(locked).toMatchObject({ status: 409, errors: [{ code: 'cycle-locked' }] });
    } finally {
      await call(root, 'okr_cycles:update?filterByTk=cycle-2026-h1', { locked: false });
    }
  });

  // A review's quarter must be a quarter of a cycle: these two run in a cycle of their own, removed after.
  describe('in a cycle of their own (no demo reviews)', () => {
    beforeAll(async () => {
      const cycle = {
        id: REVIEW_CYCLE,
        name: `${MARK} 2027 上半年`,
        start: '2027-01-01',
        end: '2027-06-30',
        locked: false,
      };
      const made = await call(root, 'okr_cycles:create', cycle);
      expect(made.status).toBe(200);
      // Reviews are taken only while HR keeps the quarter's window open.
      expect((await call(rep, 'okrAlign:openPeerReviewWindow', { quarter: QUARTER })).status).toBe(403);
      const opened = await call(hr, 'okrAlign:openPeerReviewWindow', { quarter: QUARTER });
      expect(opened).toMatchObject({ status: 200, data: { quarter: QUARTER, state: 'open' } });
    });
    afterAll(async () => {
      await call(root, `okr_peer_review_windows:destroy?filterByTk=${QUARTER}`, {});
      await call(root, `okr_cycles:destroy?filterByTk=${REVIEW_CYCLE}`, {});
    });

    it('stores a peer review as the signed-in rep, refuses self-review and duplicates', async () => {
      const scores = { collaboration: 4, crossRegionHelp: 3, knowledgeSharing: 5 };
      const body = { quarter: QUARTER, revieweeId: 'person-sunhao', scores, comment: '乐于分享' };
      for (const who of [hr, strategy]) {
        expect((await call(who, 'okrAlign:submitPeerReview', body)).status).toBe(403);
      }
      // A sales account not connected to a person has no one to review as.
      const unconnected = (await userFor(root, 'okr_live_h9_nobody', ['okr_sales'])).as;
      expect((await call(unconnected, 'okrAlign:submitPeerReview', body)).status).toBe(403);
      expect((await call(null, 'okrAlign:submitPeerReview', body)).status).toBe(401);
      const forged = await call(rep, 'okrAlign:submitPeerReview', { ...body, reviewerId: 'person-wuqian' });
      expect(forged).toMatchObject({
        status: 400,
        errors: [{ code: 'invalid-request', params: { field: 'reviewerId', reason: 'unknown-field' } }],
      });
      const self = await call(rep, 'okrAlign:submitPeerReview', { ...body, revieweeId: 'person-zhaomin' });
      expect(self).toMatchObject({ status: 400, errors: [{ code: 'self-review' }] });
      expect(
        (await call(rep, 'okrAlign:submitPeerReview', { ...body, revieweeId: 'person-nobody' })).status,
      ).toBe(404);

      const saved = await call(rep, 'okrAlign:submitPeerReview', body);
      expect(saved.status).toBe(200);
      expect(saved.data).toEqual({
        id: expect.any(String),
        quarter: QUARTER,
        revieweeId: 'person-sunhao',
        scores,
        comment: '乐于分享',
      });
      const dup = await call(rep, 'okrAlign:submitPeerReview', { ...body, comment: 'twice' });
      expect(dup).toMatchObject({ status: 409, errors: [{ code: 'already-reviewed' }] });

      const stored = await call(root, `okr_peer_reviews:get?filterByTk=${saved.data.id}`);
      expect(stored.data.reviewerId).toBe('person-zhaomin');
      const audit = await auditOf('peerReview.create', `peerReview:${saved.data.id}`);
      expect(audit).toHaveLength(1);
      expect(JSON.stringify(audit)).not.toContain('person-zhaomin');
    });

    it('never answers reviewer ids: the reviewer, the reviewee and hr read no reviewer anywhere', async () => {
      const scores = { collaboration: 2, crossRegionHelp: 4, knowledgeSharing: 3 };
      for (const who of [thirdRep, manager]) {
        const r = await call(who, 'okrAlign:submitPeerReview', {
          quarter: QUARTER,
          revieweeId: 'person-sunhao',
          scores,
        });
        expect(r.status).toBe(200);
      }
      const reviewers = ['person-zhaomin', 'person-wuqian', 'person-chenzhiqiang'];
      // No reviewer field, and (in the aggregates) none of the reviewers' ids.
      const leaks = (answer: unknown, aggregate = false) => {
        const text = JSON.stringify(answer);
        return text.includes('reviewerId') || (aggregate && reviewers.some((r) => text.includes(r)));
      };

      const mine = await call(rep, 'okrAlign:myPeerReviews', { quarter: QUARTER });
      expect(mine.status).toBe(200);
      expect(mine.data.map((r: { revieweeId: string }) => r.revieweeId)).toEqual(['person-sunhao']);
      for (const who of [rep, otherRep]) {
        for (const action of ['okrAlign:snapshot', 'okrAlign:board']) {
          const answer = await call(who, action);
          expect(answer.status).toBe(200);
          expect(JSON.stringify(answer.data), action).not.toContain('reviewerId');
        }
        expect((await call(who, 'okrAlign:evaluate')).status).toBe(403); // metrics: not for reps
        expect(leaks((await call(who, 'okrAlign:myPeerReviews', {})).data)).toBe(false);
        expect((await call(who, 'okr_peer_reviews:list')).status).toBe(403);
        expect((await call(who, 'okr_audit:list')).status).toBe(403);
      }
      // The reviewee reads their own aggregate once the window has closed; a colleague may not.
      expect((await call(hr, 'okrAlign:closePeerReviewWindow', { quarter: QUARTER })).status).toBe(200);
      const own = await call(otherRep, 'okrAlign:peerReviewSummary', {
        personId: 'person-sunhao',
        quarter: QUARTER,
      });
      expect(own).toMatchObject({ status: 200, data: { count: 3, shown: true } });
      expect(leaks(own.data, true)).toBe(false);
      expect(
        (await call(rep, 'okrAlign:peerReviewSummary', { personId: 'person-sunhao', quarter: QUARTER }))
          .status,
      ).toBe(403);

      const summary = await call(hr, 'okrAlign:peerReviewSummary', {
        personId: 'person-sunhao',
        quarter: QUARTER,
      });
      expect(summary.status).toBe(200);
      expect(summary.data).toMatchObject({
        personId: 'person-sunhao',
        count: 3,
        minReviewers: 3,
        shown: true,
      });
      expect(summary.data.averages.collaboration).toBeCloseTo((4 + 2 + 2) / 3);
      expect(leaks(summary.data, true)).toBe(false);
      expect((await call(hr, 'okrAlign:myPeerReviews', {})).data).toEqual([]);
      expect((await call(hr, 'okr_peer_reviews:list')).status).toBe(403);
    });
  });

  it('lets the manager, hr or an admin save a monthly activity, not the rep; audited', async () => {
    const body = {
      personId: 'person-sunhao',
      month: '2026-06',
      dealsSigned: 3,
      dealsAmountCents: 12_000_000,
      highMarginAmountCents: 4_000_000,
      clientVisits: 14,
      proposalsSent: 5,
      proposalsWon: 2,
      collectionsCents: 9_000_000,
    };
    for (const who of [otherRep, rep, northManager, strategy]) {
      expect((await call(who, 'okrAlign:saveActivity', body)).status).toBe(403);
    }
    expect((await call(manager, 'okrAlign:saveActivity', { ...body, clientVisits: -1 })).status).toBe(400);
    expect(
      (await call(manager, 'okrAlign:saveActivity', { ...body, personId: 'person-nobody' })).status,
    ).toBe(404);
    const saved = await call(manager, 'okrAlign:saveActivity', body);
    expect(saved).toMatchObject({ status: 200, data: body });
    expect((await call(hr, 'okrAlign:saveActivity', { ...body, clientVisits: 15 })).status).toBe(200);
    const seen = (await call(otherRep, 'okrAlign:snapshot')).data.activities as {
      month: string;
      clientVisits: number;
    }[];
    expect(seen.find((a) => a.month === '2026-06')?.clientVisits).toBe(15);
    const audit = await auditOf('activity.save', 'activity:person-sunhao:2026-06');
    expect(audit.map((a) => a.actorId)).toEqual(['person-chenzhiqiang', 'person-linxue']);
  });
});
