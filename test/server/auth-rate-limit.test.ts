import { request } from 'node:http';
import { demoAccounts } from '../../host/demo/case-study.ts';
import { LOGINS, startServer, type TestServer } from './helpers.ts';

// Long enough for 10 password checks on a loaded machine (about 0.3 s each on two busy cores).
const WINDOW_MS = 6000;
const passwordOf = (login: string) => demoAccounts.find((a) => a.login === login)!.password;

/** POST JSON from a chosen loopback source address, so the server sees another client IP. */
function postFrom(
  url: string,
  path: string,
  body: unknown,
  localAddress: string,
): Promise<{ status: number; body: { code?: string } }> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${url}${path}`,
      { method: 'POST', localAddress, headers: { 'content-type': 'application/json' } },
      (res) => {
        let text = '';
        res.on('data', (chunk) => {
          text += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

describe('sign-in rate limit', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startServer({
      signInLimits: { password: { max: 10, windowMs: WINDOW_MS }, qr: { max: 3, windowMs: WINDOW_MS } },
    });
  });
  afterAll(() => server.close());

  it('refuses the 11th wrong password with 429 rate-limited, then lets the right one in after the window', async () => {
    const client = server.anonymous();
    const wrong = { login: LOGINS.sales, password: 'not-the-password' };
    for (let i = 1; i <= 10; i += 1) {
      const res = await client.post('/api/auth/login', wrong);
      expect(res.status, `attempt ${i}`).toBe(401);
      expect(res.body.code).toBe('wrong-login');
    }
    const eleventh = await client.post('/api/auth/login', wrong);
    expect(eleventh.status).toBe(429);
    expect(eleventh.body.code).toBe('rate-limited');
    expect(eleventh.body.error).toBe('rate-limited');
    expect(eleventh.body.params.retryAfter).toBeGreaterThanOrEqual(1);
    expect(eleventh.body.params.retryAfter).toBeLessThanOrEqual(Math.ceil(WINDOW_MS / 1000));
    expect(eleventh.headers.get('retry-after')).toBe(String(eleventh.body.params.retryAfter));
    expect(eleventh.body.message).toMatch(/too many/);

    // Locked: even the right password waits for the window.
    const right = { login: LOGINS.sales, password: passwordOf(LOGINS.sales) };
    expect((await client.post('/api/auth/login', right)).status).toBe(429);
    // The same login in other letter case is the same account.
    expect(
      (await client.post('/api/auth/login', { ...wrong, login: LOGINS.sales.toUpperCase() })).status,
    ).toBe(429);

    // Another account from the same IP, and the same account from another IP, are not affected.
    const other = await client.post('/api/auth/login', {
      login: LOGINS.manager,
      password: passwordOf(LOGINS.manager),
    });
    expect(other.status).toBe(200);
    const otherIp = await postFrom(server.url, '/api/auth/login', right, '127.0.0.2');
    expect(otherIp.status).toBe(200);

    await new Promise((resolve) => setTimeout(resolve, eleventh.body.params.retryAfter * 1000 + 50));
    const after = await client.post('/api/auth/login', right);
    expect(after.status).toBe(200);
    expect(after.body.personId).toBeTruthy();
  });

  it('does not count successful sign-ins', async () => {
    const client = server.anonymous();
    const right = { login: LOGINS.hr, password: passwordOf(LOGINS.hr) };
    for (let i = 1; i <= 12; i += 1) expect((await client.post('/api/auth/login', right)).status).toBe(200);
  });

  it('limits joins with a bad board QR code per IP and board', async () => {
    const phone = server.anonymous();
    const path = '/api/boards/cycle-2026-h1/join';
    const attempt = (n: number) => ({ invite: `okrinv1.bogus${n}`, login: LOGINS.hr, password: 'x' });
    for (let i = 1; i <= 3; i += 1) {
      const res = await phone.post(path, attempt(i));
      expect(res.status, `attempt ${i}`).toBe(401);
      expect(res.body.code).toBe('qr-token-invalid');
    }
    const fourth = await phone.post(path, attempt(4));
    expect(fourth.status).toBe(429);
    expect(fourth.body.code).toBe('rate-limited');
    expect((await postFrom(server.url, path, attempt(5), '127.0.0.3')).body.code).toBe('qr-token-invalid');
  });
});

describe('sign-in rate limit behind a reverse proxy', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({
      signInLimits: { password: { max: 2, windowMs: 60_000 } },
      trustProxy: '127.0.0.1',
    });
  });
  afterAll(() => server.close());

  const loginVia = (forwardedFor: string) =>
    fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor },
      body: JSON.stringify({ login: LOGINS.sales, password: 'not-the-password' }),
    }).then(async (r) => ({ status: r.status, code: ((await r.json()) as { code?: string }).code }));

  it('counts each forwarded client apart, so one client cannot lock out the others', async () => {
    for (let i = 0; i < 2; i += 1) expect((await loginVia('203.0.113.7')).status).toBe(401);
    expect(await loginVia('203.0.113.7')).toEqual({ status: 429, code: 'rate-limited' });
    expect(await loginVia('198.51.100.9')).toEqual({ status: 401, code: 'wrong-login' });
  });
});
