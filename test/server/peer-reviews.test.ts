import { type Client, LOGINS, startServer, type TestServer } from './helpers.ts';

// The demo has one cycle (2026 H1) and no reviews of managers: person-chenzhiqiang (LOGINS.manager)
// starts with none for 2026-Q2.
const databases = [
  ['SQLite', undefined],
  ['PostgreSQL', process.env.DATABASE_URL],
] as const;

describe.each(databases)('peer reviews keep reviewers anonymous (%s)', (name, databaseUrl) => {
  const skip = name === 'PostgreSQL' && !databaseUrl;
  const test = skip ? it.skip : it;
  let server: TestServer;
  let sales: Client;
  let manager: Client;
  let hr: Client;
  const scores = { collaboration: 4, crossRegionHelp: 3, knowledgeSharing: 5 };
  const reviewee = 'person-chenzhiqiang';
  const summaryPath = `/api/peer-reviews/summary/${reviewee}?quarter=2026-Q2`;
  // zhengkai (south) reviews across regions as HR's pick; sunhao and wuqian are the manager's region.
  const openWindow = {
    quarter: '2026-Q2',
    crossRegion: [{ reviewerId: 'person-zhengkai', revieweeId: reviewee }],
  };

  beforeAll(async () => {
    if (skip) return;
    server = await startServer({ databaseUrl });
    sales = await server.login(LOGINS.sales);
    manager = await server.login(LOGINS.manager);
    hr = await server.login(LOGINS.hr);
    expect((await hr.post('/api/peer-review-windows', openWindow)).status).toBe(201);
  });
  afterAll(() => server?.close());

  test('shows no aggregate below the minimum number of reviewers', async () => {
    const reviewers = ['sunhao', 'wuqian'];
    for (const login of reviewers) {
      const c = await server.login(login);
      const res = await c.post('/api/peer-reviews', {
        quarter: '2026-Q2',
        revieweeId: reviewee,
        scores,
        comment: `合作顺畅 ${reviewers.indexOf(login)}`,
      });
      expect(res.status).toBe(201);
      expect(res.body).not.toHaveProperty('reviewerId');
    }
    const summary = await manager.get(summaryPath);
    expect(summary.body).toMatchObject({ count: 2, shown: false, averages: null, comments: [] });
  });

  test('shows averages and comments without reviewer ids once enough reviews exist', async () => {
    const third = await server.login('zhengkai');
    await third.post('/api/peer-reviews', {
      quarter: '2026-Q2',
      revieweeId: reviewee,
      scores: { ...scores, collaboration: 2 },
      comment: '跨区支援及时',
    });
    // The reviewee reads the aggregate once the window has closed.
    expect((await hr.post('/api/peer-review-windows/2026-Q2/close', {})).status).toBe(200);
    const summary = await manager.get(summaryPath);
    expect(summary.body).toMatchObject({ count: 3, shown: true });
    expect(summary.body.averages.collaboration).toBeCloseTo(10 / 3);
    const text = JSON.stringify(summary.body);
    for (const id of ['person-sunhao', 'person-wuqian', 'person-zhengkai', 'sunhao', 'wuqian', 'zhengkai']) {
      expect(text).not.toContain(id);
    }
    expect(summary.body.comments).toEqual([...summary.body.comments].sort());
    const mine = await third.get('/api/peer-reviews/mine?quarter=2026-Q2');
    expect(mine.body.map((r: { revieweeId: string }) => r.revieweeId)).toContain(reviewee);
    expect(JSON.stringify(mine.body)).not.toContain('reviewerId');
  });

  test('audits a review without its reviewer', async () => {
    const audit = (await hr.get('/api/audit?subjectType=peerReview')).body as {
      actorId: string | null;
      after: { revieweeId: string };
    }[];
    const rows = audit.filter((a) => a.after?.revieweeId === reviewee);
    expect(rows).toHaveLength(3);
    expect(rows.every((a) => a.actorId === null)).toBe(true);
    expect(JSON.stringify(rows)).not.toMatch(/sunhao|wuqian|zhengkai/);
  });

  test('never lets a rep read raw reviews or other reps’ summaries', async () => {
    expect((await sales.get('/api/peer-reviews?quarter=2026-Q2')).status).toBe(403);
    expect((await sales.get('/api/peer-reviews/summary/person-sunhao?quarter=2026-Q2')).status).toBe(403);
    const raw = (await hr.get('/api/peer-reviews?quarter=2026-Q2')).body as {
      reviewerId: string;
      revieweeId: string;
    }[];
    expect(
      raw
        .filter((r) => r.revieweeId === reviewee)
        .map((r) => r.reviewerId)
        .sort(),
    ).toEqual(['person-sunhao', 'person-wuqian', 'person-zhengkai']);
  });

  test('refuses self-reviews, a second review, non-peers, unknown people and quarters outside the cycles', async () => {
    expect((await hr.post('/api/peer-review-windows', openWindow)).status).toBe(201);
    const review = (over: Record<string, unknown>) => ({
      quarter: '2026-Q2',
      revieweeId: reviewee,
      scores,
      ...over,
    });
    const self = await manager.post('/api/peer-reviews', review({}));
    expect([self.status, self.body.code]).toEqual([400, 'self-review']);
    const again = await (await server.login('sunhao')).post('/api/peer-reviews', review({}));
    expect([again.status, again.body.code, again.body.params]).toEqual([
      409,
      'already-reviewed',
      { quarter: '2026-Q2' },
    ]);
    const admin = await sales.post('/api/peer-reviews', review({ revieweeId: 'person-zhoulei' }));
    expect([admin.status, admin.body.code, admin.body.params]).toEqual([
      400,
      'not-a-peer',
      { id: 'person-zhoulei' },
    ]);
    const future = await sales.post('/api/peer-reviews', review({ quarter: '2099-Q1' }));
    expect([future.status, future.body.code, future.body.params]).toEqual([
      400,
      'quarter-outside-cycles',
      { quarter: '2099-Q1' },
    ]);
    const nobody = await sales.post('/api/peer-reviews', review({ revieweeId: 'person-nobody' }));
    expect([nobody.status, nobody.body.code]).toEqual([404, 'not-found']);
    const raw = (await hr.get('/api/peer-reviews')).body as { revieweeId: string; quarter: string }[];
    expect(raw.filter((r) => r.revieweeId === 'person-zhoulei' || r.quarter === '2099-Q1')).toEqual([]);
  });
});
