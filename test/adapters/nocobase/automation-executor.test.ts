import { automationTick } from '../../../adapters/nocobase/server/automation-executor.ts';
import { COLLECTIONS } from '../../../adapters/nocobase/server/collections.ts';
import { nocobaseAppPorts } from '../../../adapters/nocobase/server/command-actions.ts';
import { importSnapshot } from '../../../adapters/nocobase/server/import-snapshot.ts';
import { recordRuleEvents } from '../../../adapters/nocobase/server/rule-events.ts';
import { ensureInitialSettings } from '../../../adapters/nocobase/server/settings-store.ts';
import { runCommand } from '../../../plugin/app/command.ts';
import { createChannel } from '../../../plugin/app/commands/channels.ts';
import { raiseEscalation } from '../../../plugin/app/commands/escalations.ts';
import type { Automation } from '../../../plugin/automations/types.ts';
import type { RuleEvent } from '../../../plugin/engine/index.ts';
import type { HostUser } from '../../../plugin/sdk/index.ts';
import { RobotReceiver } from '../../server/notify-receiver.ts';
import { demoSnapshot } from './demo.ts';
import { memoryTables } from './memory-tables.ts';

// The stand-in robot listens on 127.0.0.1; the robots' key comes from the environment, not a file here.
process.env.OKR_WEBHOOK_ALLOW_PRIVATE = '1';
process.env.OKR_SECRET_KEY = Buffer.alloc(32, 7).toString('base64');
const receiver = new RobotReceiver();
beforeAll(() => receiver.start());
afterAll(() => receiver.stop());

const red: RuleEvent = {
  type: 'calibration-red',
  subject: { krId: 'kr-zhengkai-1', month: '2026-03' },
  params: { pacePercent: 20 },
};
const published = (automations: Automation[]) => ({
  version: 1,
  status: 'published',
  document: { version: 1, automations },
  reason: '自动化',
  authorId: 'person-linxue',
  createdAt: '2026-03-01T00:00:00Z',
  publishedAt: '2026-03-01T00:00:00Z',
  publishedById: 'person-linxue',
  rollbackOf: null,
});
const admin: HostUser = {
  userId: '1',
  personId: 'person-zhoulei',
  name: '周磊',
  role: 'admin',
  regionId: null,
  scope: null,
};

async function demoTables(automations: Automation[]) {
  const tables = memoryTables();
  await importSnapshot(tables, demoSnapshot());
  await ensureInitialSettings(tables, '2026-03-01T00:00:00Z');
  if (automations.length) await tables.create(COLLECTIONS.automationVersions, published(automations));
  let now = '2026-03-05T08:00:00.000Z';
  const clock = { now: () => now, today: () => now.slice(0, 10) };
  return { tables, clock, at: (iso: string) => (now = iso) };
}

const notes = (tables: ReturnType<typeof memoryTables>) =>
  (tables.rows[COLLECTIONS.notifications] ?? []).map((n) => [
    n.personId,
    n.kind,
    (n.params as { title?: string }).title,
  ]);

describe('automations on NocoBase: the pack’s executor over okr_automation_runs', () => {
  it('sends nothing extra until HR publishes a version (NocoBase workflows are the shipped behaviour)', async () => {
    const { tables } = await demoTables([]);
    expect(await recordRuleEvents(tables, [red], '2026-03-05T08:00:00Z', demoSnapshot())).toBe(1);
    expect(tables.rows[COLLECTIONS.notifications] ?? []).toEqual([]);
    expect(tables.rows[COLLECTIONS.automationRuns] ?? []).toEqual([]);
  });

  it("notifies the region head once with the words HR wrote and posts once to the region's robot", async () => {
    const { tables, clock } = await demoTables([]);
    const robot = await runCommand(
      nocobaseAppPorts(tables, clock, undefined, undefined),
      admin,
      createChannel,
      {
        regionId: 'region-south',
        platform: 'dingtalk',
        name: '华南群',
        url: receiver.robot('dingtalk', 'south', { secret: 'SECsouth-robot-0001' }),
        secret: 'SECsouth-robot-0001',
      },
    );
    await tables.create(
      COLLECTIONS.automationVersions,
      published([
        {
          id: 'south-red',
          title: '华南红灯',
          enabled: true,
          trigger: 'calibration-red',
          conditions: { all: [{ fact: 'region', operator: 'equal', value: 'region-south' }] },
          steps: [
            {
              type: 'notify',
              to: [{ who: 'region-head' }],
              inApp: true,
              message: { title: '{region} 红灯', text: '{owner}：{kr}' },
            },
            { type: 'notify', to: [{ who: 'owner' }], inApp: false, channelId: robot.id },
            { type: 'notify', to: [{ who: 'owner' }], inApp: false, channelId: 'robot-gone' },
          ],
        },
      ]),
    );
    const snapshot = demoSnapshot();
    await recordRuleEvents(tables, [red], '2026-03-05T08:00:00Z', snapshot);
    await recordRuleEvents(tables, [red], '2026-03-05T09:00:00Z', snapshot);
    expect(notes(tables)).toEqual([['person-huangweiming', 'automation.message', '华南 红灯']]);
    expect(receiver.received.map((r) => [r.platform, r.problem])).toEqual([['dingtalk', null]]);
    expect(receiver.received[0]?.body.markdown?.title).toBe('KR 在 2026-03 为红灯');
    const runs = tables.rows[COLLECTIONS.automationRuns]!;
    expect(runs.map((r) => [r.runKey, r.status, r.attempts])).toEqual([
      [`${red.type}|kr-zhengkai-1|||2026-03||south-red|0`, 'done', 1],
      [`${red.type}|kr-zhengkai-1|||2026-03||south-red|1`, 'done', 1],
      [`${red.type}|kr-zhengkai-1|||2026-03||south-red|2`, 'failed', 1],
    ]);
    // A channel that is gone is said, and not tried again.
    expect(runs[2]?.lastError).toContain('channel "robot-gone" does not exist');
    // The robot's address and secret are stored sealed, and its creation is audited.
    const [stored] = tables.rows[COLLECTIONS.channels]!;
    expect(String(stored?.url)).toMatch(/^v1:/);
    expect((tables.rows[COLLECTIONS.audit] ?? []).map((a) => a.action)).toContain('webhook.create');
  });

  it('runs a lifecycle trigger from the audit log, raises the escalation as the system, waits and resumes', async () => {
    const { tables, clock, at } = await demoTables([
      {
        id: 'raised-follow-up',
        title: '升级：提醒、上报、两天后跟进',
        enabled: true,
        trigger: 'escalation-raised',
        steps: [
          { type: 'notify', to: [{ who: 'owner' }], inApp: true, message: { title: '已升级', text: '{kr}' } },
          { type: 'raise' },
          { type: 'wait', days: 2 },
          {
            type: 'notify',
            to: [{ who: 'manager' }],
            inApp: true,
            message: { title: '两天未解决', text: '{kr}' },
          },
        ],
      },
    ]);
    // The first pass starts the audit cursor now: older audit rows are history, not events.
    await automationTick(tables, clock);
    at('2026-03-05T08:01:00.000Z');
    const escalation = await runCommand(
      nocobaseAppPorts(tables, clock, undefined, undefined),
      admin,
      raiseEscalation,
      {
        krId: 'kr-zhengkai-1',
        month: '2026-03',
        reason: 'blocker',
      },
    );
    expect(escalation.assigneeId).toBe('person-huangweiming');
    at('2026-03-05T08:02:00.000Z');
    expect(await automationTick(tables, clock)).toEqual({ resumed: 0, stopped: 0, retried: 0 });
    // The raise step: one level above the assignee, audited as the system with the automation named.
    const stored = await tables.findOne(COLLECTIONS.escalations, escalation.id);
    expect(stored).toMatchObject({ assigneeId: 'person-wangjianguo', version: 2 });
    const assigned = (tables.rows[COLLECTIONS.audit] ?? []).filter((r) => r.action === 'escalation.assign');
    expect(assigned).toEqual([
      expect.objectContaining({
        actorId: 'system',
        subject: `escalation:${escalation.id}`,
        detail: {
          before: { assigneeId: 'person-huangweiming', version: 1 },
          after: {
            assigneeId: 'person-wangjianguo',
            version: 2,
            automationId: 'raised-follow-up',
            step: 'raise',
          },
        },
      }),
    ]);
    expect(tables.rows[COLLECTIONS.automationWaits]).toEqual([
      expect.objectContaining({ status: 'waiting', dueDate: '2026-03-07', resumeAt: 3 }),
    ]);
    const afterRaise = [
      ['person-huangweiming', 'escalation.raised', undefined], // the raise command's own notice
      ['person-zhengkai', 'automation.message', '已升级'],
      ['person-wangjianguo', 'escalation.assigned', undefined],
    ];
    expect(notes(tables)).toEqual(afterRaise);

    // The same audit row read again (inside the cursor's margin) and a tick before the day: nothing new.
    at('2026-03-06T08:00:00.000Z');
    expect(await automationTick(tables, clock)).toEqual({ resumed: 0, stopped: 0, retried: 0 });
    expect(notes(tables)).toEqual(afterRaise);
    at('2026-03-07T08:00:00.000Z');
    expect(await automationTick(tables, clock)).toEqual({ resumed: 1, stopped: 0, retried: 0 });
    expect(await automationTick(tables, clock)).toEqual({ resumed: 0, stopped: 0, retried: 0 });
    expect(notes(tables)).toEqual([
      ...afterRaise,
      ['person-huangweiming', 'automation.message', '两天未解决'],
    ]);
    expect(tables.rows[COLLECTIONS.automationWaits]?.map((w) => w.status)).toEqual(['resumed']);
    expect(tables.rows[COLLECTIONS.automationRuns]?.map((r) => r.status)).toEqual([
      'done',
      'done',
      'done',
      'done',
    ]);
  });
});
