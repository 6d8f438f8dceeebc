import { type Client, LOGINS, startServer, type TestServer } from './helpers.ts';

describe('peer reviews keep reviewers anonymous', () => {
  let server: TestServer;
  let sales: Client;
  let hr: Client;
  const scores = { collaboration: 4, crossRegionHelp: 3, knowledgeSharing: 5 };

  beforeAll(async () => {
    server = await startServer();
    sales = await server.login(LOGINS.sales);
    hr = await server.login(LOGINS.hr);
  });
  afterAll(() => server.close());

  it('shows no aggregate below the minimum number of reviewers', async () => {
    const reviewers = ['sunhao', 'wuqian'];
    for (const login of reviewers) {
      const c = await server.login(login);
      expect(
        (
          await c.post('/api/peer-reviews', {
            quarter: '2026-Q3',
            revieweeId: 'person-zhaomin',
            scores,
            comment: `合作顺畅 ${reviewers.indexOf(login)}`,
          })
        ).status,
      ).toBe(201);
    }
    const summary = await sales.get('/api/peer-reviews/summary/person-zhaomin?quarter=2026-Q3');
    expect(summary.body).toMatchObject({ count: 2, shown: false, averages: null, comments: [] });
  });

  it('shows averages and comments without reviewer ids once enough reviews exist', async () => {
    const third = await server.login('zhengkai');
    await third.post('/api/peer-reviews', {
      quarter: '2026-Q3',
      revieweeId: 'person-zhaomin',
      scores: { ...scores, collaboration: 2 },
      comment: '跨区支援及时',
    });
    const summary = await sales.get('/api/peer-reviews/summary/person-zhaomin?quarter=2026-Q3');
    expect(summary.body).toMatchObject({ count: 3, shown: true });
    expect(summary.body.averages.collaboration).toBeCloseTo(10 / 3);
    const text = JSON.stringify(summary.body);
    for (const id of ['person-sunhao', 'person-wuqian', 'person-zhengkai', 'sunhao', 'wuqian', 'zhengkai']) {
      expect(text).not.toContain(id);
    }
    expect(summary.body.comments).toEqual([...summary.body.comments].sort());
  });

  it('never lets a rep read raw reviews or other reps’ summaries', async () => {
    expect((await sales.get('/api/peer-reviews?quarter=2026-Q3')).status).toBe(403);
    expect((await sales.get('/api/peer-reviews/summary/person-sunhao?quarter=2026-Q3')).status).toBe(403);
    const raw = (await hr.get('/api/peer-reviews?quarter=2026-Q3')).body as { reviewerId: string }[];
    expect(raw.length).toBe(3);
  });

  it('refuses self-reviews and a second review of the same person', async () => {
    expect(
      (await sales.post('/api/peer-reviews', { quarter: '2026-Q3', revieweeId: 'person-zhaomin', scores }))
        .status,
    ).toBe(400);
    const c = await server.login('sunhao');
    expect(
      (await c.post('/api/peer-reviews', { quarter: '2026-Q3', revieweeId: 'person-zhaomin', scores }))
        .status,
    ).toBe(409);
  });
});
