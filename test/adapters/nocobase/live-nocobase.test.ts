// Contract checks of the adapter over HTTP against a running NocoBase with @okr-align/nocobase enabled.
// Skipped unless NOCOBASE_URL is set (see adapters/nocobase/README.md, adapters/nocobase/scripts/e2e.sh).
import { computePoolRun } from '../../../plugin/domain/pool.ts';
import { defaultSettings, evaluate } from '../../../plugin/engine/index.ts';
import { demoSnapshot } from './demo.ts';
import { liveLock } from './live-client.ts';

const base = process.env.NOCOBASE_URL;
const account = process.env.NOCOBASE_ACCOUNT ?? 'admin@nocobase.com';
const password = process.env.NOCOBASE_PASSWORD ?? 'admin123';

// biome-ignore lint/suspicious/noExplicitAny: API answers are JSON; the assertions check their shape.
type Json = any;

interface Answer<T = Json> {
  status: number;
  data: T;
  errors?: { message: string; code?: string; params?: Json; current?: Json; detail?: Json }[];
}

describe.skipIf(!base)('nocobase adapter over HTTP', () => {
  let token = '';
  const call = async <T = Json>(
    action: string,
    body?: unknown,
    auth: boolean | { token: string; role: string } = true,
  ): Promise<Answer<T>> => {
    const who: Record<string, string> =
      auth === true
        ? { authorization: `Bearer ${token}` }
        : auth
          ? { authorization: `Bearer ${auth.token}`, 'x-role': auth.role }
          : {};
    const r = await fetch(`${base}/api/${action}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { 'content-type': 'application/json', ...who },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await r.json()) as { data: T; errors?: Answer['errors'] };
    return { status: r.status, data: json.data, errors: json.errors };
  };
  const signIn = async (account: string, password: string): Promise<string> => {
    const r = await fetch(`${base}/api/auth:signIn`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-authenticator': 'basic' },
      body: JSON.stringify({ account, password }),
    });
    return ((await r.json()) as { data: { token: string } }).data.token;
  };
  const sorted = (xs: unknown[]) => xs.map((x) => JSON.stringify(x)).sort();
  const snapshot = demoSnapshot();
  const at = snapshot.cycle.end;

  let release = () => {};
  beforeAll(async () => {
    release = await liveLock();
    token = await signIn(account, password);
    const filter = encodeURIComponent(JSON.stringify({ quarter: '2026-Q1' }));
    await call(`okr_pool_runs:destroy?filter=${filter}`, {});
    const imported = await call('okrAlign:importSnapshot', { snapshot });
    expect(imported.status).toBe(200);
  }, 300_000);
  afterAll(() => release());

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
    const created = await call('okrAlign:saveLink', { krId: kr.id, objectiveId, weight: 50 });
    expect(created.data).toMatchObject({ krId: kr.id, objectiveId, weight: 50, version: 1 });
    // A second create (no version) finds the link already there: 409 with the stored row.
    const stale = await call('okrAlign:saveLink', { krId: kr.id, objectiveId, weight: 60 });
    expect(stale.status).toBe(409);
    expect(stale.errors?.[0]).toMatchObject({ code: 'stale-version', current: { version: 1 } });
    const updated = await call('okrAlign:saveLink', { krId: kr.id, objectiveId, weight: 60, version: 1 });
    expect(updated.data).toMatchObject({ weight: 60, version: 2 });
  });

  it('previews, publishes and rolls back a settings change with a reason', async () => {
    const proposed = defaultSettings();
    proposed.alignment.minScore = 95;
    const preview = (await call('okrAlign:previewSettings', { settings: proposed })).data;
    expect(preview.changes).toEqual([{ path: 'alignment.minScore', before: 60, after: 95 }]);
    expect(preview.alignmentFlips.length).toBeGreaterThan(0);
    const blank = await call('okrAlign:proposeSettings', { settings: proposed, reason: ' ' });
    expect([blank.status, blank.errors?.[0]?.code]).toEqual([400, 'reason-required']);
    const invalid = await call('okrAlign:proposeSettings', {
      settings: { ...proposed, alignment: {} },
      reason: 'x',
    });
    expect(invalid.status).toBe(400);
    const v = (await call('okrAlign:proposeSettings', { settings: proposed, reason: 'stricter alignment' }))
      .data;
    await call('okrAlign:publishSettings', { version: v.version });
    expect((await call('okrAlign:settingsCurrent')).data).toMatchObject({ version: v.version });
    const back = (await call('okrAlign:rollbackSettings', { toVersion: 1, reason: 'back to defaults' })).data;
    expect(back).toMatchObject({ status: 'published', rollbackOf: 1 });
    expect((await call('okrAlign:settingsCurrent')).data.settings.alignment.minScore).toBe(60);
  });

  it('computes a pool run equal to the domain, then approves, releases and locks it for good', async () => {
    const local = computePoolRun(snapshot, defaultSettings(), '2026-Q1');
    const created = (await call('okrAlign:createPoolRun', { quarter: '2026-Q1' })).data;
    const run = (await call('okrAlign:computePoolRun', { id: created.id, version: created.version })).data;
    expect(run).toMatchObject({ state: 'draft', poolCents: local.poolCents, version: 2 });
    expect(run.result.allocations).toEqual(local.allocations);
    let version = run.version;
    for (const step of ['approvePoolRun', 'releasePoolRun', 'lockPoolRun']) {
      const next = await call(`okrAlign:${step}`, { id: run.id, version });
      expect([step, next.status]).toEqual([step, 200]);
      version = next.data.version;
    }
    const locked = await call('okrAlign:computePoolRun', { id: run.id, version });
    expect([locked.status, locked.errors?.[0]?.code]).toEqual([409, 'run-locked']);
  });

  it("gives a NocoBase user connected to a sales person that person's rights, and no more", async () => {
    const rep = snapshot.people.find((p) => p.role === 'sales')!;
    const other = snapshot.keyResults.find((k) => k.ownerType === 'person' && k.ownerId !== rep.id)!;
    const own = snapshot.keyResults.find((k) => k.ownerId === rep.id)!;
    const username = `okr_e2e_${rep.id.replace(/[^a-z0-9]/gi, '_')}`;
    const existing = (await call(`users:list?filter=${encodeURIComponent(JSON.stringify({ username }))}`))
      .data;
    const user =
      existing[0] ??
      (
        await call('users:create', {
          username,
          nickname: rep.name,
          password: 'okr-e2e-pass',
          roles: ['okr_sales'],
        })
      ).data;
    await call(`okr_people:update?filterByTk=${rep.id}`, { userId: user.id });
    const as = { token: await signIn(username, 'okr-e2e-pass'), role: 'okr_sales' };
    expect((await call('okrAlign:me', undefined, as)).data).toMatchObject({
      personId: rep.id,
      role: 'sales',
    });
    // Importing the demo again keeps the NocoBase user connected to the person.
    expect((await call('okrAlign:importSnapshot', { snapshot })).status).toBe(200);
    expect((await call('okrAlign:me', undefined, as)).data).toMatchObject({ personId: rep.id });
    expect((await call('okrAlign:createPoolRun', { quarter: '2026-Q2' }, as)).status).toBe(403);
    const objectiveId = snapshot.objectives[1]!.id;
    const foreign = await call('okrAlign:saveLink', { krId: other.id, objectiveId, weight: 10 }, as);
    expect(foreign.status).toBe(403);
    const mine = await call('okrAlign:saveLink', { krId: own.id, objectiveId, weight: 10 }, as);
    expect([200, 409]).toContain(mine.status);
  });

  it('lets a NocoBase workflow act on rule events: each escalation becomes a notification row', async () => {
    const title = 'okr-align e2e: escalation to notification';
    const found = (await call(`workflows:list?filter=${encodeURIComponent(JSON.stringify({ title }))}`)).data;
    if (found.length === 0) {
      const workflow = (
        await call('workflows:create', {
          title,
          type: 'collection',
          enabled: true,
          config: {
            mode: 1,
            collection: 'okr_rule_events',
            condition: { $and: [{ type: { $eq: 'escalate' } }] },
          },
        })
      ).data;
      const values = {
        id: '{{$context.data.id}}',
        personId: '{{$context.data.personId}}',
        kind: '{{$context.data.type}}',
        params: {},
        subject: {},
        createdAt: '{{$context.data.at}}',
        dedupKey: '{{$context.data.dedupKey}}',
      };
      await call(`workflows/${workflow.id}/nodes:create`, {
        type: 'create',
        config: { collection: 'okr_notifications', params: { values } },
      });
    }
    const escalate = encodeURIComponent(JSON.stringify({ type: 'escalate' }));
    await call(`okr_rule_events:destroy?filter=${escalate}`, {});
    await call(
      `okr_notifications:destroy?filter=${encodeURIComponent(JSON.stringify({ kind: 'escalate' }))}`,
      {},
    );
    // A region KR's escalation goes to the region's manager (first by id), as in the reference host.
    const escalations = evaluate(snapshot, defaultSettings(), at).events.filter((e) => e.type === 'escalate');
    const managerOf = (regionId: string) =>
      snapshot.people
        .filter((p) => p.role === 'manager' && p.regionId === regionId)
        .map((p) => p.id)
        .sort()[0];
    const personOf = (e: (typeof escalations)[number]) => {
      const kr = snapshot.keyResults.find((k) => k.id === e.subject.krId)!;
      return kr.ownerType === 'person' ? kr.ownerId : managerOf(kr.ownerId);
    };
    expect(escalations.some((e) => !e.subject.personId)).toBe(true);
    const expected = escalations.length;
    // The rules also re-run on their own ~1 s after a pack write: evaluate may find the events recorded already.
    expect((await call(`okrAlign:evaluate?at=${at}`)).status).toBe(200);
    let rows: unknown[] = [];
    for (let i = 0; i < 60 && rows.length < expected; i++) {
      await new Promise((r) => setTimeout(r, 500));
      const filter = encodeURIComponent(JSON.stringify({ kind: 'escalate' }));
      rows = (await call(`okr_notifications:list?filter=${filter}&pageSize=200`)).data;
    }
    expect(rows).toHaveLength(expected);
    expect((rows as { personId: string }[]).map((r) => r.personId).sort()).toEqual(
      escalations.map(personOf).sort(),
    );
  }, 60_000);
});
