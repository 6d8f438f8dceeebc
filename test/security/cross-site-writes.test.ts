import { originPolicy, parseAllowedOrigins } from '../../host/server/http/origin-policy.ts';
import { type Client, LOGINS, startServer, type TestServer } from '../server/helpers.ts';

// Replays issue #15's cross-site requests: a page on http://evil.example made the signed-in browser
// import a file (multipart) and POST text/plain to read-all and rules/run; all of them were accepted.
const EVIL = 'http://evil.example';
const PARTNER = 'https://portal.partner.example';

const activityCsv = (month: string) =>
  new Blob([`\uFEFF销售,月份,拜访次数\r\nperson-zhaomin,${month},77\r\n`], { type: 'text/csv' });

function importForm(month: string): FormData {
  const form = new FormData();
  form.append('mapping', JSON.stringify({ 销售: 'personId', 月份: 'month', 拜访次数: 'clientVisits' }));
  form.append('file', activityCsv(month), 'crm.csv');
  return form;
}

describe('cross-site writes', () => {
  let server: TestServer;
  let hr: Client;
  let sales: Client;
  const own = () => server.url;

  const post = (client: Client, path: string, body: BodyInit | undefined, headers: Record<string, string>) =>
    fetch(server.url + path, { method: 'POST', headers: { cookie: client.cookie ?? '', ...headers }, body });

  const activityOf = (month: string) =>
    server.storage.db
      .selectFrom('activities')
      .selectAll()
      .where('person_id', '=', 'person-zhaomin')
      .where('month', '=', month)
      .executeTakeFirst();
  const unreadOf = async (login: string) =>
    Number(
      (
        await server.storage.db
          .selectFrom('notifications')
          .innerJoin('users', 'users.person_id', 'notifications.person_id')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('users.login', '=', login)
          .where('read_at', 'is', null)
          .executeTakeFirstOrThrow()
      ).n,
    );
  const counts = async () => ({
    notifications: Number(
      (
        await server.storage.db
          .selectFrom('notifications')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    ),
    escalations: Number(
      (
        await server.storage.db
          .selectFrom('escalations')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    ),
  });

  beforeAll(async () => {
    server = await startServer({});
    hr = await server.login(LOGINS.hr);
    sales = await server.login(LOGINS.sales);
  });
  afterAll(() => server.close());

  it('refuses a multipart import from a foreign Origin and imports nothing; the same upload from the product works', async () => {
    const before = await activityOf('2026-05');
    expect(before?.client_visits).not.toBe(77);
    const refused = await post(hr, '/api/import/activities', importForm('2026-05'), { origin: EVIL });
    expect(refused.status).toBe(403);
    const body = await refused.json();
    expect(body).toMatchObject({ code: 'cross-origin', params: { origin: EVIL } });
    expect(body.params.allowed).toContain(own());
    expect(await activityOf('2026-05')).toEqual(before);

    // The same request from the product's own page goes through, so the refusal above is the origin's.
    const accepted = await post(hr, '/api/import/activities', importForm('2026-05'), { origin: own() });
    expect(accepted.status, await accepted.clone().text()).toBe(200);
    expect((await activityOf('2026-05'))?.client_visits).toBe(77);
  });

  it('refuses a foreign page that hides its Origin but is named by Sec-Fetch-Site, and an opaque "null" origin', async () => {
    const before = await activityOf('2026-04');
    const hidden: Record<string, string>[] = [
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-site' },
      { origin: 'null' },
    ];
    for (const headers of hidden) {
      const res = await post(hr, '/api/import/activities', importForm('2026-04'), headers);
      expect(res.status, JSON.stringify(headers)).toBe(403);
      expect((await res.json()).code).toBe('cross-origin');
    }
    expect(await activityOf('2026-04')).toEqual(before);
  });

  it('refuses text/plain to read-all and rules/run: 403 from a foreign page, 415 from anywhere', async () => {
    await server.app.ctx.notifications.notify({
      recipientIds: ['person-zhaomin'],
      kind: 'alignment.low',
      params: {},
      subject: {},
      dedupKey: 'cross-site-test',
    });
    const unread = await unreadOf(LOGINS.sales);
    expect(unread).toBeGreaterThan(0);
    const before = await counts();

    const foreign = await post(sales, '/api/notifications/read-all', '{}', {
      'content-type': 'text/plain',
      origin: EVIL,
    });
    expect(foreign.status).toBe(403);
    const run = await post(hr, '/api/rules/run', '{}', { 'content-type': 'text/plain', origin: EVIL });
    expect(run.status).toBe(403);

    // Even without Origin (a client that is not a browser), a text/plain body is not JSON.
    const plain = await post(sales, '/api/notifications/read-all', '{}', { 'content-type': 'text/plain' });
    expect(plain.status).toBe(415);
    expect(await plain.json()).toMatchObject({
      code: 'unsupported-media-type',
      params: { received: 'text/plain', allowed: 'application/json' },
    });
    const form = await post(hr, '/api/rules/run', 'a=1', {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(form.status).toBe(415);
    expect((await form.json()).params.received).toBe('application/x-www-form-urlencoded');

    expect(await unreadOf(LOGINS.sales)).toBe(unread);
    expect(await counts()).toEqual(before);

    // As JSON from the product the same call marks them read.
    const own = await post(sales, '/api/notifications/read-all', '{}', {
      'content-type': 'application/json',
      origin: server.url,
      'sec-fetch-site': 'same-origin',
    });
    expect(own.status).toBe(200);
    expect(await unreadOf(LOGINS.sales)).toBe(0);
  });

  it('takes multipart on the import routes only', async () => {
    const form = new FormData();
    form.append('title', 'x');
    const res = await post(sales, '/api/notifications/read-all', form, {});
    expect(res.status).toBe(415);
    expect(await res.json()).toMatchObject({
      code: 'unsupported-media-type',
      params: { received: 'multipart/form-data' },
    });
    const wrongType = await post(hr, '/api/import/activities', 'x', { 'content-type': 'text/csv' });
    expect((await wrongType.json()).params.allowed).toBe('application/json or multipart/form-data');
  });

  it('refuses a forged Origin for a write that needs no session (sign-in) before anything is looked up', async () => {
    const res = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: EVIL },
      body: JSON.stringify({ login: LOGINS.sales, password: 'demo1234' }),
    });
    expect(res.status).toBe(403);
    expect(res.headers.get('set-cookie')).toBeNull();
  });

  it('leaves reads alone and lets clients without Origin or Sec-Fetch-Site (curl, servers) write', async () => {
    const read = await fetch(`${server.url}/api/auth/me`, {
      headers: { cookie: sales.cookie ?? '', origin: EVIL },
    });
    expect(read.status).toBe(200);
    const res = await sales.post('/api/notifications/read-all');
    expect(res.status).toBe(200);
    const typed = await post(sales, '/api/notifications/read-all', undefined, { 'sec-fetch-site': 'none' });
    expect(typed.status).toBe(200);
  });
});

describe('allowed origins', () => {
  it('accepts OKR_ALLOWED_ORIGINS and the proxied host, refuses anything else', async () => {
    const server = await startServer({
      originPolicy: originPolicy(parseAllowedOrigins(`${PARTNER}, http://localhost:5173`)),
      trustProxy: '127.0.0.1',
    });
    try {
      const write = (headers: Record<string, string>) =>
        fetch(`${server.url}/api/auth/logout`, { method: 'POST', headers });
      expect((await write({ origin: PARTNER })).status).toBe(200);
      expect((await write({ origin: 'http://localhost:5173' })).status).toBe(200);
      expect((await write({ origin: 'https://portal.partner.example.evil.example' })).status).toBe(403);
      expect((await write({ origin: 'http://portal.partner.example' })).status).toBe(403);
      // Behind the trusted proxy the product's host is the forwarded one.
      expect(
        (await write({ origin: 'https://okr.example.com', 'x-forwarded-host': 'okr.example.com' })).status,
      ).toBe(200);
      expect((await write({ origin: 'https://okr.example.com' })).status).toBe(403);
    } finally {
      await server.close();
    }
  });

  it('ignores X-Forwarded-Host without TRUST_PROXY, so a forged one cannot make a foreign origin "own"', async () => {
    const server = await startServer({});
    try {
      const res = await fetch(`${server.url}/api/auth/logout`, {
        method: 'POST',
        headers: { origin: EVIL, 'x-forwarded-host': 'evil.example' },
      });
      expect(res.status).toBe(403);
    } finally {
      await server.close();
    }
  });

  it('decides by host and port, the way the WebSocket upgrade asks it too', () => {
    const policy = originPolicy(parseAllowedOrigins(PARTNER));
    const host = '127.0.0.1:8787';
    expect(policy.allowed('http://127.0.0.1:8787', 'same-origin', host)).toBe(true);
    expect(policy.allowed('http://127.0.0.1:8788', 'same-site', host)).toBe(false); // another port is another origin
    expect(policy.allowed('http://localhost:8787', 'cross-site', host)).toBe(false);
    expect(policy.allowed('https://okr.example.com', undefined, 'okr.example.com:443')).toBe(true);
    expect(policy.allowed('HTTPS://PORTAL.partner.example', 'cross-site', host)).toBe(true);
    expect(policy.allowed('null', 'same-origin', host)).toBe(true); // Origin hidden by referrer policy
    expect(policy.allowed('null', 'cross-site', host)).toBe(false);
    expect(policy.allowed(undefined, 'cross-site', host)).toBe(false);
    expect(policy.allowed(undefined, 'none', host)).toBe(true); // typed into the address bar
    expect(policy.allowed(undefined, undefined, host)).toBe(true); // not a browser
    expect(policy.allowed('http://127.0.0.1:8787', undefined, undefined)).toBe(false);
  });

  it('stops at start on an OKR_ALLOWED_ORIGINS entry that is not an origin', () => {
    expect(() => parseAllowedOrigins('https://ok.example, okr.example.com')).toThrow(
      /"okr.example.com" is not an origin/,
    );
    expect(() => parseAllowedOrigins('https://ok.example/app')).toThrow(/scheme:\/\/host\[:port\]/);
    expect(parseAllowedOrigins('https://OK.example:443/, http://a.example:8080')).toEqual([
      'https://ok.example',
      'http://a.example:8080',
    ]);
  });
});
