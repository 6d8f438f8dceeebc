import { nocobaseRobotsPort } from '../../../adapters/nocobase/client/robots-port.ts';
import { COLLECTIONS } from '../../../adapters/nocobase/server/collections.ts';
import { RobotReceiver } from '../../server/notify-receiver.ts';
import { nocobaseServer, userOf } from './editor-actions.ts';

// The stand-in robot listens on 127.0.0.1; the robots' key comes from the environment, not a file here.
process.env.OKR_WEBHOOK_ALLOW_PRIVATE = '1';
process.env.OKR_SECRET_KEY = Buffer.alloc(32, 9).toString('base64');
const receiver = new RobotReceiver();
beforeAll(() => receiver.start());
afterAll(() => receiver.stop());

describe("the NocoBase robots panel's port", () => {
  it('adds, tests, edits and removes a region robot, showing its address and secret masked', async () => {
    const server = await nocobaseServer(userOf('person-zhoulei'));
    const port = nocobaseRobotsPort(server.request);
    expect((await port.regions()).map((r) => r.name)).toContain('华南');
    const url = receiver.robot('dingtalk', 'south', {
      secret: 'SECsouth-robot-0001',
      query: '?access_token=tok123456789',
    });
    const created = await port.create({
      regionId: 'region-south',
      platform: 'dingtalk',
      name: '华南群',
      url,
      secret: 'SECsouth-robot-0001',
    });
    expect(created).toMatchObject({ name: '华南群', hasSecret: true, secret: '••••0001', version: 1 });
    expect(created.url).not.toContain('tok123456789');
    const [stored] = server.tables.rows[COLLECTIONS.channels]!;
    expect(String(stored?.url)).toMatch(/^v1:/);

    expect(await port.test(created.id)).toEqual({ ok: true, error: null });
    expect(receiver.received.map((r) => [r.platform, r.problem])).toEqual([['dingtalk', null]]);

    const off = await port.update(created.id, created.version, { enabled: false });
    expect(off).toMatchObject({ enabled: false, version: 2, secret: '••••0001' });
    const stale = await port.update(created.id, created.version, { name: 'x' }).catch((e: unknown) => e);
    expect(stale).toMatchObject({ status: 409, code: 'stale-version' });
    expect((await port.list()).map((r) => r.name)).toEqual(['华南群']);

    await port.remove(created.id);
    expect(await port.list()).toEqual([]);
    const audit = (server.tables.rows[COLLECTIONS.audit] ?? []).map((a) => a.action);
    expect(audit).toEqual(['webhook.create', 'webhook.update', 'webhook.delete']);
  });

  it('refuses HR the robots: addresses and secrets are the admin’s', async () => {
    const port = nocobaseRobotsPort((await nocobaseServer(userOf('person-linxue'))).request);
    expect(await port.list().catch((e: unknown) => e)).toMatchObject({ status: 403 });
  });
});
