import { type Client, LOGINS, startServer, type TestServer } from './helpers.ts';

// DEMO_NOW is 2026-06-15: Q1 has ended, Q2 runs until 06-30.
describe('statements of a pool computed before its quarter ended say so', () => {
  let server: TestServer;
  let hr: Client;
  beforeAll(async () => {
    server = await startServer();
    hr = await server.login(LOGINS.hr);
  });
  afterAll(() => server.close());

  const computedStatements = async (quarter: string) => {
    const created = await hr.post('/api/pool-runs', { quarter });
    expect(created.status).toBe(201);
    const computed = await hr.post(`/api/pool-runs/${created.body.id}/compute`, {
      version: created.body.version,
    });
    expect(computed.status).toBe(200);
    const statements = await hr.get(`/api/pool-runs/${created.body.id}/statements`);
    expect(statements.status).toBe(200);
    return statements.body as { quarterOpen: { quarterEndsOn: string } | null }[];
  };

  it('marks every statement of an unfinished quarter with the day it ends', async () => {
    const statements = await computedStatements('2026-Q2');
    expect(statements.length).toBeGreaterThan(0);
    for (const s of statements) expect(s.quarterOpen).toEqual({ quarterEndsOn: '2026-06-30' });
  });

  it('leaves statements of a finished quarter unmarked', async () => {
    const statements = await computedStatements('2026-Q1');
    expect(statements.length).toBeGreaterThan(0);
    for (const s of statements) expect(s.quarterOpen).toBeNull();
  });
});
