import { nocobaseRecords } from '../../adapters/nocobase/server/app-records.ts';
import { nocobaseAppPorts, runAction } from '../../adapters/nocobase/server/command-actions.ts';
import { importSnapshot } from '../../adapters/nocobase/server/import-snapshot.ts';
import { ensureInitialSettings } from '../../adapters/nocobase/server/settings-store.ts';
import { sqlRecords } from '../../host/server/storage/app-records.ts';
import { CATALOGUE } from '../../plugin/app/catalogue.ts';
import { saveFormOverlay } from '../../plugin/app/commands/form-overlays.ts';
import { createKeyResult } from '../../plugin/app/commands/key-results.ts';
import { createPoolRun } from '../../plugin/app/commands/pool-runs.ts';
import type { PlannedAction } from '../../plugin/automations/plan.ts';
import type { AutomationRunRecord, RunStatus } from '../../plugin/automations/ports.ts';
import type { AutomationEvent } from '../../plugin/automations/types.ts';
import type { HostUser } from '../../plugin/sdk/index.ts';
import { demoSnapshot } from '../adapters/nocobase/demo.ts';
import { memoryTables } from '../adapters/nocobase/memory-tables.ts';
import { type Client, LOGINS, type Loose, startServer, type TestServer } from '../server/helpers.ts';
import { DATABASES, refusalOf, run, runAt, userOf } from './run-as.ts';

// The catalogue's reads (objectives, pool runs, form overlays, automation runs) run on both hosts: the reference host's
// routes and NocoBase's actions answer the same, because both run the pack's query.

const overlay = {
  formId: 'check-in',
  entries: [{ op: 'relabel', field: 'blockers', title: { 'zh-CN': '卡点', 'en-US': 'Blockers' } }],
};

/** The case-study demo in NocoBase's tables, with the actions run as `user`. */
async function nocobase() {
  const tables = memoryTables();
  await importSnapshot(tables, demoSnapshot());
  await ensureInitialSettings(tables, '2026-03-01T00:00:00Z');
  const clock = { now: () => '2026-03-05T08:00:00.000Z', today: () => '2026-03-05' };
  const ports = nocobaseAppPorts(tables, clock, undefined, undefined);
  const action = (user: HostUser | null, name: string, values: unknown): Promise<Loose> =>
    runAction(ports, user, name, values);
  return Object.assign(action, { records: nocobaseRecords(tables) });
}

/** A claimed automation step, as the executor stores it. */
const step = (id: string, status: RunStatus, createdAt: string): AutomationRunRecord => ({
  id,
  key: `event-${id}|auto|0`,
  eventId: `event-${id}`,
  automationId: 'auto',
  stepIndex: 0,
  status,
  attempts: status === 'pending' ? 0 : 1,
  action: { kind: 'assign', escalationId: null, assigneeId: null } as unknown as PlannedAction,
  event: { id: `event-${id}` } as unknown as AutomationEvent,
  lastError: status === 'failed' ? 'channel: no such webhook' : null,
  nextAttemptAt: createdAt,
  createdAt,
  doneAt: status === 'done' ? createdAt : null,
});
const STEPS = [
  step('run-a', 'done', '2026-03-01T08:00:00.000Z'),
  step('run-c', 'failed', '2026-03-03T08:00:00.000Z'),
  step('run-b', 'failed', '2026-03-02T08:00:00.000Z'),
];

describe.each(DATABASES)('the catalogue reads on %s', (name, databaseUrl) => {
  const skip = name === 'postgres' && !databaseUrl;
  let server: TestServer;
  let hr: Client;
  let sales: Client;
  let strategy: Client;
  let linxue: HostUser;
  let zhaomin: HostUser;
  let action: Awaited<ReturnType<typeof nocobase>>;

  beforeAll(async () => {
    if (skip) return;
    server = await startServer({ databaseUrl });
    hr = await server.login(LOGINS.hr);
    sales = await server.login(LOGINS.sales);
    strategy = await server.login(LOGINS.strategy);
    linxue = await userOf(server, 'person-linxue');
    zhaomin = await userOf(server, 'person-zhaomin');
    action = await nocobase();
  });
  afterAll(() => server?.close());
  const test = skip ? it.skip : it;

  test('answers objectives by id with version and custom values, the same on both hosts', async () => {
    const all = await strategy.get('/api/objectives');
    expect(all.status).toBe(200);
    const ids = all.body.map((o: { id: string }) => o.id);
    expect(ids.length).toBeGreaterThan(2);
    expect(ids).toEqual([...ids].sort());
    expect(all.body.every((o: { version: number; custom: unknown }) => o.version >= 1 && 'custom' in o)).toBe(
      true,
    );
    const ofCycle = await sales.get('/api/objectives?cycleId=cycle-2026-h1');
    expect(ofCycle.body).toEqual(
      await run(server, zhaomin, CATALOGUE.objectives, { cycleId: 'cycle-2026-h1' }),
    );
    expect((await sales.get('/api/objectives?cycleId=cycle-none')).body).toEqual([]);
    // NocoBase, on the same demo: the same objectives, field for field.
    expect(await action(zhaomin, 'objectives', { cycleId: 'cycle-2026-h1' })).toEqual(ofCycle.body);
    expect(await refusalOf(action(null, 'objectives', {}))).toMatchObject({ status: 401 });
    expect(await refusalOf(action(zhaomin, 'objectives', { cycleId: 'c', all: true }))).toMatchObject({
      status: 400,
      code: 'invalid-request',
      params: { field: 'all' },
    });
  });

  test('answers pool runs newest quarter first, of one quarter when asked, drafts only to hr', async () => {
    for (const quarter of ['2026-Q1', '2026-Q2']) {
      await run(server, linxue, createPoolRun, { quarter });
      await action(linxue, 'createPoolRun', { quarter });
    }
    const quarters = (runs: { quarter: string }[]) => runs.map((r) => r.quarter);
    const all = await hr.get('/api/pool-runs');
    expect(quarters(all.body)).toEqual(['2026-Q2', '2026-Q1']);
    expect(quarters((await hr.get('/api/pool-runs?quarter=2026-Q1')).body)).toEqual(['2026-Q1']);
    expect((await sales.get('/api/pool-runs')).body).toEqual([]);
    const bad = await hr.get('/api/pool-runs?quarter=Q2');
    expect([bad.status, bad.body.code, bad.body.params.field]).toEqual([400, 'invalid-request', 'quarter']);

    expect(quarters(await action(linxue, 'poolRuns', {}))).toEqual(['2026-Q2', '2026-Q1']);
    expect(quarters(await action(linxue, 'poolRuns', { quarter: '2026-Q2' }))).toEqual(['2026-Q2']);
    expect(await action(zhaomin, 'poolRuns', {})).toEqual([]);
    expect(await refusalOf(action(linxue, 'poolRuns', { quarter: '2026-Q1', state: 'draft' }))).toMatchObject(
      {
        status: 400,
        params: { field: 'state' },
      },
    );
  });

  test("answers HR's form overlays, and 404 not-found for a form HR left alone", async () => {
    const saved = await run(server, linxue, saveFormOverlay, { formId: 'check-in', overlay });
    expect((await sales.get('/api/form-overlays')).body).toEqual([saved]);
    expect((await sales.get('/api/form-overlays/check-in')).body).toEqual(saved);
    const missing = await sales.get('/api/form-overlays/activity');
    expect([missing.status, missing.body.code, missing.body.params]).toEqual([
      404,
      'not-found',
      { what: 'form-overlay', id: 'activity' },
    ]);
    expect((await sales.get('/api/form-overlays/Not_A_Form')).status).toBe(400);

    const onNocobase = await action(linxue, 'saveFormOverlay', { formId: 'check-in', overlay });
    expect(await action(zhaomin, 'formOverlay', { formId: 'check-in' })).toEqual(onNocobase);
    expect(await action(zhaomin, 'formOverlays', {})).toEqual([onNocobase]);
    expect(await refusalOf(action(zhaomin, 'formOverlay', { formId: 'activity' }))).toEqual({
      status: 404,
      code: 'not-found',
      params: { what: 'form-overlay', id: 'activity' },
    });
  });

  test('answers the automation steps run newest first, of one status, to HR only, on both hosts', async () => {
    for (const records of [sqlRecords(server.storage.db), action.records])
      for (const run of STEPS) await records.insert('automationRuns', run);
    const ids = (runs: { id: string }[]) => runs.map((r) => r.id);
    const all = await hr.get('/api/automations/runs');
    expect(ids(all.body)).toEqual(['run-c', 'run-b', 'run-a']);
    expect(all.body[0]).not.toHaveProperty('eventId');
    const failed = await hr.get('/api/automations/runs?status=failed');
    expect(ids(failed.body)).toEqual(['run-c', 'run-b']);
    expect(failed.body[0]).toMatchObject({ lastError: 'channel: no such webhook', attempts: 1 });
    const bad = await hr.get('/api/automations/runs?status=lost');
    expect([bad.status, bad.body.code, bad.body.params.field]).toEqual([400, 'invalid-request', 'status']);
    expect((await sales.get('/api/automations/runs')).status).toBe(403);

    expect(await action(linxue, 'automationRuns', { status: 'failed' })).toEqual(failed.body);
    expect(ids(await action(linxue, 'automationRuns', {}))).toEqual(['run-c', 'run-b', 'run-a']);
    expect(await refusalOf(action(zhaomin, 'automationRuns', {}))).toMatchObject({ status: 403 });
    expect(await refusalOf(action(linxue, 'automationRuns', { status: 'lost' }))).toMatchObject({
      status: 400,
      code: 'invalid-request',
      params: { field: 'status' },
    });
  });

  test('answers a saved check-in with the check-in itself, as the reference host replies to its PUT', async () => {
    const kr = await runAt(server, '2026-01-05T09:00:00Z', zhaomin, createKeyResult, {
      cycleId: 'cycle-2026-h1',
      ownerType: 'person',
      ownerId: 'person-zhaomin',
      title: '目录读取测试客户',
      metric: 'number',
      baseline: 0,
      target: 8,
    });
    const viaAction = await run(server, zhaomin, CATALOGUE.saveCheckIn, {
      krId: kr.id,
      month: '2026-02',
      value: 2,
      confidence: 6,
    });
    const viaRoute = await sales.put(`/api/key-results/${kr.id}/check-ins/2026-03`, {
      value: 3,
      confidence: 6,
    });
    expect(viaRoute.status).toBe(201);
    expect(Object.keys(viaAction).sort()).toEqual(Object.keys(viaRoute.body).sort());
    expect(viaAction).toMatchObject({ krId: kr.id, month: '2026-02', value: 2 });
  });
});
