// The pack's after-rules and tick passes over a real SQLite records store; the audit feed is the
// host's port, kept in memory here to count what the pass reads and when it moves the cursor.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sqlRecords } from '../../host/server/storage/app-records.ts';
import { openStorage, type Storage } from '../../host/server/storage/database.ts';
import type { AppPorts, Records } from '../../plugin/app/ports.ts';
import {
  type AuditFeed,
  automationsAfterRules,
  automationTick,
} from '../../plugin/automations/after-rules.ts';
import { AutomationExecutor } from '../../plugin/automations/executor.ts';
import type { LifecycleAuditRow } from '../../plugin/automations/lifecycle-events.ts';
import { listAutomationRuns, recordsAutomationRuns } from '../../plugin/automations/records-runs.ts';
import type { Automation } from '../../plugin/automations/types.ts';
import { defaultSettings } from '../../plugin/engine/default-rules.ts';
import type { NotificationInput } from '../../plugin/sdk/index.ts';
import { demoSnapshot } from '../adapters/nocobase/demo.ts';

const automations: Automation[] = [
  {
    id: 'raised-note',
    title: '升级：告诉负责人',
    enabled: true,
    trigger: 'escalation-raised',
    steps: [
      { type: 'notify', to: [{ who: 'owner' }], inApp: true, message: { title: '已升级', text: '{kr}' } },
    ],
  },
  {
    id: 'overdue-note',
    title: '超时：告诉区域经理',
    enabled: true,
    trigger: 'escalation-overdue',
    steps: [
      { type: 'notify', to: [{ who: 'region-head' }], inApp: true, message: { title: '超时', text: '{kr}' } },
    ],
  },
];

/** The demo's open escalation (esc-018, 高静's KR), raised as an audit row of any host. */
const raised = (id: number): LifecycleAuditRow => ({
  id,
  at: '2026-07-03T08:30:00Z',
  action: 'escalation.raise',
  subjectId: 'esc-018',
  after: { krId: 'kr-gaojing-2', month: '2026-06', reason: 'amber-streak' },
});

function memoryFeed(rows: LifecycleAuditRow[]) {
  const state = { cursor: 0, reads: 0 };
  const feed: AuditFeed = {
    async unread() {
      state.reads += 1;
      const unread = rows.filter((r) => Number(r.id) > state.cursor);
      return { rows: unread, next: String(unread.at(-1)?.id ?? state.cursor) };
    },
    async markRead(next) {
      state.cursor = Number(next);
    },
    poolRunQuarter: async () => undefined,
  };
  return { feed, state };
}

describe('the automations after a rules run and on the tick, the same on every host', () => {
  let dir: string;
  let storage: Storage;
  let records: Records;
  let told: NotificationInput[];
  let executor: AutomationExecutor;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'okr-after-rules-'));
    storage = await openStorage({ dataDir: dir });
    records = sqlRecords(storage.db);
    await records.insert('automationVersions', {
      version: 1,
      status: 'published',
      document: { version: 1, automations },
      reason: '测试',
      authorId: 'person-linxue',
      createdAt: '2026-07-01T00:00:00Z',
      publishedAt: '2026-07-01T00:00:00Z',
      publishedById: 'person-linxue',
      rollbackOf: null,
    });
    told = [];
    executor = new AutomationExecutor({
      runs: recordsAutomationRuns(records),
      actions: {
        notify: async (n) => {
          told.push(n);
          return n.recipientIds.length;
        },
        toChannel: async () => undefined,
        app: {} as AppPorts,
      },
      now: () => new Date('2026-07-04T08:00:00Z'),
    });
  });
  afterEach(async () => {
    await storage.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const run = { ruleEvents: [], snapshot: demoSnapshot(), colours: [], settings: defaultSettings() };

  it('hands the unread lifecycle rows on, then moves the cursor; the same rows again act once', async () => {
    const { feed, state } = memoryFeed([raised(7)]);
    expect(await automationsAfterRules(executor, feed, { ...run, today: '2026-07-04' })).toBe(1);
    expect(told.map((n) => [n.recipientIds, n.kind, n.params.title])).toEqual([
      [['person-gaojing'], 'automation.message', '已升级'],
    ]);
    expect(state.cursor).toBe(7);
    state.cursor = 0;
    expect(await automationsAfterRules(executor, feed, { ...run, today: '2026-07-04' })).toBe(0);
    expect(told).toHaveLength(1);
  });

  it('keeps the cursor where it was when the executor fails, so the rows are read again', async () => {
    const { feed, state } = memoryFeed([raised(7)]);
    const broken = new AutomationExecutor({
      runs: { ...recordsAutomationRuns(records), claim: async () => Promise.reject(new Error('disk full')) },
      actions: { notify: async () => 0, toChannel: async () => undefined, app: {} as AppPorts },
      now: () => new Date('2026-07-04T08:00:00Z'),
    });
    await expect(automationsAfterRules(broken, feed, { ...run, today: '2026-07-04' })).rejects.toThrow(
      'disk full',
    );
    expect(state.cursor).toBe(0);
    expect(await automationsAfterRules(executor, feed, { ...run, today: '2026-07-04' })).toBe(1);
    expect(state.cursor).toBe(7);
  });

  it('ticks the overdue escalations once a cycle runs; without one it reads no audit rows', async () => {
    const { feed, state } = memoryFeed([]);
    const reads = { snapshot: async () => null, settings: async () => defaultSettings() };
    expect(await automationTick(executor, feed, reads, '2026-07-20')).toEqual({
      resumed: 0,
      stopped: 0,
      retried: 0,
    });
    expect(state.reads).toBe(0);
    const withCycle = { ...reads, snapshot: async () => demoSnapshot() };
    await automationTick(executor, feed, withCycle, '2026-07-20');
    await automationTick(executor, feed, withCycle, '2026-07-21');
    expect(state.reads).toBe(2);
    // 刘洋 heads 华北, the region of esc-018; the overdue event is one event, whatever the day.
    expect(told.map((n) => [n.recipientIds, n.params.title])).toEqual([[['person-liuyang'], '超时']]);
    expect((await listAutomationRuns(records, 'done')).map((r) => r.key)).toEqual([
      'overdue:esc-018|overdue-note|0',
    ]);
  });
});
