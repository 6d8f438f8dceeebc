import { request } from 'node:http';
import { DEMO_PASSWORD, demoAccounts } from '../../host/demo/case-study.ts';
import { FailureBackoff } from '../../host/server/auth/failure-backoff.ts';
import { DEFAULT_SIGN_IN_LIMITS } from '../../host/server/sign-in-limits.ts';
import { LOGINS, startServer, type TestServer } from '../server/helpers.ts';

// Replays issue #15's password guessing: 108 wrong passwords spread over 12 logins from one IP (9
// each, under the 10 per IP and login) all answered 401, so guessing never slowed down.

interface Answer {
  status: number;
  code?: string;
  retryAfter?: number;
}

/** POSTs a sign-in from a chosen loopback source address, so the server sees another client IP. */
function signIn(url: string, login: string, password: string, from = '127.0.0.1'): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${url}/api/auth/login`,
      { method: 'POST', localAddress: from, headers: { 'content-type': 'application/json' } },
      (res) => {
        let text = '';
        res.on('data', (chunk) => {
          text += chunk;
        });
        res.on('end', () => {
          const body = JSON.parse(text) as { code?: string; params?: { retryAfter?: number } };
          resolve({ status: res.statusCode ?? 0, code: body.code, retryAfter: body.params?.retryAfter });
        });
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify({ login, password }));
  });
}

// The default limits, with a longer first wait so the refusals of a loaded machine all land inside it.
const BASE_MS = 4000;
const limits = {
  perAccount: { ...DEFAULT_SIGN_IN_LIMITS.perAccount, baseMs: BASE_MS },
  perAddress: { ...DEFAULT_SIGN_IN_LIMITS.perAddress, baseMs: BASE_MS },
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const sessionCount = async (server: TestServer) =>
  Number(
    (
      await server.storage.db
        .selectFrom('sessions')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('password guessing spread over many logins from one address', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({ signInLimits: limits });
  });
  afterAll(() => server.close());

  it('backs the address off after 30 failures over any logins; another address and the real users are unaffected', async () => {
    const { free } = DEFAULT_SIGN_IN_LIMITS.perAddress;
    const logins = demoAccounts.slice(0, 12).map((a) => a.login);
    const sessionsBefore = await sessionCount(server);
    const answers: Answer[] = [];
    for (let round = 0; round < 9; round += 1) {
      for (const login of logins) answers.push(await signIn(server.url, login, `guess-${round}`));
    }
    expect(answers).toHaveLength(108);
    const wrong = answers.filter((a) => a.status === 401);
    const limited = answers.filter((a) => a.status === 429);
    // The 31st failure is still checked (and starts the wait); every later guess is refused unchecked.
    expect(wrong).toHaveLength(free + 1);
    expect(limited).toHaveLength(108 - free - 1);
    expect(limited.every((a) => a.code === 'rate-limited' && (a.retryAfter ?? 0) >= 1)).toBe(true);
    expect(limited[0]?.retryAfter).toBe(BASE_MS / 1000);
    expect(await sessionCount(server)).toBe(sessionsBefore);

    // Even the right password of a 13th account waits, from this address only.
    const thirteenth = demoAccounts[12]!.login;
    expect((await signIn(server.url, thirteenth, DEMO_PASSWORD)).status).toBe(429);
    expect((await signIn(server.url, thirteenth, DEMO_PASSWORD, '127.0.0.7')).status).toBe(200);

    // Each further failure waits twice as long.
    await sleep(BASE_MS + 100);
    const next = await signIn(server.url, thirteenth, 'guess-again');
    expect(next.status).toBe(401);
    expect((await signIn(server.url, thirteenth, 'guess-again')).retryAfter).toBe((2 * BASE_MS) / 1000);
  });
});

describe('password guessing on one account from many addresses', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({ signInLimits: limits });
  });
  afterAll(() => server.close());

  it('backs the account off after 10 failures from any addresses, for seconds at first', async () => {
    const { free } = DEFAULT_SIGN_IN_LIMITS.perAccount;
    const victim = LOGINS.manager;
    const sessionsBefore = await sessionCount(server);
    // One guess from each of 11 addresses: no address reaches its own limit.
    for (let i = 0; i <= free; i += 1) {
      const answer = await signIn(server.url, victim, `guess-${i}`, `127.0.0.${20 + i}`);
      expect(answer.status, `guess ${i + 1}`).toBe(401);
    }
    const blocked = await signIn(server.url, victim, DEMO_PASSWORD, '127.0.0.40');
    expect(blocked).toMatchObject({ status: 429, code: 'rate-limited', retryAfter: BASE_MS / 1000 });
    expect(await sessionCount(server)).toBe(sessionsBefore);
    // Other accounts from the same addresses are not affected.
    expect((await signIn(server.url, LOGINS.hr, DEMO_PASSWORD, '127.0.0.20')).status).toBe(200);

    // The real user gets in once the short wait is over.
    await sleep(BASE_MS + 100);
    expect((await signIn(server.url, victim, DEMO_PASSWORD, '127.0.0.41')).status).toBe(200);
  });
});

describe('the wait stays short for the real user', () => {
  it('never exceeds a few minutes, however long the guessing goes on, and is forgotten after a quiet spell', () => {
    let now = 0;
    const limit = DEFAULT_SIGN_IN_LIMITS.perAccount;
    const backoff = new FailureBackoff(limit, () => now);
    const waits: number[] = [];
    for (let i = 0; i < 200; i += 1) {
      backoff.failed('zhaomin');
      waits.push(backoff.waitMs('zhaomin'));
      now += backoff.waitMs('zhaomin');
    }
    expect(waits.slice(0, limit.free)).toEqual(Array(limit.free).fill(0));
    expect(waits.slice(limit.free, limit.free + 4)).toEqual([1000, 2000, 4000, 8000]);
    expect(Math.max(...waits)).toBe(5 * 60_000);
    now += limit.resetMs + 1;
    backoff.failed('zhaomin');
    expect(backoff.waitMs('zhaomin')).toBe(0);
  });
});
