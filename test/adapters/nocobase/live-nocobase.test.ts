// Contract checks of the adapter over HTTP against a running NocoBase with @okr-align/nocobase enabled.
// Skipped unless NOCOBASE_URL is set (see adapters/nocobase/README.md, adapters/nocobase/scripts/e2e.sh).
import { computePoolRun } from '../../../plugin/domain/pool.ts';
import { defaultSettings, evaluate } from '../../../plugin/engine/index.ts';
import { demoSnapshot } from './demo.ts';

const base = process.env.NOCOBASE_URL;
const account = process.env.NOCOBASE_ACCOUNT ?? 'admin@nocobase.com';
const password = process.env.NOCOBASE_PASSWORD ?? 'admin123';

interface Answer<T = any> {
  status: number;
  data: T;
  errors?: { message: string; detail?: any }[];
}

describe.skipIf(!base)('nocobase adapter over HTTP', () => {
  let token = '';
  const call = async <T = any>(action: string, body?: unknown, auth = true): Promise<Answer<T>> => {
    const r = await fetch(`${base}/api/${action}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { 'content-type': 'application/json', ...(auth ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await r.json()) as { data: T; errors?: Answer['errors'] };
    return { status: r.status, data: json.data, errors: json.errors };
  };
  const sorted = (xs: unknown[]) => xs.map((x) => JSON.stringify(x)).sort();
  const snapshot = demoSnapshot();
  const at = snapshot.cycle.end;

  beforeAll(async () => {
    const r = await fetch(`${base}/api/auth:signIn`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-authenticator': 'basic' },
      body: JSON.stringify({ account, password }),
    });
    token = ((await r.json()) as { data: { token: string } }).data.token;
    await call('okr_pool_runs:destroy?filter=' + encodeURIComponent(JSON.stringify({ quarter: '2026-Q1' })), {});
    const imported = await call('okrAlign:importSnapshot', { snapshot });
    expect(imported.status).toBe(200);
  }, 120_000);

  it('refuses an anonymous caller and knows the root user as admin', async () => {
    expect((await call('okrAlign:me', undefined, false)).status).toBeGreaterThanOrEqual(401);
    expect((await call('okrAlign:me')).data).toMatchObject({ role: 'admin', userId: '1' });
  });

  it('stores the demo snapshot so the data port gives it back', async () => {
    const got = (await call('okrAlign:snapshot')).data;
    expect(got.cycle).toEqual(snapshot.cycle);
    expect(sorted(got.people)).toEqual(sorted(snapshot.people));
    expect(sorted(got.checkIns)).toEqual(sorted(snapshot.checkIns));
    expect(got.keyResults).toHaveLength(snapshot.keyResults.length);
  });

  it('evaluates exactly as the engine does locally and stores each rule event once', async () => {
    const local = evaluate(snapshot, defaultSettings(), at);
    const first = (await call(`okrAlign:evaluate?at=${at}`)).data;
    expect(first.alignment.rate).toBe(local.alignment.rate);
    expect(sorted(first.colours)).toEqual(sorted(local.colours));
    expect(sorted(first.events)).toEqual(sorted(local.events));
    expect(first.pool.allocations).toEqual(local.pool?.allocations);
    const again = (await call(`okrAlign:evaluate?at=${at}`)).data;
    expect(again.newEvents).toBe(0);
  });

  it('saves a link with row versions and refuses a stale write', async () => {
    const kr = snapshot.keyResults.find((k) => k.links.length === 0)!;
    const objectiveId = snapshot.objectives[0]!.id;
    const created = await call('okrAlign:saveLink', { krId: kr.id, objectiveId, weight: 50, expectedVersion: null });
    expect(created.data).toMatchObject({ krId: kr.id, objectiveId, weight: 50, version: 1 });
    const stale = await call('okrAlign:saveLink', { krId: kr.id, objectiveId, weight: 60, expectedVersion: null });
    expect(stale.status).toBe(409);
    expect(stale.errors?.[0]?.detail).toMatchObject({ ok: false, reason: 'stale', current: { version: 1 } });
    const updated = await call('okrAlign:saveLink', { krId: kr.id, objectiveId, weight: 60, expectedVersion: 1 });
    expect(updated.data).toMatchObject({ weight: 60, version: 2 });
  });

  it('previews, publishes and rolls back a settings change with a reason', async () => {
    const proposed = defaultSettings();
    proposed.alignment.minScore = 95;
    const preview = (await call('okrAlign:previewSettings', { settings: proposed })).data;
    expect(preview.changes).toEqual([{ path: 'alignment.minScore', before: 60, after: 95 }]);
    expect(preview.alignmentFlips.length).toBeGreaterThan(0);
    expect((await call('okrAlign:proposeSettings', { settings: proposed, reason: ' ' })).status).toBe(409);
    const invalid = await call('okrAlign:proposeSettings', { settings: { ...proposed, alignment: {} }, reason: 'x' });
    expect(invalid.status).toBe(400);
    const v = (await call('okrAlign:proposeSettings', { settings: proposed, reason: 'stricter alignment' })).data;
    await call('okrAlign:publishSettings', { version: v.version });
    expect((await call('okrAlign:settingsCurrent')).data).toMatchObject({ version: v.version });
    const back = (await call('okrAlign:rollbackSettings', { toVersion: 1, reason: 'back to defaults' })).data;
    expect(back).toMatchObject({ status: 'published', rollbackOf: 1 });
    expect((await call('okrAlign:settingsCurrent')).data.settings.alignment.minScore).toBe(60);
  });

  it('computes a pool run equal to the domain, then approves, releases and locks it for good', async () => {
    const local = computePoolRun(snapshot, defaultSettings(), '2026-Q1');
    const run = (await call('okrAlign:computePoolRun', { quarter: '2026-Q1' })).data;
    expect(run).toMatchObject({ state: 'draft', poolCents: local.poolCents, version: 1 });
    expect(run.result.allocations).toEqual(local.allocations);
    let version = run.version;
    for (const transition of ['approve', 'release', 'lock']) {
      const next = await call('okrAlign:transitionPoolRun', { id: run.id, transition, expectedVersion: version });
      expect(next.status).toBe(200);
      version = next.data.version;
    }
    expect((await call('okrAlign:computePoolRun', { quarter: '2026-Q1' })).status).toBe(409);
  });
});
