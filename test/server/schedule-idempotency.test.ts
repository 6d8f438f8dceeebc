import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { caseStudySnapshot, demoAccounts } from '../../host/demo/case-study.ts';
import { listDeliveries } from '../../host/server/notify/deliveries.ts';
import { getReport } from '../../host/server/reports/report-store.ts';
import { createNotifyServices, type NotifyServices } from '../../host/server/schedules/notify-services.ts';
import type { OccurrenceRun } from '../../host/server/schedules/schedule-runner.ts';
import { seedIfEmpty } from '../../host/server/seed.ts';
import { StoredNotifications } from '../../host/server/services/notifications.ts';
import { ensureInitialSettings } from '../../host/server/services/settings-service.ts';
import { dropPgSchema, openStorage, type Storage } from '../../host/server/storage/database.ts';
import { RobotReceiver } from './notify-receiver.ts';
import { robotCommands } from './robot-commands.ts';

// The robots are local receivers on loopback (the runner processes inherit this).
process.env.OKR_WEBHOOK_ALLOW_PRIVATE = '1';

const run = promisify(execFile);
const SCRIPT = join(import.meta.dirname, 'schedule-runner-process.ts');
// 2026-07-01 09:40 in Shanghai: calibration week starts, the daily alerts and the monthly report are due.
const JULY_1 = '2026-07-01T01:40:00.000Z';

interface ProcessResult {
  runs: OccurrenceRun[];
  sent: { sent: number; retrying: number; failed: number };
}

async function runnerProcess(dataDir: string, now: string, pg: string[]): Promise<ProcessResult> {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', SCRIPT, dataDir, now, ...pg], {
    cwd: process.cwd(),
    timeout: 60_000,
  });
  return JSON.parse(stdout) as ProcessResult;
}

const backends = [
  { name: 'SQLite', databaseUrl: undefined, skip: false },
  { name: 'PostgreSQL', databaseUrl: process.env.DATABASE_URL, skip: !process.env.DATABASE_URL },
];

for (const { name, databaseUrl, skip } of backends) {
  describe.skipIf(skip)(`schedules run by two server processes at once on ${name}`, () => {
    let dir: string;
    let storage: Storage;
    let services: NotifyServices;
    const robots = () => robotCommands(storage.db, services, () => clock);
    let clock = new Date(JULY_1);
    const receiver = new RobotReceiver();
    let results: ProcessResult[];
    const pgSchema = databaseUrl ? `t_${randomBytes(6).toString('hex')}` : undefined;

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'okr-schedules-'));
      storage = await openStorage({ dataDir: dir, databaseUrl, pgSchema });
      await seedIfEmpty(storage.db, caseStudySnapshot(), demoAccounts.slice(0, 1), clock);
      await ensureInitialSettings(storage.db, clock);
      services = await createNotifyServices({
        db: storage.db,
        dataDir: dir,
        dialect: storage.dialect,
        now: () => clock,
        notifications: new StoredNotifications(storage.db, () => clock),
        log: { warn() {}, error() {} },
      });
      // Two reps have not checked in June yet.
      await storage.db
        .deleteFrom('check_ins')
        .where('month', '=', '2026-06')
        .where('kr_id', 'like', 'kr-zhaomin-%')
        .execute();
      await storage.db
        .deleteFrom('check_ins')
        .where('month', '=', '2026-06')
        .where('kr_id', 'like', 'kr-zhengkai-%')
        .execute();
      await receiver.start();
      await robots().create({
        regionId: 'region-east',
        platform: 'dingtalk',
        name: 'east',
        url: receiver.robot('dingtalk', 'east', { secret: 'east-secret-0001' }),
        secret: 'east-secret-0001',
      });
      await robots().create({
        regionId: 'region-south',
        platform: 'feishu',
        name: 'south',
        url: receiver.robot('feishu', 'south', { secret: 'south-secret-002' }),
        secret: 'south-secret-002',
      });
      await robots().create({
        regionId: null,
        platform: 'wecom',
        name: 'hq',
        url: receiver.robot('wecom', 'hq'),
      });
      const pg = databaseUrl && pgSchema ? [databaseUrl, pgSchema] : [];
      results = await Promise.all([runnerProcess(dir, JULY_1, pg), runnerProcess(dir, JULY_1, pg)]);
    }, 120_000);

    afterAll(async () => {
      await services.worker.idle();
      await receiver.stop();
      await storage.close();
      if (databaseUrl && pgSchema) await dropPgSchema(databaseUrl, pgSchema);
      rmSync(dir, { recursive: true, force: true });
    });

    it('both processes plan the same deliveries and each delivery is claimed by exactly one', () => {
      const [a, b] = results as [ProcessResult, ProcessResult];
      const key = (r: OccurrenceRun) => `${r.scheduleId}:${r.occurrence}`;
      expect(a.runs.map(key).sort()).toEqual([
        'calibration-reminder:2026-07',
        'daily-alerts:2026-07-01',
        'monthly-report:2026-07',
      ]);
      expect(a.runs.every((r) => r.error === undefined) && b.runs.every((r) => r.error === undefined)).toBe(
        true,
      );
      for (const ra of a.runs) {
        const rb = b.runs.find((r) => key(r) === key(ra))!;
        expect(rb.planned).toBe(ra.planned);
        expect(ra.planned).toBeGreaterThan(0);
        expect(ra.claimed + rb.claimed).toBe(ra.planned);
      }
    });

    it('sends every delivery once: one notification per person and key, one robot call per webhook delivery', async () => {
      const deliveries = await listDeliveries(services.ndb);
      expect(deliveries.every((d) => d.status === 'sent')).toBe(true);
      const inApp = deliveries.filter((d) => d.channel === 'in-app');
      const rows = await storage.db
        .selectFrom('notifications')
        .select(['person_id', 'dedup_key'])
        .where('kind', 'like', 'schedule.%')
        .execute();
      expect(rows.length).toBe(inApp.length);
      expect(new Set(rows.map((r) => `${r.person_id}|${r.dedup_key}`)).size).toBe(rows.length);
      for (const [platform, name] of [
        ['dingtalk', 'east'],
        ['feishu', 'south'],
        ['wecom', 'hq'],
      ] as const) {
        const hook = (await services.webhooks.list()).find((w) => w.name === name)!;
        const expected = deliveries.filter((d) => d.webhookId === hook.id).length;
        expect(expected).toBeGreaterThan(0);
        expect(receiver.callsTo(platform, name)).toBe(expected);
      }
      expect(receiver.received.every((r) => r.problem === null)).toBe(true);
    });

    it('reminds exactly the reps with June KRs not checked in, and tells their region robot', async () => {
      const reminded = await storage.db
        .selectFrom('notifications')
        .select('person_id')
        .where('kind', '=', 'schedule.calibration-reminder')
        .execute();
      expect(reminded.map((r) => r.person_id).sort()).toEqual(['person-zhaomin', 'person-zhengkai']);
      const east = receiver.received.find(
        (r) => r.platform === 'dingtalk' && r.body.markdown?.title?.includes('校准周提醒'),
      );
      expect(east?.body.markdown?.text).toContain('赵敏');
      expect(east?.body.markdown?.text).not.toContain('郑凯');
    });

    it('stores the June report and links it in the notification', async () => {
      const report = await getReport(services.ndb, '2026-06');
      expect(report.summary.find((s) => s.scope === 'hq')?.krs).toBeGreaterThan(0);
      const note = await storage.db
        .selectFrom('notifications')
        .select('params')
        .where('kind', '=', 'schedule.monthly-report')
        .where('person_id', '=', 'person-chenzhiqiang')
        .executeTakeFirst();
      expect(JSON.parse(note!.params).link).toBe('/api/reports/calibration/2026-06/page?scope=region-east');
    });

    it('a restarted process sends nothing again', async () => {
      const before = receiver.received.length;
      const again = await services.runner.tick();
      await services.worker.idle();
      expect(again.map((r) => r.claimed)).toEqual([0, 0, 0]);
      expect(receiver.received.length).toBe(before);
    });

    it('tells the manager two days later who is still missing', async () => {
      clock = new Date('2026-07-03T01:05:00Z');
      const runs = await services.runner.tick();
      await services.worker.idle();
      await services.worker.runDue();
      expect(runs.find((r) => r.scheduleId === 'calibration-follow-up')?.claimed).toBeGreaterThan(0);
      const rows = await storage.db
        .selectFrom('notifications')
        .select(['person_id', 'params'])
        .where('kind', '=', 'schedule.calibration-follow-up')
        .execute();
      expect(rows.map((r) => r.person_id).sort()).toEqual(['person-chenzhiqiang', 'person-huangweiming']);
      expect(JSON.parse(rows.find((r) => r.person_id === 'person-chenzhiqiang')!.params).names).toEqual([
        '赵敏',
      ]);
    });
  });
}
