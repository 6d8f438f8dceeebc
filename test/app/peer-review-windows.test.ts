import {
  closePeerReviewWindow,
  openPeerReviewWindow,
  submitPeerReview,
  takesReviews,
  updatePeerReview,
} from '../../plugin/app/commands/peer-reviews.ts';
import {
  myPeerReviewAssignments,
  myPeerReviews,
  peerReviewCompletion,
  peerReviewSummaryOf,
} from '../../plugin/app/queries/peer-reviews.ts';
import type { HostUser } from '../../plugin/sdk/index.ts';
import { startServer, type TestServer } from '../server/helpers.ts';
import { auditActions, DATABASES, refusalOf, run, userOf } from './run-as.ts';

// The demo (2026 H1, "today" 2026-06-15) has 2026-Q2 reviews among the east reps but none of their
// manager chenzhiqiang, and no review windows.
const Q = '2026-Q2';
const scores = { collaboration: 4, crossRegionHelp: 3, knowledgeSharing: 5 };
const REVIEWER_IDS = ['person-zhaomin', 'person-sunhao', 'person-wuqian', 'person-zhengkai'];

describe.each(DATABASES)('peer-review windows on %s', (name, databaseUrl) => {
  const skip = name === 'postgres' && !databaseUrl;
  const test = skip ? it.skip : it;
  let server: TestServer;
  const as: Record<string, HostUser> = {};
  const review = (by: HostUser, revieweeId: string, quarter = Q) =>
    run(server, by, submitPeerReview, { quarter, revieweeId, scores, comment: '协作顺畅' });
  const open = (over: Record<string, unknown> = {}) =>
    run(server, as.hr!, openPeerReviewWindow, {
      quarter: Q,
      crossRegion: [{ reviewerId: 'person-zhengkai', revieweeId: 'person-chenzhiqiang' }],
      ...over,
    });

  beforeAll(async () => {
    if (skip) return;
    server = await startServer({ databaseUrl });
    for (const [key, person] of Object.entries({
      zhaomin: 'person-zhaomin',
      sunhao: 'person-sunhao',
      wuqian: 'person-wuqian',
      zhengkai: 'person-zhengkai',
      chen: 'person-chenzhiqiang',
      hr: 'person-linxue',
    }))
      as[key] = await userOf(server, person);
  });
  afterAll(() => server?.close());

  test('refuses a review while no window is open', async () => {
    expect(await refusalOf(review(as.zhaomin!, 'person-chenzhiqiang'))).toEqual({
      status: 409,
      code: 'review-window-closed',
      params: { quarter: Q },
    });
  });

  test('lets only hr open a window and refuses bad cross-region pairs and past closing days', async () => {
    // Opened and closed once first: the race below then also covers reopening (a compare-and-set).
    await open({ crossRegion: [] });
    await run(server, as.hr!, closePeerReviewWindow, { quarter: Q });
    expect((await refusalOf(run(server, as.zhaomin!, openPeerReviewWindow, { quarter: Q }))).status).toBe(
      403,
    );
    expect(await refusalOf(open({ closesOn: '2026-06-01' }))).toEqual({
      status: 400,
      code: 'closes-on-past',
      params: { date: '2026-06-01' },
    });
    const sameRegion = [{ reviewerId: 'person-sunhao', revieweeId: 'person-chenzhiqiang' }];
    expect(await refusalOf(open({ crossRegion: sameRegion }))).toMatchObject({
      status: 400,
      code: 'cross-region-invalid',
      params: { reviewer: '孙浩' },
    });
    const three = ['person-zhengkai', 'person-hejunjie', 'person-wanglei'].map((reviewerId) => ({
      reviewerId,
      revieweeId: 'person-chenzhiqiang',
    }));
    expect(await refusalOf(open({ crossRegion: three }))).toMatchObject({
      status: 400,
      code: 'too-many-cross-region',
      params: { max: 2 },
    });
  });

  test('two opens at once are one window and one 409, audited once as hr', async () => {
    const results = await Promise.all([refusalOf(open()), refusalOf(open())]);
    expect(results.map((r) => r.status).sort()).toEqual([0, 409]);
    expect(results.find((r) => r.status === 409)?.code).toBe('review-window-open');
    const audit = await auditActions(server, 'peerReviewWindow', Q);
    expect(audit.map((a) => a.action)).toEqual([
      'peerReviewWindow.open',
      'peerReviewWindow.close',
      'peerReviewWindow.open',
    ]);
    expect(audit.every((a) => a.actorId === 'person-linxue')).toBe(true);
  });

  test('takes reviews of assigned colleagues only, and shows the reviewer their progress', async () => {
    expect(await refusalOf(review(as.zhaomin!, 'person-zhengkai'))).toEqual({
      status: 409,
      code: 'not-assigned',
      params: { name: '郑凯', quarter: Q },
    });
    const before = await run(server, as.zhaomin!, myPeerReviewAssignments, {});
    expect(before.window).toMatchObject({ quarter: Q, state: 'open', takesReviews: true });
    expect(before.reviewees.map((r) => [r.name, r.regionName, r.review !== null])).toEqual([
      ['陈志强', '华东', false],
      ['孙浩', '华东', true],
      ['吴倩', '华东', true],
    ]);
    expect([before.done, before.total]).toEqual([2, 3]);
    for (const who of ['zhaomin', 'sunhao', 'wuqian', 'zhengkai'])
      expect((await refusalOf(review(as[who]!, 'person-chenzhiqiang'))).status).toBe(0);
    const after = await run(server, as.zhaomin!, myPeerReviewAssignments, { quarter: Q });
    expect([after.done, after.total]).toEqual([3, 3]);
    // HR's cross-region pick reviews across regions; nobody else does.
    const cross = await run(server, as.zhengkai!, myPeerReviewAssignments, {});
    expect(cross.reviewees.find((r) => r.personId === 'person-chenzhiqiang')?.crossRegion).toBe(true);
  });

  test('lets the reviewer edit their review while the window is open, and nobody else', async () => {
    const [mine] = (await run(server, as.zhaomin!, myPeerReviews, { quarter: Q })).filter(
      (r) => r.revieweeId === 'person-chenzhiqiang',
    );
    const changed = { ...scores, collaboration: 2 };
    const saved = await run(server, as.zhaomin!, updatePeerReview, { id: mine!.id, scores: changed });
    expect(saved).toMatchObject({ scores: changed, comment: '协作顺畅' });
    expect(saved).not.toHaveProperty('reviewerId');
    expect((await refusalOf(run(server, as.sunhao!, updatePeerReview, { id: mine!.id, scores }))).code).toBe(
      'not-found',
    );
    const audit = await auditActions(server, 'peerReview', mine!.id);
    expect(audit.map((a) => [a.action, a.actorId])).toEqual([
      ['peerReview.create', null],
      ['peerReview.update', null],
    ]);
  });

  test('counts completion for hr without saying who wrote what', async () => {
    expect((await refusalOf(run(server, as.zhaomin!, peerReviewCompletion, { quarter: Q }))).status).toBe(
      403,
    );
    const completion = await run(server, as.hr!, peerReviewCompletion, { quarter: Q });
    const row = (id: string) => completion.people.find((p) => p.personId === id);
    expect(row('person-zhaomin')).toEqual({
      personId: 'person-zhaomin',
      name: '赵敏',
      regionName: '华东',
      done: 3,
      total: 3,
    });
    expect(row('person-chenzhiqiang')).toMatchObject({ done: 0, total: 3 });
    expect(JSON.stringify(completion)).not.toMatch(/reviewerId|revieweeId|scores|comment/);
  });

  test('the reviewee and the manager read no reviewer, and the reviewee no aggregate until it closes', async () => {
    const whileOpen = await run(server, as.chen!, peerReviewSummaryOf, {
      personId: 'person-chenzhiqiang',
      quarter: Q,
    });
    expect(whileOpen).toMatchObject({
      count: 4,
      shown: false,
      averages: null,
      comments: [],
      windowOpen: true,
    });
    await run(server, as.hr!, closePeerReviewWindow, { quarter: Q });
    const closed = await run(server, as.chen!, peerReviewSummaryOf, {
      personId: 'person-chenzhiqiang',
      quarter: Q,
    });
    expect(closed).toMatchObject({ count: 4, shown: true });
    expect(closed.averages?.collaboration).toBeCloseTo((2 + 4 + 4 + 4) / 4);
    // The manager reads their rep's aggregate and their own lists: none carries a reviewer.
    const answers = [
      closed,
      await run(server, as.chen!, peerReviewSummaryOf, { personId: 'person-zhaomin', quarter: Q }),
      await run(server, as.chen!, myPeerReviews, {}),
      await run(server, as.chen!, myPeerReviewAssignments, { quarter: Q }),
      await run(server, as.zhaomin!, myPeerReviewAssignments, { quarter: Q }),
    ];
    for (const answer of answers) expect(JSON.stringify(answer)).not.toContain('reviewerId');
    // The aggregates name none of the people who wrote them.
    for (const aggregate of answers.slice(0, 2) as { personId: string }[])
      for (const id of REVIEWER_IDS.filter((r) => r !== aggregate.personId))
        expect(JSON.stringify(aggregate)).not.toContain(id);
  });

  test('refuses new reviews and edits once closed, and a second close', async () => {
    expect(await refusalOf(review(as.chen!, 'person-zhaomin'))).toMatchObject({
      status: 409,
      code: 'review-window-closed',
    });
    const [mine] = await run(server, as.zhaomin!, myPeerReviews, { quarter: Q });
    expect((await refusalOf(run(server, as.zhaomin!, updatePeerReview, { id: mine!.id, scores }))).code).toBe(
      'review-window-closed',
    );
    expect((await refusalOf(run(server, as.hr!, closePeerReviewWindow, { quarter: Q }))).status).toBe(409);
  });

  test('stops taking reviews after the closing day even before hr closes it', async () => {
    const window = await run(server, as.hr!, openPeerReviewWindow, {
      quarter: '2026-Q1',
      closesOn: '2026-06-15',
    });
    expect(takesReviews(window, '2026-06-15T23:59:00.000Z')).toBe(true);
    expect(takesReviews(window, '2026-06-16T00:00:00.000Z')).toBe(false);
    expect(takesReviews({ ...window, closesOn: null }, '2099-01-01T00:00:00.000Z')).toBe(true);
    expect(takesReviews({ ...window, state: 'closed' }, '2026-06-01T00:00:00.000Z')).toBe(false);
  });
});
