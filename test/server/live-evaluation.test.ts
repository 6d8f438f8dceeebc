/**
 * The live evaluation of the reference host (host/server/services/live-evaluation.ts) after real
 * HTTP writes: `/api/evaluation` and `/api/metrics` answer what a full `evaluate()` of the stored
 * data answers, the covered writes need no rebuild, another screen's board socket gets the new
 * colours, and the hourly full pass catches (and repairs) a live state that went wrong.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { atOf, EVALUATED, type EvaluatedKr } from '../../host/server/services/live-evaluation.ts';
import { currentSettings } from '../../host/server/services/settings-service.ts';
import { currentCycle, loadSnapshot } from '../../host/server/storage/queries.ts';
import type { MonthColour } from '../../plugin/domain/pace.ts';
import { effectiveSettings, ruleSetWithCustom } from '../../plugin/engine/custom-rules.ts';
import { evaluate } from '../../plugin/engine/evaluate.ts';
import { type Client, LOGINS, type Loose, startServer, type TestServer } from './helpers.ts';
import { BoardClient } from './realtime-fixture.ts';

const BACKENDS = [
  { name: 'sqlite', databaseUrl: undefined },
  ...(process.env.DATABASE_URL ? [{ name: 'postgres', databaseUrl: process.env.DATABASE_URL }] : []),
];

const byKey = <T>(items: T[], key: (t: T) => string) =>
  [...items].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
const colourKey = (c: { krId: string; month: string }) => `${c.krId}|${c.month}`;

/** A full evaluation of what is stored now, as the server would run it. */
async function fullOf(server: TestServer) {
  const { db } = server.app.ctx;
  const cycle = (await currentCycle(db, server.app.ctx.today()))!;
  const { settings } = await currentSettings(db);
  const custom = await server.app.ctx.evaluator.customRules();
  const at = atOf(cycle, server.app.ctx.today());
  const snapshot = await loadSnapshot(db, cycle);
  return evaluate(snapshot, effectiveSettings(settings, custom), at, ruleSetWithCustom(custom));
}

describe.each(BACKENDS)('the live evaluation ($name)', ({ databaseUrl }) => {
  let server: TestServer;
  let hr: Client;
  let rep: Client;
  let manager: Client;
  let cycleId: string;
  let kr: Loose;

  const settled = () => server.app.ctx.rules.live.settled(cycleId);

  /** What the routes answer equals a full evaluation of the stored data. */
  async function expectSameAsFull(): Promise<void> {
    await settled();
    const full = await fullOf(server);
    const evaluation = (await hr.get(`/api/evaluation?cycleId=${cycleId}`)).body;
    expect(byKey(evaluation.colours as MonthColour[], colourKey)).toEqual(byKey(full.colours, colourKey));
    expect(byKey(evaluation.alignment as Loose[], (a) => a.krId)).toEqual(
      byKey(full.alignment.perKr, (a) => a.krId),
    );
    const metrics = (await hr.get(`/api/metrics?cycleId=${cycleId}`)).body;
    expect(metrics.months).toEqual(full.metrics);
    expect(metrics.alignmentRate).toBe(full.alignment.rate);
    expect(metrics.linkedRate).toBe(full.alignment.linkedRate);
  }

  beforeAll(async () => {
    server = await startServer({ databaseUrl });
    hr = await server.login(LOGINS.hr);
    rep = await server.login(LOGINS.sales);
    manager = await server.login(LOGINS.manager);
    const cycle = (await currentCycle(server.app.ctx.db, server.app.ctx.today()))!;
    cycleId = cycle.id;
    const mine = (await rep.get(`/api/key-results?cycleId=${cycleId}`)).body as Loose[];
    kr = mine.find((k) => k.ownerType === 'person' && k.metric !== 'milestone' && !k.archivedAt);
    expect(kr).toBeDefined();
  }, 60_000);

  afterAll(async () => {
    await server?.close();
  });

  it('answers what a full evaluation answers, before and after each kind of write, without rebuilding', async () => {
    await expectSameAsFull();
    const live = server.app.ctx.rules.live;
    const rebuilds = live.rebuilds;

    const red = await rep.put(`/api/key-results/${kr.id}/check-ins/2026-06`, {
      value: kr.baseline,
      confidence: 2,
    });
    expect(red.status).toBeLessThan(300);
    await expectSameAsFull();

    const current = (await manager.get(`/api/key-results/${kr.id}`)).body;
    const edited = await manager.patch(`/api/key-results/${kr.id}`, {
      version: current.version,
      target: current.target * 2,
      targetReason: '市场扩大，目标上调',
    });
    expect(edited.status).toBe(200);
    await expectSameAsFull();

    const objectives = (await hr.get(`/api/objectives?cycleId=${cycleId}`)).body as Loose[];
    const unlinked = objectives.find((o) => !current.links.some((l: Loose) => l.objectiveId === o.id));
    expect(unlinked).toBeDefined();
    const linked = await manager.put(`/api/key-results/${kr.id}/links/${unlinked.id}`, { weight: 1 });
    expect(linked.status).toBe(201);
    await expectSameAsFull();

    // The red month opened an escalation (the rules run after the write); resolving it changes the
    // response-time metric, raising the next one opens a row again.
    await server.app.ctx.rules.idle();
    await settled();
    const open = ((await manager.get('/api/escalations')).body as Loose[]).filter(
      (e) => e.krId === kr.id && e.resolvedAt === null,
    );
    expect(open.length).toBeGreaterThan(0);
    for (const e of open) {
      const resolved = await manager.post(`/api/escalations/${e.id}/resolve`, { resolution: '已协调资源' });
      expect(resolved.status).toBe(200);
      await expectSameAsFull();
    }
    const raised = await rep.post('/api/escalations', {
      krId: kr.id,
      month: '2026-05',
      reason: 'blocker',
      detail: '客户预算冻结',
    });
    expect(raised.status).toBe(201);
    await expectSameAsFull();

    const before = (await manager.get(`/api/key-results/${kr.id}`)).body;
    const archived = await manager.post(`/api/key-results/${kr.id}/archive`, { version: before.version });
    expect(archived.status).toBe(200);
    await expectSameAsFull();
    const evaluation = (await hr.get(`/api/evaluation?cycleId=${cycleId}`)).body;
    expect(evaluation.colours.some((c: Loose) => c.krId === kr.id)).toBe(false);

    // Every one of those writes was applied, not rebuilt.
    expect(live.rebuilds).toBe(rebuilds);
  }, 60_000);

  it('rebuilds after a write it cannot follow (settings published), and still agrees', async () => {
    const live = server.app.ctx.rules.live;
    const rebuilds = live.rebuilds;
    const { settings } = (await hr.get('/api/settings')).body;
    const proposed = await hr.post('/api/settings/proposals', {
      settings: { ...settings, calibration: { ...settings.calibration, greenMinPacePercent: 97 } },
      reason: '提高绿灯门槛',
    });
    expect(proposed.status).toBe(201);
    const version = proposed.body.version ?? proposed.body.settingsVersion?.version;
    const published = await hr.post(`/api/settings/versions/${version}/publish`, {});
    expect(published.status).toBe(200);
    await expectSameAsFull();
    expect(live.rebuilds).toBe(rebuilds + 1);
  }, 60_000);

  it("pushes the new colours to another screen's board socket", async () => {
    const mine = (await rep.get(`/api/key-results?cycleId=${cycleId}`)).body as Loose[];
    const target = mine.find((k) => k.ownerType === 'person' && k.metric !== 'milestone' && !k.archivedAt);
    const socket = await BoardClient.connect(
      `${server.url.replace(/^http/, 'ws')}/api/boards/${cycleId}/ws`,
      manager.cookie!,
    );
    try {
      // Make sure the evaluation is held (a board reads it on open).
      await manager.get(`/api/evaluation?cycleId=${cycleId}`);
      const saved = await rep.put(`/api/key-results/${target.id}/check-ins/2026-06`, {
        value: target.baseline,
        confidence: 3,
      });
      expect(saved.status).toBeLessThan(300);
      const pushed = await socket.next(
        (m) => m.type === 'change' && m.change.type === EVALUATED && m.change.id === target.id,
      );
      const record = (pushed as Loose).change.record as EvaluatedKr;
      const full = await fullOf(server);
      expect(record.colours).toEqual(full.colours.filter((c) => c.krId === target.id));
      expect(record.colours.find((c) => c.month === '2026-06')?.colour).toBe('red');
      expect({ krId: record.krId, score: record.score, factors: record.factors }).toEqual(
        full.alignment.perKr.find((k) => k.krId === target.id),
      );
    } finally {
      await socket.close();
    }
  }, 60_000);

  it('the hourly full pass finds a live state that went wrong, warns and rebuilds it', async () => {
    const { rules } = server.app.ctx;
    const cycle = (await currentCycle(server.app.ctx.db, server.app.ctx.today()))!;
    const state = await rules.live.of(cycle);
    const victim = state.evaluator.keyResults().find((k) => k.ownerType === 'person')!;
    // A write storage never saw: the live state is now wrong.
    state.evaluator.apply({
      kind: 'check-in-saved',
      checkIn: {
        id: 'not-stored',
        krId: victim.id,
        month: '2026-06',
        value: victim.target,
        selfColour: null,
        colourNote: '',
        submittedAt: '2026-06-10T00:00:00Z',
        blockers: '',
        resourceRequest: null,
        confidence: 9,
      },
    });
    const warnings: unknown[] = [];
    const log = server.app.log;
    const warn = log.warn.bind(log);
    log.warn = ((obj: unknown) => warnings.push(obj)) as typeof log.warn;
    try {
      const rebuilds = rules.live.rebuilds;
      await rules.runNow();
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatchObject({ cycleId, difference: expect.any(String) });
      await expectSameAsFull();
      expect(rules.live.rebuilds).toBe(rebuilds + 1);
      // Once repaired, a full pass agrees and says nothing.
      await rules.runNow();
      expect(warnings).toHaveLength(1);
    } finally {
      log.warn = warn;
    }
  }, 60_000);
});
