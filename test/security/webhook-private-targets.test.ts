import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { notifyDb } from '../../host/server/schedules/notify-tables.ts';
import { type Client, LOGINS, startServer, type TestServer } from '../server/helpers.ts';

// Replays issue #15's server-side request forgery: an admin saved a webhook to http://127.0.0.1:…,
// and "send test" showed the first 200 characters of whatever answered there.
const SECRET_REPLY = 'INTERNAL-ONLY: db password is hunter2';

/** An internal service on 127.0.0.1 that must never be reached (or, when allowed, never be read back). */
class InternalService {
  hits = 0;
  private server: Server | null = null;
  constructor(private readonly answer: (res: import('node:http').ServerResponse) => void) {}
  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      this.hits += 1;
      req.resume();
      this.answer(res);
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }
  stop = () => new Promise((resolve) => this.server?.close(resolve));
}

const allowPrivate = (on: boolean) => {
  if (on) process.env.OKR_WEBHOOK_ALLOW_PRIVATE = '1';
  else delete process.env.OKR_WEBHOOK_ALLOW_PRIVATE;
};

describe('webhooks to private addresses', () => {
  let server: TestServer;
  let admin: Client;
  const internal = new InternalService((res) =>
    res.writeHead(200, { 'content-type': 'text/plain' }).end(SECRET_REPLY),
  );
  let internalUrl = '';
  const stored = async () =>
    (
      await notifyDb(server.storage.db)
        .selectFrom('notify_webhooks')
        .select(['id', 'url', 'version'])
        .orderBy('id')
        .execute()
    ).map((r) => ({ ...r, version: Number(r.version) }));
  const create = (url: string) =>
    admin.post('/api/channels/webhooks', { platform: 'wecom', name: 'hook', url });

  beforeAll(async () => {
    allowPrivate(false);
    server = await startServer();
    admin = await server.login(LOGINS.admin);
    internalUrl = await internal.start();
  });
  afterAll(async () => {
    allowPrivate(false);
    await internal.stop();
    await server.close();
  });

  it('refuses to save a webhook to loopback, private, link-local, CGNAT, multicast, unspecified and IPv6 local addresses', async () => {
    const before = await stored();
    const { port } = new URL(internalUrl);
    const targets: [url: string, address: string][] = [
      [`${internalUrl}/hook`, '127.0.0.1'],
      [`http://localhost:${port}/hook`, '127.0.0.1'], // a name: refused for what it resolves to
      ['http://10.1.2.3/hook', '10.1.2.3'],
      ['http://172.16.5.4/hook', '172.16.5.4'],
      ['http://192.168.1.1/hook', '192.168.1.1'],
      ['http://169.254.169.254/latest/meta-data/', '169.254.169.254'],
      ['http://100.64.0.1/hook', '100.64.0.1'],
      ['http://224.0.0.1/hook', '224.0.0.1'],
      [`http://0.0.0.0:${port}/hook`, '0.0.0.0'],
      [`http://[::1]:${port}/hook`, '::1'],
      [`http://[::ffff:127.0.0.1]:${port}/hook`, '::ffff:7f00:1'],
      ['http://[fd12:3456::1]/hook', 'fd12:3456::1'],
      ['http://[fe80::1]/hook', 'fe80::1'],
      ['http://[::]/hook', '::'],
    ];
    for (const [url, address] of targets) {
      const res = await create(url);
      expect(res.status, url).toBe(400);
      expect(res.body.code, url).toBe('webhook-private-address');
      // localhost may resolve to ::1 first
      if (!url.includes('localhost')) expect(res.body.params.address, url).toBe(address);
      expect(res.body.message).toMatch(/OKR_WEBHOOK_ALLOW_PRIVATE=1/);
    }
    expect(await stored()).toEqual(before);
    expect(internal.hits).toBe(0);
  });

  it('refuses to point a saved public webhook at a private address, and keeps its address', async () => {
    const created = await create('https://203.0.113.10/cgi-bin/webhook/send?key=abc');
    expect(created.status).toBe(201);
    const before = await stored();
    const res = await admin.patch(`/api/channels/webhooks/${created.body.id}`, {
      version: created.body.version,
      url: `${internalUrl}/hook`,
    });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('webhook-private-address');
    expect(await stored()).toEqual(before);
    await admin.delete(`/api/channels/webhooks/${created.body.id}`);
  });

  it('does not send to a private address saved before (or while allowed), by IP or by a name that resolves to one', async () => {
    allowPrivate(true);
    const { port } = new URL(internalUrl);
    const byIp = await create(`${internalUrl}/hook`);
    const byName = await create(`http://localhost:${port}/hook`);
    expect([byIp.status, byName.status]).toEqual([201, 201]);
    allowPrivate(false);

    for (const hook of [byIp.body, byName.body]) {
      const res = await admin.post(`/api/channels/webhooks/${hook.id}/test`);
      expect(res.status).toBe(200);
      expect(res.body.ok).toBe(false);
      expect(res.body.error).toMatch(/loopback address; webhooks go to public addresses only/);
    }
    // The name was checked after DNS and refused before a connection was made.
    expect(internal.hits).toBe(0);
    for (const hook of [byIp.body, byName.body]) await admin.delete(`/api/channels/webhooks/${hook.id}`);
  });

  describe('with OKR_WEBHOOK_ALLOW_PRIVATE=1 (a robot inside the company network)', () => {
    const failing = new InternalService((res) =>
      res.writeHead(500, { 'content-type': 'text/plain' }).end(SECRET_REPLY),
    );
    const hidden = new InternalService((res) => res.writeHead(200).end('{"errcode":0}'));
    let redirecting: InternalService;
    beforeAll(async () => {
      allowPrivate(true);
      const hiddenUrl = await hidden.start();
      redirecting = new InternalService((res) => res.writeHead(302, { location: `${hiddenUrl}/` }).end());
    });
    afterAll(async () => {
      allowPrivate(false);
      await Promise.all([failing.stop(), hidden.stop(), redirecting.stop()]);
    });

    const testSend = async (url: string) => {
      const hook = await create(url);
      expect(hook.status).toBe(201);
      const res = await admin.post(`/api/channels/webhooks/${hook.body.id}/test`);
      await admin.delete(`/api/channels/webhooks/${hook.body.id}`);
      return res;
    };

    it('says the status and an outcome in its own words, never what the other side answered', async () => {
      const hitsBefore = internal.hits;
      const notJson = await testSend(`${internalUrl}/hook`);
      expect(internal.hits).toBe(hitsBefore + 1);
      expect(notJson.body).toEqual({
        ok: false,
        error: "the robot answered HTTP 200 with a reply that is not a robot's JSON",
      });

      const down = await testSend(`${await failing.start()}/hook`);
      expect(down.body).toEqual({ ok: false, error: 'the robot answered HTTP 500' });
      expect(JSON.stringify([notJson.body, down.body])).not.toContain('hunter2');
    });

    it('does not follow a redirect to another address', async () => {
      const res = await testSend(`${await redirecting.start()}/hook`);
      expect(res.body).toEqual({
        ok: false,
        error: 'the robot answered HTTP 302 (a redirect, not followed)',
      });
      expect(redirecting.hits).toBe(1);
      expect(hidden.hits).toBe(0);
    });
  });
});
