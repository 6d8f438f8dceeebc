import { COLLECTIONS } from '../../adapters/nocobase/server/collections.ts';
import { importSnapshot } from '../../adapters/nocobase/server/import-snapshot.ts';
import { nocobaseReadPorts } from '../../adapters/nocobase/server/read-ports.ts';
import { recordRuleEvents } from '../../adapters/nocobase/server/rule-events.ts';
import { ensureInitialSettings } from '../../adapters/nocobase/server/settings-store.ts';
import { evaluationPortsOf } from '../../host/server/services/evaluation-ports.ts';
import { type CycleReadName, runCycleRead } from '../../plugin/app/cycle-reads.ts';
import { evaluateCycle, evaluationDate } from '../../plugin/app/queries/evaluation.ts';
import { previewSettings } from '../../plugin/app/queries/settings-preview.ts';
import { recordNewRuleEvents, ruleEventKey } from '../../plugin/app/rule-events.ts';
import { defaultSettings, evaluate, type RuleEvent } from '../../plugin/engine/index.ts';
import type { HostUser } from '../../plugin/sdk/index.ts';
import { demoSnapshot } from '../adapters/nocobase/demo.ts';
import { memoryTables } from '../adapters/nocobase/memory-tables.ts';
import { DEMO_NOW, startServer, type TestServer } from '../server/helpers.ts';
import { DATABASES, refusalOf, userOf } from './run-as.ts';

// The evaluation, the settings preview and the recording of rule events are the pack's: the reference
// host (SQLite, PostgreSQL) and NocoBase's adapter run the same queries and answer the same.

const today = DEMO_NOW.slice(0, 10);
const clock = { now: () => DEMO_NOW, today: () => today };

/** The case-study demo in NocoBase's tables; the pack service of `user` over them. */
async function nocobase(seed = true) {
  const tables = memoryTables();
  if (seed) await importSnapshot(tables, demoSnapshot());
  await ensureInitialSettings(tables, '2026-01-01T00:00:00Z');
  const ports = nocobaseReadPorts(tables, clock);
  // The pack's cycle reads as NocoBase's actions run them, with the fields of a request.
  const read =
    (user: HostUser | null, name: CycleReadName) =>
    // biome-ignore lint/suspicious/noExplicitAny: answers are checked field by field below
    (params: Record<string, unknown> = {}): Promise<any> =>
      runCycleRead(ports, user, name, params);
  return {
    tables,
    as: (user: HostUser | null) => ({
      evaluate: read(user, 'evaluate'),
      board: read(user, 'board'),
      snapshot: read(user, 'snapshot'),
      previewSettings: read(user, 'previewSettings'),
      importSnapshot: (snapshot: unknown) => read(user, 'importSnapshot')({ snapshot }),
    }),
  };
}

const stricter = () => {
  const s = defaultSettings();
  s.alignment.minScore = 95;
  return s;
};

describe('the day a cycle is evaluated as of', () => {
  const cycle = { start: '2026-01-01', end: '2026-06-30' };
  it.each([
    ['2025-12-20', '2026-01-01'],
    ['2026-03-05', '2026-03-05'],
    ['2026-09-01', '2026-06-30'],
  ])('on %s is %s', (day, at) => expect(evaluationDate(cycle, day)).toBe(at));
});

describe('recording only new rule events', () => {
  const red = (month: string): RuleEvent => ({
    type: 'calibration-red',
    subject: { krId: 'kr-1', month },
    params: {},
  });
  const pool = (quarter: string): RuleEvent => ({ type: 'pool-weights', subject: { quarter }, params: {} });

  it('keys an event by its type and subject, a pool event by its quarter too', () => {
    expect(ruleEventKey(red('2026-03'))).toBe('calibration-red|kr-1|||2026-03');
    expect(ruleEventKey(pool('2026-Q1'))).not.toBe(ruleEventKey(pool('2026-Q2')));
  });

  it('stores each key once, skips the stored ones, and asks in batches', async () => {
    const stored = new Map<string, RuleEvent>([[ruleEventKey(red('2026-01')), red('2026-01')]]);
    const asked: number[] = [];
    const store = {
      async known(keys: readonly string[]) {
        asked.push(keys.length);
        return new Set(keys.filter((k) => stored.has(k)));
      },
      async add(e: RuleEvent, key: string) {
        stored.set(key, e);
        return key;
      },
    };
    const months = Array.from({ length: 700 }, (_, i) => `m${i}`);
    const events = [red('2026-01'), red('2026-02'), red('2026-02'), ...months.map(red)];
    const fresh = await recordNewRuleEvents(store, events);
    expect(fresh).toEqual([ruleEventKey(red('2026-02')), ...months.map((m) => ruleEventKey(red(m)))]);
    expect(asked).toEqual([500, 202]);
    expect(await recordNewRuleEvents(store, events)).toEqual([]);
  });

  it('on NocoBase, finds the events it stored before the pack keyed them (with an empty quarter)', async () => {
    const { tables } = await nocobase();
    const legacy = `${ruleEventKey(red('2026-03'))}|`;
    await tables.create(COLLECTIONS.ruleEvents, { id: legacy, type: 'calibration-red', dedupKey: legacy });
    expect(await recordRuleEvents(tables, [red('2026-03'), red('2026-04')], DEMO_NOW)).toBe(1);
    const keys = (await tables.find(COLLECTIONS.ruleEvents)).map((r) => r.dedupKey).sort();
    expect(keys).toEqual([legacy, `${ruleEventKey(red('2026-04'))}|`]);
  });
});

describe.each(DATABASES)(
  'evaluation queries on the reference host (%s) and on NocoBase',
  (name, databaseUrl) => {
    const skip = name === 'postgres' && !databaseUrl;
    const run = skip ? it.skip : it;
    let server: TestServer;
    let hr: HostUser;
    let sales: HostUser;

    beforeAll(async () => {
      if (skip) return;
      server = await startServer({ databaseUrl });
      hr = await userOf(server, 'person-linxue');
      sales = await userOf(server, 'person-zhaomin');
    });
    afterAll(() => server?.close());

    run('evaluates the current cycle as of today under the published settings, on both hosts', async () => {
      const reference = await evaluateCycle(evaluationPortsOf(server.app.ctx));
      const { as } = await nocobase();
      const answered = await as(hr).evaluate({ record: false });
      expect([reference.at, answered.at]).toEqual([today, today]);
      const local = evaluate(reference.snapshot, defaultSettings(), today);
      expect(reference.evaluation.alignment.rate).toBe(local.alignment.rate);
      expect(answered.alignment.rate).toBe(local.alignment.rate);
      expect(answered.colours.length).toBe(local.colours.length);
      const closed = await evaluateCycle(evaluationPortsOf(server.app.ctx), { at: '2026-03-31' });
      expect(closed.at).toBe('2026-03-31');
    });

    run('refuses an unknown cycle with the same 404 on both hosts', async () => {
      const { as } = await nocobase();
      const reference = await refusalOf(
        evaluateCycle(evaluationPortsOf(server.app.ctx), { cycleId: 'nope' }),
      );
      const answered = await refusalOf(as(hr).board({ cycleId: 'nope' }));
      expect(reference).toEqual({ status: 404, code: 'not-found', params: { what: 'cycle', id: 'nope' } });
      expect(answered).toEqual(reference);
    });

    run('previews a settings change the same on both hosts, with the custom rules part', async () => {
      const { as } = await nocobase();
      const reference = await previewSettings(evaluationPortsOf(server.app.ctx), { settings: stricter() });
      const answered = await as(hr).previewSettings({ settings: stricter() });
      expect(reference.changes).toEqual([{ path: 'alignment.minScore', before: 60, after: 95 }]);
      expect(reference.alignmentFlips.length).toBeGreaterThan(0);
      expect(answered).toEqual(reference);
      expect(answered.customEvents).toBeDefined();
    });

    run('refuses a preview of nothing, of an unknown version, and without a cycle', async () => {
      const ports = evaluationPortsOf(server.app.ctx);
      const { as } = await nocobase();
      const nothing = { status: 400, code: 'nothing-to-preview', params: {} };
      expect(await refusalOf(previewSettings(ports, {}))).toEqual(nothing);
      expect(await refusalOf(as(hr).previewSettings({}))).toEqual(nothing);
      const missing = { status: 404, code: 'not-found', params: { what: 'settings-version', id: '99' } };
      expect(await refusalOf(previewSettings(ports, { version: 99 }))).toEqual(missing);
      expect(await refusalOf(as(hr).previewSettings({ version: 99 }))).toEqual(missing);
      const empty = await nocobase(false);
      expect(await refusalOf(empty.as(hr).previewSettings({ settings: stricter() }))).toMatchObject({
        status: 400,
        code: 'no-cycle',
      });
    });

    run('answers NocoBase callers the policy with the pack error codes', async () => {
      const { as } = await nocobase();
      const forbidden = { status: 403, code: 'forbidden', params: {} };
      expect(await refusalOf(as(sales).evaluate({ record: false }))).toEqual(forbidden);
      expect(await refusalOf(as(sales).previewSettings({ settings: stricter() }))).toEqual(forbidden);
      expect(await refusalOf(as(sales).importSnapshot(demoSnapshot()))).toEqual(forbidden);
      // A NocoBase user without a pack role: its snapshot is forbidden (as before); the rest asks to sign in.
      expect(await refusalOf(as(null).snapshot())).toEqual(forbidden);
      const signedOut = { status: 401, code: 'unauthenticated', params: {} };
      for (const work of [as(null).board({}), as(null).evaluate({})])
        expect(await refusalOf(work)).toEqual(signedOut);
      expect((await as(sales).board({})).snapshot.keyResults.length).toBeGreaterThan(0);
    });
  },
);
