import { nocobaseRecords } from '../../adapters/nocobase/server/app-records.ts';
import { nocobaseAppPorts, runAction } from '../../adapters/nocobase/server/command-actions.ts';
import { importSnapshot } from '../../adapters/nocobase/server/import-snapshot.ts';
import { ensureInitialSettings } from '../../adapters/nocobase/server/settings-store.ts';
import { sqlRecords } from '../../host/server/storage/app-records.ts';
import { CATALOGUE } from '../../plugin/app/catalogue.ts';
import { saveCheckIn } from '../../plugin/app/commands/check-ins.ts';
import { previewAutomations, previewWindow } from '../../plugin/app/queries/automation-preview.ts';
import { defaultAutomations } from '../../plugin/automations/defaults.ts';
import type { PlannedAction } from '../../plugin/automations/plan.ts';
import type { AutomationRunRecord } from '../../plugin/automations/ports.ts';
import type { AutomationEvent } from '../../plugin/automations/types.ts';
import { LOW_CONFIDENCE_RULES } from '../../plugin/engine/custom-rules-examples.ts';
import type { HostUser } from '../../plugin/sdk/index.ts';
import { demoSnapshot } from '../adapters/nocobase/demo.ts';
import { memoryTables } from '../adapters/nocobase/memory-tables.ts';
import {
  type Client,
  DEMO_NOW,
  LOGINS,
  type Loose,
  startServer,
  type TestServer,
} from '../server/helpers.ts';
import { DATABASES, refusalOf, run, userOf } from './run-as.ts';

// What the automation and rule editors call beside their documents (failed steps, the rules
// preview) answers the same on the reference host's routes and NocoBase's actions: one pack query.

/** The case-study demo in NocoBase's tables on the reference host's day, with the actions run as `user`. */
async function nocobase() {
  const tables = memoryTables();
  await importSnapshot(tables, demoSnapshot());
  await ensureInitialSettings(tables, '2026-03-01T00:00:00Z');
  const clock = { now: () => DEMO_NOW, today: () => DEMO_NOW.slice(0, 10) };
  const ports = nocobaseAppPorts(tables, clock, undefined, undefined);
  const action = (user: HostUser | null, name: string, values: unknown): Promise<Loose> =>
    runAction(ports, user, name, values);
  return Object.assign(action, { records: nocobaseRecords(tables) });
}

const event = (id: string, at: string): AutomationEvent => ({
  id,
  trigger: 'kr-unlinked',
  at,
  subject: { krId: 'kr-zhaomin-1', personId: 'person-zhaomin' },
  params: {},
});

/** A step of the shipped "KR not linked" automation that failed after its last attempt. */
const failedStep = (id: string, createdAt: string): AutomationRunRecord => ({
  id,
  key: `${id}|standard-kr-unlinked|0`,
  eventId: id,
  automationId: 'standard-kr-unlinked',
  stepIndex: 0,
  status: 'failed',
  attempts: 3,
  action: { kind: 'notify', automationId: 'standard-kr-unlinked', stepIndex: 0 } as unknown as PlannedAction,
  event: event(id, createdAt.slice(0, 10)),
  lastError: 'channel: no such webhook',
  nextAttemptAt: createdAt,
  createdAt,
  doneAt: null,
});

describe.each(DATABASES)('the editors’ queries on %s', (name, databaseUrl) => {
  const skip = name === 'postgres' && !databaseUrl;
  let server: TestServer;
  let hrClient: Client;
  let adminClient: Client;
  let salesClient: Client;
  let linxue: HostUser;
  let zhoulei: HostUser;
  let zhaomin: HostUser;
  let action: Awaited<ReturnType<typeof nocobase>>;

  beforeAll(async () => {
    if (skip) return;
    server = await startServer({ databaseUrl });
    hrClient = await server.login(LOGINS.hr);
    adminClient = await server.login(LOGINS.admin);
    salesClient = await server.login(LOGINS.sales);
    linxue = await userOf(server, 'person-linxue');
    zhoulei = await userOf(server, 'person-zhoulei');
    zhaomin = await userOf(server, 'person-zhaomin');
    action = await nocobase();
  });
  afterAll(() => server?.close());
  const test = skip ? it.skip : it;

  test('answers failed steps newest first in words, with their count, to HR only, on both hosts', async () => {
    for (const records of [sqlRecords(server.storage.db), action.records])
      for (const step of [
        failedStep('fail-a', '2026-06-01T08:00:00.000Z'),
        failedStep('fail-b', '2026-06-02T08:00:00.000Z'),
      ])
        await records.insert('automationRuns', step);
    const viaRoute = await hrClient.get('/api/automations/failures');
    expect(viaRoute.status).toBe(200);
    expect(viaRoute.body.count).toBe(2);
    expect(viaRoute.body.runs.map((r: { id: string }) => r.id)).toEqual(['fail-b', 'fail-a']);
    expect(viaRoute.body.runs[0]).toMatchObject({
      automation: defaultAutomations().automations.find((a) => a.id === 'standard-kr-unlinked')?.title,
      step: 1,
      person: zhaomin.name,
      error: 'channel: no such webhook',
    });
    expect(viaRoute.body.runs[0].kr).toBeTruthy();
    expect(await run(server, linxue, CATALOGUE.automationFailures, {})).toEqual(viaRoute.body);
    expect(await action(linxue, 'automationFailures', {})).toEqual(viaRoute.body);
    expect((await hrClient.get('/api/automations/failures/count')).body).toEqual({ count: 2 });
    expect(await action(linxue, 'automationFailureCount', {})).toEqual({ count: 2 });
    expect(await refusalOf(action(zhaomin, 'automationFailures', {}))).toMatchObject({ status: 403 });
    expect((await salesClient.get('/api/automations/failures')).status).toBe(403);
  });

  test('previews custom rules against the rules in effect, the same on both hosts, to the admin only', async () => {
    for (const month of ['2026-04', '2026-05']) {
      const checkIn = { krId: 'kr-zhaomin-1', month, value: 5, confidence: 2 };
      await run(server, zhaomin, saveCheckIn, checkIn);
      await action(zhaomin, 'saveCheckIn', checkIn);
    }
    const viaRoute = await adminClient.post('/api/custom-rules/preview', { document: LOW_CONFIDENCE_RULES });
    expect(viaRoute.status).toBe(200);
    expect(viaRoute.body.added).toBeGreaterThan(0);
    const added = viaRoute.body.regions.flatMap((r: { added: unknown[] }) => r.added);
    expect(added).toContainEqual(
      expect.objectContaining({ krId: 'kr-zhaomin-1', month: '2026-05', personName: zhaomin.name }),
    );
    const input = { document: LOW_CONFIDENCE_RULES };
    expect(await run(server, zhoulei, CATALOGUE.previewCustomRules, input)).toEqual(viaRoute.body);
    const onNocobase = await action(zhoulei, 'previewCustomRules', input);
    expect(onNocobase).toMatchObject({ at: viaRoute.body.at, removed: 0 });
    expect(onNocobase.regions.flatMap((r: { added: unknown[] }) => r.added)).toContainEqual(
      expect.objectContaining({ krId: 'kr-zhaomin-1', month: '2026-05' }),
    );
    // The rules in effect against themselves: nothing added, nothing removed.
    expect(await action(zhoulei, 'previewCustomRules', { document: { rules: [] } })).toMatchObject({
      added: 0,
      removed: 0,
    });
    expect(await refusalOf(action(linxue, 'previewCustomRules', input))).toMatchObject({ status: 403 });
    expect(await refusalOf(action(zhoulei, 'previewCustomRules', {}))).toMatchObject({
      status: 400,
      code: 'nothing-to-preview',
    });
    expect(await refusalOf(action(zhoulei, 'previewCustomRules', { version: 99 }))).toMatchObject({
      status: 404,
      params: { what: 'custom-rules-version', id: '99' },
    });
    expect(
      await refusalOf(action(zhoulei, 'previewCustomRules', { document: { rules: 'x' } })),
    ).toMatchObject({
      status: 400,
      code: 'invalid-custom-rules',
    });
  });
});

describe('the automations preview over a host’s event log', () => {
  it('asks the log for the last 90 days and counts runs by region with recipients by name', async () => {
    const org = demoSnapshot();
    const today = '2026-06-15';
    const logged = [event('old', '2026-03-01'), event('recent', '2026-06-01')];
    const asked: string[][] = [];
    const log = {
      async eventsBetween(from: string, to: string) {
        asked.push([from, to]);
        return logged.filter((e) => e.at >= from && e.at <= to);
      },
    };
    const preview = await previewAutomations(log, defaultAutomations(), org, today);
    expect(asked).toEqual([[previewWindow(today).from, today]]);
    expect(preview).toMatchObject({ from: '2026-03-17', to: today, events: 1 });
    const unlinked = preview.automations.find((a) => a.id === 'standard-kr-unlinked');
    const person = org.people.find((p) => p.id === 'person-zhaomin');
    expect(unlinked?.runs).toBe(1);
    expect(unlinked?.byRegion).toEqual([
      {
        regionId: person?.regionId,
        region: org.regions.find((r) => r.id === person?.regionId)?.name,
        runs: 1,
      },
    ]);
    expect(unlinked?.messages[0]?.recipients).toContain(person?.name);
    expect(unlinked?.messages[0]?.recipients.some((r) => r.startsWith('person-'))).toBe(false);
    expect(preview.runs).toBe(1);
  });
});
