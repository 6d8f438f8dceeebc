import { notifyServicesOf } from '../../host/server/schedules/notify-services.ts';
import type { Occurrence } from '../../host/server/schedules/occurrences.ts';
import { defaultScheduleDocument } from '../../host/server/schedules/schedule-document.ts';
import { type Client, LOGINS, startServer, type TestServer } from './helpers.ts';

// HR opens and closes a quarter's review window over HTTP; reps review inside it and no answer a rep
// can get names who reviewed them. Demo "today": 2026-06-15; LOGINS.sales is person-zhaomin (east).
describe('peer-review windows over HTTP', () => {
  let server: TestServer;
  let sales: Client;
  let manager: Client;
  let hr: Client;
  const scores = { collaboration: 4, crossRegionHelp: 3, knowledgeSharing: 5 };

  beforeAll(async () => {
    server = await startServer();
    sales = await server.login(LOGINS.sales);
    manager = await server.login(LOGINS.manager);
    hr = await server.login(LOGINS.hr);
  });
  afterAll(() => server?.close());

  it('lets hr and admins open, close and count a window; sales and managers get 403', async () => {
    const body = { quarter: '2026-Q2', closesOn: '2026-06-30' };
    for (const c of [sales, manager]) {
      const refused = await c.post('/api/peer-review-windows', body);
      expect([refused.status, refused.body.code]).toEqual([403, 'forbidden']);
      expect((await c.get('/api/peer-review-windows/2026-Q2/completion')).status).toBe(403);
    }
    const opened = await hr.post('/api/peer-review-windows', {
      ...body,
      crossRegion: [{ reviewerId: 'person-zhengkai', revieweeId: 'person-zhaomin' }],
    });
    expect([opened.status, opened.body.state, opened.body.closesOn]).toEqual([201, 'open', '2026-06-30']);
    expect((await manager.post('/api/peer-review-windows/2026-Q2/close', {})).status).toBe(403);
    // A rep sees when the window runs, not HR's pairs of who reviews whom.
    const windows = (await sales.get('/api/peer-review-windows')).body;
    expect(windows).toEqual([
      { quarter: '2026-Q2', state: 'open', closesOn: '2026-06-30', takesReviews: true },
    ]);
    expect((await hr.get('/api/peer-review-windows')).body[0].crossRegion).toHaveLength(1);
  });

  it('takes a review and its edit inside the window, and refuses colleagues not assigned', async () => {
    const saved = await manager.post('/api/peer-reviews', {
      quarter: '2026-Q2',
      revieweeId: 'person-zhaomin',
      scores,
    });
    expect(saved.status).toBe(201);
    const edited = await manager.put(`/api/peer-reviews/${saved.body.id}`, {
      scores: { ...scores, knowledgeSharing: 1 },
      comment: '资料整理很规范',
    });
    expect([edited.status, edited.body.scores.knowledgeSharing]).toEqual([200, 1]);
    const far = await sales.post('/api/peer-reviews', {
      quarter: '2026-Q2',
      revieweeId: 'person-hantao',
      scores,
    });
    expect([far.status, far.body.code, far.body.params]).toEqual([
      409,
      'not-assigned',
      { name: '韩涛', quarter: '2026-Q2' },
    ]);
    const mine = (await manager.get('/api/peer-reviews/assignments')).body;
    expect(mine.window.quarter).toBe('2026-Q2');
    expect(mine.reviewees.find((r: { name: string }) => r.name === '赵敏').review.comment).toBe(
      '资料整理很规范',
    );
  });

  it('answers a rep nothing that names who reviewed them, on any route they may call', async () => {
    expect((await hr.post('/api/peer-review-windows/2026-Q2/close', {})).status).toBe(200);
    const reviewers = (await hr.get('/api/peer-reviews?quarter=2026-Q2')).body
      .filter((r: { revieweeId: string }) => r.revieweeId === 'person-zhaomin')
      .map((r: { reviewerId: string }) => r.reviewerId);
    expect(reviewers).toContain('person-chenzhiqiang');
    // Every GET route a rep passes, with the rep's own ids in its path.
    const paths = server.app.ctx.routes
      .filter((r) => r.method === 'GET' && (r.access === 'signed-in' || String(r.access).includes('sales')))
      .map((r) =>
        r.url
          .replace(':personId', 'person-zhaomin')
          .replace(':quarter', '2026-Q2')
          .replace(':cycleId', 'cycle-2026-h1'),
      )
      .filter((url) => !url.includes(':') && !url.includes('*'));
    expect(paths).toContain('/api/peer-reviews/summary/person-zhaomin');
    let read = 0;
    for (const path of paths) {
      let res = await sales.get(path);
      // Routes that need a quarter (peer reviews, pool runs) get the window's.
      if (res.status === 400) res = await sales.get(`${path}?quarter=2026-Q2`);
      if (res.status !== 200) continue;
      read += 1;
      expect(JSON.stringify(res.body), path).not.toContain('reviewerId');
    }
    expect(read).toBeGreaterThan(10);
    const summary = (await sales.get('/api/peer-reviews/summary/person-zhaomin?quarter=2026-Q2')).body;
    expect(summary.shown).toBe(true);
    for (const id of reviewers) expect(JSON.stringify(summary)).not.toContain(id);
  });
});

describe('the peer-review schedule', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server?.close());

  it('opens and closes the window through the same commands, and a window already there is no failure', async () => {
    const { runner } = await notifyServicesOf(server.app, server.app.ctx);
    const doc = defaultScheduleDocument();
    const at = (scheduleId: Occurrence['scheduleId']): Occurrence => ({
      scheduleId,
      occurrence: '2026-Q2',
      scheduledAt: '2026-06-15T01:00:00.000Z',
      localDate: '2026-06-15',
      about: '2026-Q2',
    });
    const hr = await server.login(LOGINS.hr);
    expect((await runner.runOccurrence(at('peer-review-open'), doc)).error).toBeUndefined();
    const [opened] = (await hr.get('/api/peer-review-windows')).body;
    expect(opened).toMatchObject({
      quarter: '2026-Q2',
      state: 'open',
      closesOn: '2026-07-05',
      openedById: 'system',
    });
    expect((await runner.runOccurrence(at('peer-review-open'), doc)).error).toBeUndefined();
    expect((await runner.runOccurrence(at('peer-review-close'), doc)).error).toBeUndefined();
    expect((await hr.get('/api/peer-review-windows')).body[0].state).toBe('closed');
    const audit = (await hr.get('/api/audit?subjectType=peerReviewWindow')).body as { action: string }[];
    expect(audit.map((a) => a.action).sort()).toEqual(['peerReviewWindow.close', 'peerReviewWindow.open']);
  });
});
