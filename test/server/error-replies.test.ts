import { ERROR_PARAMS, type ErrorCode } from '../../host/server/error-codes.ts';
import defaults from '../../rules/settings.defaults.json' with { type: 'json' };
import { type Client, LOGINS, type Reply, startServer, type TestServer } from './helpers.ts';

/** Every error reply names a known code (as `code` and `error`) and exactly the params listed for it. */
function expectError(res: Reply, status: number, code: ErrorCode, params: Record<string, unknown> = {}) {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.body.code).toBe(code);
  expect(res.body.error).toBe(code);
  expect(typeof res.body.message).toBe('string');
  expect(Object.keys(res.body.params).sort()).toEqual([...ERROR_PARAMS[code]].sort());
  expect(res.body.params).toMatchObject(params);
}

describe('error replies carry a code and the params to word them', () => {
  let server: TestServer;
  let hr: Client;

  beforeAll(async () => {
    server = await startServer();
    hr = await server.login(LOGINS.hr);
  });
  afterAll(() => server.close());

  it('unauthenticated, wrong login, forbidden, no route', async () => {
    expectError(await server.anonymous().get('/api/settings'), 401, 'unauthenticated');
    expectError(
      await server.anonymous().post('/api/auth/login', { login: LOGINS.hr, password: 'nope' }),
      401,
      'wrong-login',
    );
    const sales = await server.login(LOGINS.sales);
    expectError(await sales.post('/api/pool-runs', { quarter: '2026-Q1' }), 403, 'forbidden');
    expectError(await hr.get('/api/no-such-thing'), 404, 'no-route');
  });

  it('not-found names the thing and the id', async () => {
    expectError(await hr.get('/api/pool-runs/run-nope'), 404, 'not-found', {
      what: 'pool-run',
      id: 'run-nope',
    });
  });

  it('invalid request bodies name the field and the reason', async () => {
    expectError(await hr.post('/api/pool-runs', {}), 400, 'invalid-request', {
      field: 'quarter',
      reason: 'required',
      limit: '',
    });
    expectError(
      await hr.post('/api/pool-runs', { quarter: '2026-Q1', colour: 'red' }),
      400,
      'invalid-request',
      {
        field: 'colour',
        reason: 'unknown-field',
      },
    );
    expectError(
      await hr.post('/api/settings/proposals', { settings: defaults, reason: 'x'.repeat(2001) }),
      400,
      'invalid-request',
      { field: 'reason', reason: 'too-long', limit: 2000 },
    );
  });

  it('pool lifecycle conflicts and a stale version say the quarter, states and versions', async () => {
    const created = await hr.post('/api/pool-runs', { quarter: '2026-Q1' });
    expect(created.status).toBe(201);
    expectError(await hr.post('/api/pool-runs', { quarter: '2026-Q1' }), 409, 'run-exists', {
      quarter: '2026-Q1',
      state: 'draft',
    });
    expectError(await hr.post(`/api/pool-runs/${created.body.id}/approve`), 409, 'not-computed', {
      quarter: '2026-Q1',
      action: 'approve',
    });
    const stale = await hr.post(`/api/pool-runs/${created.body.id}/compute`, { version: 7 });
    expectError(stale, 409, 'stale-version', { sent: 7, stored: created.body.version });
    expect(stale.body.current.id).toBe(created.body.id);
    expectError(await hr.post('/api/pool-runs', { quarter: '2026-Q9' }), 400, 'invalid-request', {
      field: 'quarter',
      reason: 'pattern',
    });
  });

  it('invalid settings list each field with a reason and limit', async () => {
    const settings = structuredClone(defaults) as typeof defaults;
    settings.alignment.minScore = -5;
    settings.alignment.weights.linked = 41;
    const res = await hr.post('/api/settings/proposals', { settings, reason: 'try' });
    expectError(res, 400, 'invalid-settings', { count: 2 });
    expect(res.body.issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'alignment.minScore', reason: 'minimum', limit: 0 }),
        expect.objectContaining({ path: 'alignment.weights', reason: 'sum', limit: 100 }),
      ]),
    );
  });
});
