// HR's automations on a running NocoBase (NOCOBASE_URL): the pack's executor reads lifecycle events from
// the audit rows the pack writes, claims every step under its key in okr_automation_runs, and resumes
// waits from okr_automation_waits on the tick.
import { base, type Caller, call, importDemo, liveLock, q, signInRoot } from './live-client.ts';

const MARK = 'okr-live-h4';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const document = {
  version: 1,
  automations: [
    {
      id: 'live-checkin',
      title: '华南提交校准：告诉负责人',
      enabled: true,
      trigger: 'checkin-submitted',
      conditions: { all: [{ fact: 'region', operator: 'equal', value: 'region-south' }] },
      steps: [
        {
          type: 'notify',
          to: [{ who: 'owner' }],
          inApp: true,
          message: { title: `${MARK} 已提交`, text: '{kr}（{month}）' },
        },
      ],
    },
    {
      id: 'live-raised',
      title: '升级一年未解决：告诉负责人',
      enabled: true,
      trigger: 'escalation-raised',
      steps: [
        // A year: the plugin's own minute tick never reaches it during the test; the test's tick does.
        { type: 'wait', days: 365 },
        {
          type: 'notify',
          to: [{ who: 'owner' }],
          inApp: true,
          message: { title: `${MARK} 一年未解决`, text: '{kr}' },
        },
      ],
    },
  ],
};

type Note = { personId: string; kind: string; params: { title?: string; text?: string } };

describe.skipIf(!base)('nocobase adapter: automations run by the pack’s executor', () => {
  let release = () => {};
  let root: Caller = null;

  const notes = async (personId: string, title: string) =>
    (
      (
        await call(
          root,
          `okr_notifications:list?filter=${q({ personId, kind: 'automation.message' })}&pageSize=500`,
        )
      ).data as Note[]
    ).filter((n) => n.params.title === title);
  const until = async <T>(read: () => Promise<T[]>, ms = 15_000): Promise<T[]> => {
    const started = Date.now();
    let rows = await read();
    while (rows.length === 0 && Date.now() - started < ms) {
      await sleep(250);
      rows = await read();
    }
    return rows;
  };
  const publish = async (doc: unknown, reason: string) => {
    const proposed = await call(root, 'okrAlign:proposeAutomations', { document: doc, reason });
    expect(proposed.status, JSON.stringify(proposed.errors)).toBe(200);
    const published = await call(root, 'okrAlign:publishAutomations', { version: proposed.data.version });
    expect(published.status, JSON.stringify(published.errors)).toBe(200);
  };

  beforeAll(async () => {
    release = await liveLock();
    root = await signInRoot();
    await importDemo(root);
    await call(root, `okr_escalations:destroy?filter=${q({ detail: { $includes: MARK } })}`, {});
    await call(root, `okr_notifications:destroy?filter=${q({ kind: 'automation.message' })}`, {});
    await publish(document, `${MARK} 自动化`);
  }, 300_000);
  afterAll(async () => {
    if (root) {
      // Nothing runs again, as before the test (NocoBase's workflows stay the shipped behaviour).
      await publish({ version: 1, automations: [] }, `${MARK} 收回`);
      await call(root, `okr_escalations:destroy?filter=${q({ detail: { $includes: MARK } })}`, {});
    }
    release();
  });

  it('a check-in submitted in 华南 tells its owner once, from the audit row, with the words HR wrote', async () => {
    const title = `${MARK} 已提交`;
    const startedAt = new Date().toISOString();
    const saved = await call(root, 'okrAlign:saveCheckIn', {
      krId: 'kr-zhengkai-2',
      month: '2026-06',
      value: 10,
      confidence: 5,
    });
    expect(saved.status, JSON.stringify(saved.errors)).toBe(200);
    // The write schedules a rules run (about a second); the automations follow it.
    const told = await until(() => notes('person-zhengkai', title));
    expect(told.map((n) => n.params.text)).toEqual([expect.stringContaining('（2026-06）')]);
    // Another rules run and a tick read the same audit row again (inside the cursor's margin): nothing more.
    expect((await call(root, 'okrAlign:evaluate', {})).status).toBe(200);
    expect((await call(root, 'okrAlign:automationsTick', {})).status).toBe(200);
    expect(await notes('person-zhengkai', title)).toHaveLength(1);
    const runs = (await call(root, 'okrAlign:automationRuns', {})).data as {
      key: string;
      status: string;
      createdAt: string;
      event: { trigger: string };
    }[];
    expect(
      runs
        .filter((r) => r.key.includes('|live-checkin|') && r.createdAt >= startedAt)
        .map((r) => [r.status, r.event.trigger]),
    ).toEqual([['done', 'checkin-submitted']]);
  }, 60_000);

  it('an escalation raised waits in okr_automation_waits and goes on at the tick that finds it due, once', async () => {
    const title = `${MARK} 一年未解决`;
    const raised = await call(root, 'okrAlign:raiseEscalation', {
      krId: 'kr-zhengkai-3',
      month: '2026-06',
      reason: 'blocker',
      detail: `${MARK} 客户卡住`,
    });
    expect(raised.status, JSON.stringify(raised.errors)).toBe(200);
    const waits = () =>
      call(root, `okr_automation_waits:list?filter=${q({ automationId: 'live-raised' })}&pageSize=50`).then(
        (r) =>
          (r.data as { id: string; status: string; event: { subject: { escalationId?: string } } }[]).filter(
            (w) => w.event.subject.escalationId === raised.data.id,
          ),
      );
    expect((await until(waits)).map((w) => w.status)).toEqual(['waiting']);
    expect(await notes('person-zhengkai', title)).toEqual([]);

    const tick = await call(root, 'okrAlign:automationsTick', { today: '2099-01-01' });
    expect(tick.status, JSON.stringify(tick.errors)).toBe(200);
    expect(tick.data.resumed).toBeGreaterThanOrEqual(1);
    expect((await waits()).map((w) => w.status)).toEqual(['resumed']);
    expect(await notes('person-zhengkai', title)).toHaveLength(1);
    await call(root, 'okrAlign:automationsTick', { today: '2099-01-02' });
    expect(await notes('person-zhengkai', title)).toHaveLength(1);
  }, 60_000);
});
