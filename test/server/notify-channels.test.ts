import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { caseStudySnapshot, demoAccounts } from '../../host/demo/case-study.ts';
import {
  claimDeliveries,
  listDeliveries,
  type PlannedDelivery,
} from '../../host/server/notify/deliveries.ts';
import { createNotifyServices, type NotifyServices } from '../../host/server/schedules/notify-services.ts';
import { seedIfEmpty } from '../../host/server/seed.ts';
import { StoredNotifications } from '../../host/server/services/notifications.ts';
import { dropPgSchema, openStorage, type Storage } from '../../host/server/storage/database.ts';
import { maskUrl } from '../../plugin/notify/channels.ts';
import { RobotReceiver } from './notify-receiver.ts';
import { robotCommands } from './robot-commands.ts';

// The stand-in robots listen on 127.0.0.1, which webhooks may reach only when this is set.
process.env.OKR_WEBHOOK_ALLOW_PRIVATE = '1';

const silent = { warn() {}, error() {} };
const BASE_DELAY = 1_000;

const backends = [
  { name: 'SQLite', databaseUrl: undefined, skip: false },
  { name: 'PostgreSQL', databaseUrl: process.env.DATABASE_URL, skip: !process.env.DATABASE_URL },
];

for (const { name, databaseUrl, skip } of backends) {
  describe.skipIf(skip)(`webhook channels against local robots on ${name}`, () => {
    const pgSchema = databaseUrl ? `t_${randomBytes(6).toString('hex')}` : undefined;
    let dir: string;
    let storage: Storage;
    let services: NotifyServices;
    const robots = () => robotCommands(storage.db, services, () => clock);
    let clock = new Date('2026-06-15T01:00:00Z');
    const receiver = new RobotReceiver();
    let seq = 0;

    const step = (ms: number) => {
      clock = new Date(clock.getTime() + ms);
    };

    const queue = async (webhookId: string) => {
      seq += 1;
      const planned: PlannedDelivery = {
        scheduleId: 'test',
        occurrence: String(seq),
        recipient: `webhook:${webhookId}`,
        channel: 'webhook',
        webhookId,
        message: {
          kind: 'schedule.daily-alerts.group',
          params: {
            region: '华东',
            date: '2026-06-15',
            keyClientGaps: 2,
            staleKrs: 1,
            overdueEscalations: 0,
          },
          link: '/x',
        },
      };
      const [claimed] = await claimDeliveries(services.ndb, [planned], clock);
      return claimed!;
    };
    const statusOf = async (id: string) => (await listDeliveries(services.ndb)).find((d) => d.id === id)!;

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'okr-notify-'));
      storage = await openStorage({ dataDir: dir, databaseUrl, pgSchema });
      await seedIfEmpty(storage.db, caseStudySnapshot(), demoAccounts.slice(0, 1), clock);
      services = await createNotifyServices({
        db: storage.db,
        dataDir: dir,
        dialect: storage.dialect,
        now: () => clock,
        notifications: new StoredNotifications(storage.db, () => clock),
        log: silent,
        retry: { baseDelayMs: BASE_DELAY, maxAttempts: 3, timeoutMs: 3_000, leaseMs: 60_000 },
      });
      await receiver.start();
    });
    afterAll(async () => {
      await services.worker.idle();
      await receiver.stop();
      await storage.close();
      if (databaseUrl && pgSchema) await dropPgSchema(databaseUrl, pgSchema);
      rmSync(dir, { recursive: true, force: true });
    });

    it("sends each platform's own format, signed with the robot's secret", async () => {
      const ding = await robots().create({
        regionId: 'region-east',
        platform: 'dingtalk',
        name: 'east',
        url: receiver.robot('dingtalk', 'east', {
          secret: 'SECdingtalk-secret-1234',
          query: '?access_token=tok123456789',
        }),
        secret: 'SECdingtalk-secret-1234',
      });
      const feishu = await robots().create({
        regionId: 'region-south',
        platform: 'feishu',
        name: 'south',
        url: receiver.robot('feishu', 'south', { secret: 'feishu-secret-abcd' }),
        secret: 'feishu-secret-abcd',
        lang: 'en-US',
      });
      const wecom = await robots().create({
        regionId: null,
        platform: 'wecom',
        name: 'hq',
        url: receiver.robot('wecom', 'hq'),
      });
      const ids = [await queue(ding.id), await queue(feishu.id), await queue(wecom.id)].map((d) => d.id);

      expect(await services.worker.runDue()).toEqual({ sent: 3, retrying: 0, failed: 0 });
      for (const id of ids) expect((await statusOf(id)).status).toBe('sent');
      const byPlatform = Object.fromEntries(receiver.received.map((r) => [r.platform, r]));
      expect(receiver.received.map((r) => r.problem)).toEqual([null, null, null]);
      expect(byPlatform.dingtalk!.query.get('access_token')).toBe('tok123456789');
      expect(byPlatform.dingtalk!.query.get('timestamp')).toBe(String(clock.getTime()));
      expect(byPlatform.dingtalk!.body.markdown?.title).toBe('华东 每日预警（2026-06-15）');
      expect(byPlatform.feishu!.body.timestamp).toBe(String(Math.floor(clock.getTime() / 1000)));
      expect(byPlatform.feishu!.body.content?.text).toContain('Key clients not contacted in time: 2');
      expect(byPlatform.wecom!.body.markdown?.content).toContain('关键客户超期未联系 2 个');
    });

    it('a wrong secret is refused by the robot and the delivery is retried, not marked sent', async () => {
      const hook = await robots().create({
        platform: 'dingtalk',
        name: 'wrong-secret',
        url: receiver.robot('dingtalk', 'wrong', { secret: 'the-real-secret-0000' }),
        secret: 'a-different-secret-0000',
      });
      const d = await queue(hook.id);
      expect(await services.worker.runDue()).toEqual({ sent: 0, retrying: 1, failed: 0 });
      const stored = await statusOf(d.id);
      expect(stored.status).toBe('pending');
      // The robot's own words ("sign does not match") are never passed on; its code is, worded.
      expect(stored.lastError).toMatch(/error code 310000\): the signature/);
      expect(stored.lastError).not.toMatch(/sign does not match/);
      await robots().update(hook.id, hook.version, { enabled: false });
    });

    it('retries a robot that fails twice with exponential backoff, then delivers', async () => {
      const hook = await robots().create({
        platform: 'wecom',
        name: 'flaky',
        url: receiver.robot('wecom', 'flaky', { behaviour: { failFirst: 2 } }),
      });
      const d = await queue(hook.id);
      step(10 * BASE_DELAY); // past the disabled robot's retry: it fails for good below, unrelated to this one
      const before = receiver.callsTo('wecom', 'flaky');
      expect((await services.worker.runDue()).retrying).toBeGreaterThanOrEqual(1);
      expect((await statusOf(d.id)).attempts).toBe(1);
      step(BASE_DELAY - 1);
      await services.worker.runDue();
      expect(receiver.callsTo('wecom', 'flaky')).toBe(before + 1); // not due yet
      step(1);
      await services.worker.runDue();
      expect((await statusOf(d.id)).attempts).toBe(2);
      step(2 * BASE_DELAY - 1);
      await services.worker.runDue();
      expect((await statusOf(d.id)).status).toBe('pending');
      step(1);
      await services.worker.runDue();
      const done = await statusOf(d.id);
      expect(done.status).toBe('sent');
      expect(done.attempts).toBe(3);
      expect(receiver.callsTo('wecom', 'flaky')).toBe(before + 3);
    });

    it('records a robot that always fails as failed after the last attempt', async () => {
      const hook = await robots().create({
        platform: 'feishu',
        name: 'down',
        url: receiver.robot('feishu', 'down', { behaviour: 'always-fail' }),
      });
      const d = await queue(hook.id);
      for (let i = 0; i < 6; i += 1) {
        await services.worker.runDue();
        step(10 * BASE_DELAY);
      }
      const stored = await statusOf(d.id);
      expect(stored.status).toBe('failed');
      expect(stored.attempts).toBe(3);
      expect(stored.lastError).toMatch(/HTTP 500/);
      expect(receiver.callsTo('feishu', 'down')).toBe(3);
      expect((await listDeliveries(services.ndb, { status: 'failed' })).map((x) => x.id)).toContain(d.id);
    });

    it('masks tokens in addresses', () => {
      expect(maskUrl('https://oapi.dingtalk.com/robot/send?access_token=abcdef1234567890')).toBe(
        'https://oapi.dingtalk.com/robot/send?access_token=••••7890',
      );
      expect(maskUrl('https://open.feishu.cn/open-apis/bot/v2/hook/0123456789abcdef-xyz1')).toBe(
        'https://open.feishu.cn/open-apis/bot/v2/hook/••••xyz1',
      );
    });
  });
}
