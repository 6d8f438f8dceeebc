import type { AppPorts } from '../app/ports.ts';
import type { Snapshot } from '../domain/types.ts';
import type { NotificationInput } from '../sdk/index.ts';
import { AutomationExecutor } from './executor.ts';
import { type AutomationRunsPort, StepFailure, type StoredRun, type StoredWait } from './ports.ts';
import type { Automation, AutomationEvent } from './types.ts';
import type { AutomationVersion } from './versions.ts';

// The executor is pure over its ports: runs and waits in memory, the clock in the test's hand.
function memoryRuns(published: AutomationVersion[]) {
  const runs = new Map<string, StoredRun>();
  const waits = new Map<string, StoredWait & { status: string }>();
  const port: AutomationRunsPort = {
    published: async () => published,
    async claim(action, event, now) {
      if ([...runs.values()].some((r) => r.key === action.key)) return null;
      const id = `run-${runs.size + 1}`;
      const at = now.toISOString();
      runs.set(id, {
        id,
        key: action.key,
        status: 'pending',
        attempts: 0,
        action,
        event,
        lastError: null,
        nextAttemptAt: at,
        createdAt: at,
        doneAt: null,
      });
      return id;
    },
    async settle(id, patch) {
      const run = runs.get(id)!;
      runs.set(id, { ...run, ...patch } as StoredRun);
    },
    async due(now, staleBefore, limit) {
      return [...runs.values()]
        .filter(
          (r) =>
            (r.status === 'retrying' && r.nextAttemptAt <= now.toISOString()) ||
            (r.status === 'pending' && r.nextAttemptAt < staleBefore.toISOString()),
        )
        .slice(0, limit);
    },
    async take(run, now) {
      const stored = runs.get(run.id)!;
      if (stored.status !== run.status || stored.nextAttemptAt !== run.nextAttemptAt) return false;
      runs.set(run.id, { ...stored, status: 'pending', nextAttemptAt: now.toISOString() });
      return true;
    },
    async addWait(wait) {
      if (!waits.has(wait.key)) waits.set(wait.key, { ...wait, status: 'waiting' });
    },
    async dueWaits(today) {
      return [...waits.values()].filter((w) => w.status === 'waiting' && w.dueDate <= today);
    },
    async settleWait(key, status) {
      const w = waits.get(key);
      if (w?.status !== 'waiting') return false;
      w.status = status;
      return true;
    },
  };
  return { port, runs, waits };
}

const person = (id: string, role: string, regionId: string | null, managerId: string | null = null) => ({
  id,
  name: `名${id}`,
  role,
  regionId,
  managerId,
  baseBonusCents: 0,
});
const org = (resolved: string | null = null) =>
  ({
    regions: [{ id: 'south', name: '华南' }],
    people: [
      person('ceo', 'strategy', null),
      person('m-south', 'manager', 'south', 'ceo'),
      person('rep', 'sales', 'south', 'm-south'),
    ],
    keyResults: [{ id: 'kr1', title: '新能源签约', ownerType: 'person', ownerId: 'rep' }],
    keyAccounts: [],
    escalations: [
      { id: 'esc1', krId: 'kr1', month: '2026-03', raisedAt: '2026-03-02T00:00:00Z', resolvedAt: resolved },
    ],
  }) as unknown as Snapshot;

const raised: AutomationEvent = {
  id: 'audit:7',
  trigger: 'escalation-raised',
  at: '2026-03-02T08:00:00Z',
  subject: { escalationId: 'esc1', krId: 'kr1', month: '2026-03' },
  params: { reason: 'red' },
};

const automation = (over: Partial<Automation> = {}): Automation => ({
  id: 'follow',
  title: '升级跟进',
  enabled: true,
  trigger: 'escalation-raised',
  steps: [
    { type: 'notify', to: [{ who: 'owner' }], inApp: true, message: { title: '已升级', text: '{kr}' } },
    { type: 'wait', days: 2 },
    { type: 'notify', to: [{ who: 'manager' }], inApp: true, message: { title: '两天未解决', text: '{kr}' } },
  ],
  ...over,
});
const published = (automations: Automation[], version = 1): AutomationVersion[] => [
  {
    version,
    status: 'published',
    document: { version: 1, automations },
    reason: 'x',
    authorId: 'hr1',
    createdAt: '2026-03-01T00:00:00Z',
    publishedAt: '2026-03-01T00:00:00Z',
    publishedById: 'hr1',
    rollbackOf: null,
  } as AutomationVersion,
];

function setUp(
  automations: Automation[],
  options: { toChannel?: () => Promise<void>; runShipped?: boolean } = {},
) {
  const memory = memoryRuns(automations.length ? published(automations) : []);
  const sent: NotificationInput[] = [];
  let now = new Date('2026-03-02T09:00:00Z');
  const executor = new AutomationExecutor({
    runs: memory.port,
    actions: {
      notify: async (n) => {
        sent.push(n);
        return n.recipientIds.length;
      },
      toChannel: options.toChannel ?? (async () => undefined),
      app: {} as AppPorts,
    },
    now: () => now,
    retry: { baseDelayMs: 1000, maxAttempts: 3 },
    staleClaimMs: 60_000,
    ...(options.runShipped === undefined ? {} : { runShipped: options.runShipped }),
  });
  return { executor, sent, memory, setNow: (iso: string) => (now = new Date(iso)) };
}

describe('the pack’s automation executor over its ports', () => {
  it('claims each step before acting: the same event twice notifies once', async () => {
    const { executor, sent, memory } = setUp([automation()]);
    expect(await executor.handle([raised], org(), '2026-03-02')).toBe(1);
    expect(await executor.handle([raised], org(), '2026-03-02')).toBe(0);
    expect(sent.map((n) => [n.recipientIds, n.params])).toEqual([
      [['rep'], { title: '已升级', text: '新能源签约' }],
    ]);
    expect([...memory.runs.values()].map((r) => [r.key, r.status])).toEqual([
      ['audit:7|follow|0', 'done'],
      ['audit:7|follow|1', 'done'],
    ]);
    expect([...memory.waits.values()]).toEqual([
      expect.objectContaining({
        key: 'audit:7|follow|1',
        dueDate: '2026-03-04',
        resumeAt: 2,
        status: 'waiting',
      }),
    ]);
  });

  it('resumes a due wait once while the escalation is open, and stops it once it is resolved', async () => {
    const open = setUp([automation()]);
    await open.executor.handle([raised], org(), '2026-03-02');
    expect(await open.executor.tick(org(), '2026-03-03')).toEqual({ resumed: 0, stopped: 0, retried: 0 });
    expect(await open.executor.tick(org(), '2026-03-04')).toEqual({ resumed: 1, stopped: 0, retried: 0 });
    expect(await open.executor.tick(org(), '2026-03-05')).toEqual({ resumed: 0, stopped: 0, retried: 0 });
    expect(open.sent.map((n) => n.recipientIds)).toEqual([['rep'], ['m-south']]);

    const closed = setUp([automation()]);
    await closed.executor.handle([raised], org(), '2026-03-02');
    expect(await closed.executor.tick(org('2026-03-03T00:00:00Z'), '2026-03-04')).toEqual({
      resumed: 0,
      stopped: 1,
      retried: 0,
    });
    expect(closed.sent).toHaveLength(1);
  });

  it('retries a failing step with backoff and lists it failed after the last attempt', async () => {
    let calls = 0;
    const channel = automation({
      steps: [{ type: 'notify', to: [{ who: 'owner' }], inApp: false, channelId: 'robot' }],
    });
    const { executor, memory, setNow } = setUp([channel], {
      toChannel: async () => {
        calls += 1;
        throw new Error('robot answered 502');
      },
    });
    await executor.handle([raised], org(), '2026-03-02');
    const run = () => [...memory.runs.values()][0]!;
    expect(run()).toMatchObject({
      status: 'retrying',
      attempts: 1,
      nextAttemptAt: '2026-03-02T09:00:01.000Z',
    });
    expect((await executor.tick(org(), '2026-03-02')).retried).toBe(0); // backoff not over
    setNow('2026-03-02T09:00:01Z');
    expect((await executor.tick(org(), '2026-03-02')).retried).toBe(1);
    expect(run()).toMatchObject({
      status: 'retrying',
      attempts: 2,
      nextAttemptAt: '2026-03-02T09:00:03.000Z',
    });
    setNow('2026-03-02T09:00:03Z');
    await executor.tick(org(), '2026-03-02');
    expect(run()).toMatchObject({ status: 'failed', attempts: 3, lastError: 'robot answered 502' });
    setNow('2026-03-09T00:00:00Z');
    expect((await executor.tick(org(), '2026-03-09')).retried).toBe(0);
    expect(calls).toBe(3);
  });

  it('fails a step at once when trying again cannot help', async () => {
    const { executor, memory, sent } = setUp(
      [automation({ steps: [{ type: 'notify', to: [{ who: 'owner' }], inApp: true, channelId: 'robot' }] })],
      {
        toChannel: async () => {
          throw new StepFailure('automations: no outgoing channel "robot" on this host', true);
        },
      },
    );
    await executor.handle([raised], org(), '2026-03-02');
    // The in-app part reached the owner; the channel part cannot, so the step is failed for good.
    expect(sent.map((n) => n.recipientIds)).toEqual([['rep']]);
    expect([...memory.runs.values()][0]).toMatchObject({
      status: 'failed',
      attempts: 1,
      lastError: 'automations: no outgoing channel "robot" on this host',
    });
  });

  it('takes over a claim left pending by a stopped process, once', async () => {
    const { executor, memory, sent, setNow } = setUp([automation()]);
    const [action] = (
      await import('./plan-event.ts').then((m) =>
        m.planEvent({ version: 1, automations: [automation()] }, raised, org(), '2026-03-02'),
      )
    )[0]!.actions;
    // A process claimed the first step and stopped before acting.
    await memory.port.claim(action!, raised, new Date('2026-03-02T09:00:00Z'));
    setNow('2026-03-02T09:00:30Z');
    expect((await executor.tick(org(), '2026-03-02')).retried).toBe(0); // still within its lease
    setNow('2026-03-02T09:01:01Z');
    const stale = await memory.port.due(
      new Date('2026-03-02T09:01:01Z'),
      new Date('2026-03-02T09:00:01Z'),
      10,
    );
    expect(await executor.tick(org(), '2026-03-02')).toMatchObject({ retried: 1 });
    // A second process that read the same stale claim cannot take it again.
    expect(await memory.port.take(stale[0]!, new Date('2026-03-02T09:01:02Z'))).toBe(false);
    expect(sent.map((n) => n.recipientIds)).toEqual([['rep']]);
    expect([...memory.runs.values()][0]).toMatchObject({ status: 'done', attempts: 1 });
  });

  it('runs the shipped defaults, except on a host that has its own shipped behaviour', async () => {
    const red: AutomationEvent = {
      id: 'rule-1',
      trigger: 'calibration-red',
      at: '2026-03-05',
      subject: { krId: 'kr1', month: '2026-03' },
      params: {},
      dedupKey: 'calibration-red|kr1|2026-03',
    };
    const reference = setUp([]);
    expect(await reference.executor.handle([red], org(), '2026-03-05')).toBe(2);
    expect(reference.sent[0]).toMatchObject({
      kind: 'rule.calibration-red',
      dedupKey: 'rule:calibration-red|kr1|2026-03',
    });
    const nocobase = setUp([], { runShipped: false });
    expect(await nocobase.executor.handle([red], org(), '2026-03-05')).toBe(0);
    expect(nocobase.memory.runs.size).toBe(0);
  });
});
