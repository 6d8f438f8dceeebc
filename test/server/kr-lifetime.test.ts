import { planDeliveries } from '../../host/server/schedules/planners.ts';
import { defaultScheduleDocument } from '../../host/server/schedules/schedule-document.ts';
import { currentCycle, loadSnapshot } from '../../host/server/storage/queries.ts';
import { makeSettings } from '../../plugin/domain/test-factories.ts';
import type { Cycle } from '../../plugin/domain/types.ts';
import { type Client, LOGINS, startServer, type TestServer } from './helpers.ts';

// The day of the issue: the relative demo runs in 2026-H2, July to November are behind us.
const NOW = '2026-12-03T08:00:00.000Z';
const OWNER = 'person-zhaomin';

interface Note {
  kind: string;
  subject: { krId?: string; month?: string };
}

describe('a KR created today in the relative demo owes nothing for the months before it', () => {
  let server: TestServer;
  let hr: Client;
  let sales: Client;
  let manager: Client;
  let cycle: Cycle;

  /** How many of the owner's KRs the calibration reminder of `month` names. */
  const reminded = async (month: string) => {
    const deliveries = planDeliveries({
      occurrence: {
        scheduleId: 'calibration-reminder',
        occurrence: month,
        scheduledAt: NOW,
        localDate: NOW.slice(0, 10),
        about: month,
      },
      doc: defaultScheduleDocument(),
      settings: makeSettings(),
      snapshot: await loadSnapshot(server.storage.db, cycle),
      evaluation: null,
      webhooks: [],
      now: new Date(NOW),
    });
    const mine = deliveries.find((d) => d.recipient === `person:${OWNER}`);
    return mine ? Number(mine.message.params?.count) : 0;
  };

  beforeAll(async () => {
    server = await startServer({ demo: 'relative', now: NOW });
    hr = await server.login(LOGINS.hr);
    sales = await server.login(LOGINS.sales);
    manager = await server.login(LOGINS.manager);
    cycle = (await currentCycle(server.storage.db, NOW.slice(0, 10)))!;
  });
  afterAll(() => server.close());

  it('raises no colour, escalation, reminder or stale alert for July to November', async () => {
    expect(cycle.start).toBe('2026-07-01');
    const first = await hr.post('/api/rules/run');
    // The demo's own KRs do raise events: the rules did run on this data.
    expect(first.body.events).toBeGreaterThan(0);
    const remindedBefore = await reminded('2026-11');

    const created = await sales.post('/api/key-results', {
      cycleId: cycle.id,
      ownerType: 'person',
      ownerId: OWNER,
      title: '新签储能客户 4 家',
      metric: 'number',
      baseline: 0,
      target: 4,
      unit: '家',
      focusTags: ['new-energy'],
    });
    expect(created.status).toBe(201);
    const krId: string = created.body.id;
    expect(created.body.createdAt).toBe(NOW);
    expect((await sales.get(`/api/key-results/${krId}`)).body.createdAt).toBe(NOW);

    await server.app.ctx.rules.idle();
    await hr.post('/api/rules/run');

    const evaluation = (await sales.get(`/api/evaluation?cycleId=${cycle.id}`)).body;
    expect(evaluation.colours.filter((c: { krId: string }) => c.krId === krId)).toEqual([]);

    const notes = ((await sales.get('/api/notifications')).body as Note[]).filter(
      (n) => n.subject.krId === krId,
    );
    const owed = ['calibration-red', 'calibration-amber', 'escalate', 'checkin-missing', 'kr-stale'];
    expect(notes.filter((n) => owed.includes(n.kind.replace(/^rule\./, '')))).toEqual([]);
    expect(notes.filter((n) => n.subject.month !== undefined && n.subject.month < '2026-12')).toEqual([]);

    const escalations = (await manager.get('/api/escalations')).body as { krId: string }[];
    expect(escalations.filter((e) => e.krId === krId)).toEqual([]);

    expect(await reminded('2026-11')).toBe(remindedBefore);
  });
});
