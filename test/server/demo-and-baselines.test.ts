import { demoAccounts } from '../../host/demo/case-study.ts';
import { caseStudyBaselines } from '../../host/demo/case-study-baselines.ts';
import { createUser } from '../../host/server/seed.ts';
import { LOGINS, startServer, type TestServer } from './helpers.ts';

describe('GET /api/demo-logins', () => {
  it('lists the demo accounts, without signing in, when the server was seeded with the demo', async () => {
    const server = await startServer();
    try {
      const res = await server.anonymous().get('/api/demo-logins');
      expect(res.status).toBe(200);
      expect(res.body).toHaveLength(demoAccounts.length);
      expect(res.body).toContainEqual({
        login: LOGINS.hr,
        displayName: '林雪',
        role: 'hr',
        password: demoAccounts[0]?.password,
      });
      // The listed passwords sign in.
      expect((await server.login(res.body[0].login)).cookie).toBeTruthy();
    } finally {
      await server.close();
    }
  });

  it('answers no logins when the database was not seeded with the demo', async () => {
    const server = await startServer({ seed: false });
    try {
      const res = await server.anonymous().get('/api/demo-logins');
      expect([res.status, res.body]).toEqual([200, []]);
      expect(JSON.stringify(res.body)).not.toContain('demo1234');
    } finally {
      await server.close();
    }
  });
});

describe('metric baselines', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server.close());

  it('returns the demo seed\'s "before" figures with the metrics', async () => {
    const strategy = await server.login(LOGINS.strategy);
    const metrics = await strategy.get('/api/metrics');
    expect(metrics.status).toBe(200);
    const seeded = caseStudyBaselines.find((b) => b.cycleId === metrics.body.cycleId);
    expect(seeded).toBeDefined();
    expect(metrics.body.baseline).toMatchObject({
      cycleId: metrics.body.cycleId,
      alignmentRate: seeded?.alignmentRate,
      averageResponseDays: seeded?.averageResponseDays,
      highMarginShare: seeded?.highMarginShare,
    });
  });

  it('lets hr edit a baseline, audited; others may not', async () => {
    const hr = await server.login(LOGINS.hr);
    const manager = await server.login(LOGINS.manager);
    const body = {
      alignmentRate: 0.4,
      averageResponseDays: 9.5,
      highMarginShare: null,
      source: 'survey 2025',
    };
    expect((await manager.put('/api/metric-baselines/cycle-2026-h1', body)).status).toBe(403);
    const put = await hr.put('/api/metric-baselines/cycle-2026-h1', body);
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect(put.body).toMatchObject({ ...body, updatedById: 'person-linxue' });
    expect((await manager.get('/api/metrics')).body.baseline).toMatchObject(body);
    expect((await manager.get('/api/metric-baselines/cycle-2026-h1')).body).toMatchObject(body);

    const audit = (await hr.get('/api/audit?subjectType=metricBaseline')).body as {
      action: string;
      before: { alignmentRate: number } | null;
    }[];
    expect(audit[0]?.action).toBe('metricBaseline.update');
    expect(audit[0]?.before?.alignmentRate).toBe(caseStudyBaselines[0]?.alignmentRate);

    expect((await hr.put('/api/metric-baselines/no-such-cycle', body)).status).toBe(404);
    const bad = await hr.put('/api/metric-baselines/cycle-2026-h1', { ...body, alignmentRate: 38 });
    expect(bad.status).toBe(400);
  });

  it('has no baseline (null) for a database seeded without one', async () => {
    const bare = await startServer({ seed: false });
    try {
      const { db } = bare.storage;
      await db.insertInto('regions').values({ id: 'r', name: 'R' }).execute();
      await db
        .insertInto('people')
        .values({
          id: 'p',
          name: 'P',
          role: 'strategy',
          region_id: null,
          manager_id: null,
          base_bonus_cents: 0,
        })
        .execute();
      await db
        .insertInto('cycles')
        .values({ id: 'c', name: 'C', start_date: '2026-01-01', end_date: '2026-06-30', locked: 0 })
        .execute();
      await createUser(db, { login: 'p', personId: 'p', password: 'long-enough-1' }, new Date());
      const client = bare.anonymous();
      expect((await client.post('/api/auth/login', { login: 'p', password: 'long-enough-1' })).status).toBe(
        200,
      );
      const metrics = await client.get('/api/metrics?cycleId=c');
      expect(metrics.status, JSON.stringify(metrics.body)).toBe(200);
      expect(metrics.body.baseline).toBeNull();
    } finally {
      await bare.close();
    }
  });
});
