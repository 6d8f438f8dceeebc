import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { sql } from 'kysely';
import { claimDeliveries, listDeliveries } from '../../host/server/notify/deliveries.ts';
import { createNotifyServices } from '../../host/server/schedules/notify-services.ts';
import { notifyDb } from '../../host/server/schedules/notify-tables.ts';
import { StoredNotifications } from '../../host/server/services/notifications.ts';
import { loadSecretKey, SECRET_KEY_FILE } from '../../plugin/notify/node/secret-key-file.ts';
import { DEMO_NOW, LOGINS, startServer, type TestServer } from './helpers.ts';
import { RobotReceiver } from './notify-receiver.ts';

// The stand-in robots listen on 127.0.0.1, which webhooks may reach only when this is set.
process.env.OKR_WEBHOOK_ALLOW_PRIVATE = '1';

// With PostgreSQL the key is in the database; DATA_DIR (a temp dir here) must stay without a key file.
const dataDirForPg = mkdtempSync(join(tmpdir(), 'okr-secrets-'));
process.env.DATA_DIR = dataDirForPg;
delete process.env.OKR_SECRET_KEY;
afterAll(() => rmSync(dataDirForPg, { recursive: true, force: true }));

const silent = { warn() {}, error() {} };
const TOKEN = 'tok-abcdef123456';
const SECRET = 'SECsealed-signing-secret-9876';

const backends = [
  { name: 'SQLite', databaseUrl: undefined, skip: false },
  { name: 'PostgreSQL', databaseUrl: process.env.DATABASE_URL, skip: !process.env.DATABASE_URL },
];

for (const { name, databaseUrl, skip } of backends) {
  describe.skipIf(skip)(`webhook secrets at rest on ${name}`, () => {
    let server: TestServer;
    const receiver = new RobotReceiver();
    let id = '';
    const keyDir = () => (databaseUrl ? dataDirForPg : dirname(server.storage.location));
    const raw = async (webhookId: string) =>
      notifyDb(server.storage.db)
        .selectFrom('notify_webhooks')
        .select(['url', 'secret', 'sealed'])
        .where('id', '=', webhookId)
        .executeTakeFirstOrThrow();
    const servicesWith = (env: NodeJS.ProcessEnv) =>
      createNotifyServices({
        db: server.storage.db,
        dialect: server.storage.dialect,
        now: () => new Date(DEMO_NOW),
        notifications: new StoredNotifications(server.storage.db, () => new Date(DEMO_NOW)),
        log: silent,
        dataDir: keyDir(),
        env,
        retry: { baseDelayMs: 1_000, maxAttempts: 3, timeoutMs: 3_000, leaseMs: 60_000 },
      });

    beforeAll(async () => {
      server = await startServer({ databaseUrl });
      await receiver.start();
    });
    afterAll(async () => {
      await server?.close();
      await receiver.stop();
    });

    it('stores address and secret sealed, shows them masked, and the robot still verifies the signature', async () => {
      const admin = await server.login(LOGINS.admin);
      const url = receiver.robot('dingtalk', 'sealed', { secret: SECRET, query: `?access_token=${TOKEN}` });
      const created = await admin.post('/api/channels/webhooks', {
        regionId: 'region-east',
        platform: 'dingtalk',
        name: 'East sealed',
        url,
        secret: SECRET,
      });
      expect(created.status).toBe(201);
      id = created.body.id;
      expect(created.body.secret).toBe('••••9876');
      expect(created.body.url).toContain('access_token=••••3456');
      const listed = JSON.stringify((await admin.get('/api/channels/webhooks')).body);
      expect(listed).not.toContain(TOKEN);
      expect(listed).not.toContain(SECRET);

      const stored = await raw(id);
      expect(Number(stored.sealed)).toBe(1);
      for (const column of [stored.url, stored.secret]) {
        expect(column).toMatch(/^v1:[A-Za-z0-9+/]+=*$/);
        expect(column).not.toContain(TOKEN);
        expect(column).not.toContain(SECRET);
        expect(column).not.toContain('127.0.0.1');
      }

      const sent = await admin.post(`/api/channels/webhooks/${id}/test`);
      expect(sent.body).toEqual({ ok: true, error: null });
      const got = receiver.received.at(-1)!;
      expect(got.problem).toBeNull();
      expect(got.query.get('access_token')).toBe(TOKEN);
      expect(got.query.get('sign')).toBeTruthy();
    });

    it('keeps the old secret when an edit sends none, and removes it on an empty one', async () => {
      const admin = await server.login(LOGINS.admin);
      const before = await raw(id);
      const version = (await admin.get('/api/channels/webhooks')).body.find(
        (w: { id: string }) => w.id === id,
      ).version;
      const renamed = await admin.patch(`/api/channels/webhooks/${id}`, { version, name: 'East renamed' });
      expect(renamed.status).toBe(200);
      expect(renamed.body).toMatchObject({ hasSecret: true, secret: '••••9876' });
      expect((await raw(id)).secret).toBe(before.secret);
      expect((await admin.post(`/api/channels/webhooks/${id}/test`)).body).toEqual({ ok: true, error: null });
      expect(receiver.received.at(-1)!.problem).toBeNull();

      const extra = await admin.post('/api/channels/webhooks', {
        platform: 'wecom',
        name: 'HQ no secret',
        url: receiver.robot('wecom', 'plain-hq'),
        secret: 'SEC-to-be-removed-0000',
      });
      const cleared = await admin.patch(`/api/channels/webhooks/${extra.body.id}`, {
        version: extra.body.version,
        secret: '',
      });
      expect(cleared.body).toMatchObject({ hasSecret: false, secret: '' });
      expect((await raw(extra.body.id)).secret).toBe('');
    });

    it.skipIf(databaseUrl)('creates the key file once, readable by the owner only', () => {
      const file = join(keyDir(), SECRET_KEY_FILE);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(Buffer.from(readFileSync(file, 'utf8').trim(), 'base64')).toHaveLength(32);
    });

    // Several instances share one PostgreSQL database: one key in it, never a file per process.
    it.skipIf(!databaseUrl)('keeps the key in the database, not in a file', async () => {
      expect(existsSync(join(keyDir(), SECRET_KEY_FILE))).toBe(false);
      const { rows } = await sql<{ value: string }>`
        select value from cluster_keys where name = 'webhook-sealing'`.execute(server.storage.db);
      expect(rows).toHaveLength(1);
      expect(Buffer.from(rows[0]!.value, 'base64')).toHaveLength(32);
    });

    it('seals rows stored in plain text before, on the next start', async () => {
      const plainId = `plain-${randomBytes(4).toString('hex')}`;
      const plainUrl = receiver.robot('feishu', 'legacy', { secret: 'legacy-secret-abcd' });
      await notifyDb(server.storage.db)
        .insertInto('notify_webhooks')
        .values({
          id: plainId,
          region_id: null,
          platform: 'feishu',
          name: 'Legacy',
          url: plainUrl,
          secret: 'legacy-secret-abcd',
          lang: 'zh-CN',
          enabled: 0,
          created_at: DEMO_NOW,
          updated_at: DEMO_NOW,
          version: 1,
          sealed: 0,
        })
        .execute();
      const services = await servicesWith({});
      const stored = await raw(plainId);
      expect(Number(stored.sealed)).toBe(1);
      expect(stored.url).not.toContain('127.0.0.1');
      expect(stored.secret).not.toContain('legacy-secret');
      expect(await services.webhooks.get(plainId)).toMatchObject({
        url: plainUrl,
        secret: 'legacy-secret-abcd',
      });
      // A second start finds nothing left to seal and does not seal twice.
      await servicesWith({});
      expect(await raw(plainId)).toEqual(stored);
    });

    it('refuses to start with a malformed key in the environment, naming the variable', async () => {
      await expect(servicesWith({ OKR_SECRET_KEY: 'c2hvcnQ=' })).rejects.toThrow(
        /OKR_SECRET_KEY must hold 32 bytes/,
      );
    });

    it('with another key, names the robot and the key instead of sending garbage', async () => {
      const wrong = await servicesWith({ OKR_SECRET_KEY: randomBytes(32).toString('base64') });
      const target = await wrong.webhooks.get(id);
      expect(target.keyError).toContain('webhook "East renamed"');
      expect(target.keyError).toContain('OKR_SECRET_KEY');
      expect(target.url).toBe('');
      expect(target.secret).toBe('');
      expect((await wrong.webhooks.list()).find((w) => w.id === id)?.keyError).toBe(target.keyError);

      const calls = receiver.callsTo('dingtalk', 'sealed');
      const [delivery] = await claimDeliveries(
        wrong.ndb,
        [
          {
            scheduleId: 'test',
            occurrence: `wrong-key-${name}`,
            recipient: `webhook:${id}`,
            channel: 'webhook',
            webhookId: id,
            message: { kind: 'channel.test', params: { name: 'x', at: '2026-06-15 08:00' } },
          },
        ],
        new Date(DEMO_NOW),
      );
      await wrong.worker.runDue();
      const after = (await listDeliveries(wrong.ndb)).find((d) => d.id === delivery!.id)!;
      expect(after.status).not.toBe('sent');
      expect(after.lastError).toContain('webhook "East renamed"');
      expect(receiver.callsTo('dingtalk', 'sealed')).toBe(calls);
    });
  });
}

describe('secret key source', () => {
  it('refuses a variable that is not 32 bytes of base64, naming it', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'okr-key-'));
    try {
      expect(() => loadSecretKey({ env: { OKR_SECRET_KEY: 'short' }, dataDir })).toThrow(
        /OKR_SECRET_KEY must hold 32 bytes/,
      );
      const key = randomBytes(32);
      expect(loadSecretKey({ env: { OKR_SECRET_KEY: key.toString('base64') }, dataDir }).key).toEqual(key);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('generates the file once with mode 0600 and reuses it; a damaged file is named', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'okr-key-'));
    try {
      const first = loadSecretKey({ env: {}, dataDir: join(dataDir, 'nested') });
      const file = join(dataDir, 'nested', SECRET_KEY_FILE);
      expect(first.source).toBe(file);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(loadSecretKey({ env: {}, dataDir: join(dataDir, 'nested') }).key).toEqual(first.key);
      writeFileSync(file, 'not a key');
      expect(() => loadSecretKey({ env: {}, dataDir: join(dataDir, 'nested') })).toThrow(file);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
