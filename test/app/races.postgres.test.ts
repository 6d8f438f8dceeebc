import type { Client, Reply } from '../server/helpers.ts';
import { startTwoServers, type TwoServers } from './two-servers.ts';

const databaseUrl = process.env.DATABASE_URL;

/** Status codes of concurrent replies, sorted, e.g. `[200, 409]`. */
const statuses = (replies: Reply[]) => replies.map((r) => r.status).sort();
const auditOf = async (hr: Client, subjectType: string, subjectId: string, action: string) =>
  (
    (await hr.get(`/api/audit?subjectType=${subjectType}&subjectId=${subjectId}`)).body as {
      action: string;
    }[]
  ).filter((a) => a.action === action).length;

// Two reference-host processes on one PostgreSQL database, each request racing its twin on the other
// process: one writer wins, the other gets a 409 naming the version that won, never a 500.
describe.skipIf(!databaseUrl)('races between two server processes on one PostgreSQL database', () => {
  let servers: TwoServers;
  let hr: [Client, Client];
  let strategy: [Client, Client];

  beforeAll(async () => {
    servers = await startTwoServers(databaseUrl!);
    hr = [await servers.login(0, 'linxue'), await servers.login(1, 'linxue')];
    strategy = [await servers.login(0, 'wangjianguo'), await servers.login(1, 'wangjianguo')];
  }, 150_000);
  afterAll(() => servers?.close());

  it('opens one run per quarter when both press "new run" at once', async () => {
    const replies = await Promise.all(hr.map((c) => c.post('/api/pool-runs', { quarter: '2026-Q2' })));
    expect(statuses(replies)).toEqual([201, 409]);
    const lost = replies.find((r) => r.status === 409)!;
    expect(lost.body.code).toBe('run-exists');
  });

  it('computes a draft once when both press compute on the same version', async () => {
    const run = (await hr[0].post('/api/pool-runs', { quarter: '2026-Q1' })).body;
    const replies = await Promise.all(
      hr.map((c) => c.post(`/api/pool-runs/${run.id}/compute`, { version: 1 })),
    );
    expect(statuses(replies)).toEqual([200, 409]);
    const [won, lost] = replies.sort((a, b) => a.status - b.status);
    expect(lost!.body).toMatchObject({ code: 'stale-version', current: { version: 2 } });
    expect(won!.body.result.allocations.length).toBeGreaterThan(0);
    expect(await auditOf(hr[0], 'poolRun', run.id, 'pool.compute')).toBe(1);

    const approvals = await Promise.all(
      hr.map((c) => c.post(`/api/pool-runs/${run.id}/approve`, { version: 2 })),
    );
    expect(statuses(approvals)).toEqual([200, 409]);
    expect(approvals.find((r) => r.status === 409)!.body.current).toMatchObject({
      state: 'approved',
      version: 3,
    });
    expect(await auditOf(hr[0], 'poolRun', run.id, 'pool.approve')).toBe(1);

    // Without a version the second approval still finds the run moved on: one audit row, not two.
    const releases = await Promise.all(hr.map((c) => c.post(`/api/pool-runs/${run.id}/release`, {})));
    expect(statuses(releases)).toEqual([200, 409]);
    expect(await auditOf(hr[0], 'poolRun', run.id, 'pool.release')).toBe(1);
  });

  it('gives ten concurrent settings proposals ten distinct versions, and publishes one of them once', async () => {
    const { settings } = (await hr[0].get('/api/settings')).body;
    const replies = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        hr[i % 2]!.post('/api/settings/proposals', { settings, reason: `race ${i}` }),
      ),
    );
    expect(replies.filter((r) => r.status >= 500)).toEqual([]);
    const won = replies.filter((r) => r.status === 201);
    for (const r of replies.filter((r) => r.status !== 201))
      expect([r.status, r.body.code]).toEqual([409, 'duplicate']);
    const versions = won.map((r) => r.body.version as number);
    expect(new Set(versions).size).toBe(won.length);
    // Proposers queue on the row lock of the version in effect: all ten get a number.
    expect(won.length).toBe(10);
    const audited = await Promise.all(
      versions.map((v) => auditOf(hr[0], 'settings', String(v), 'settings.propose')),
    );
    expect(audited).toEqual(versions.map(() => 1));

    const target = versions[0]!;
    const publishes = await Promise.all(
      hr.map((c) => c.post(`/api/settings/versions/${target}/publish`, {})),
    );
    expect(statuses(publishes)).toEqual([200, 409]);
    expect(publishes.find((r) => r.status === 409)!.body.code).toBe('not-a-proposal');
    expect(await auditOf(hr[0], 'settings', String(target), 'settings.publish')).toBe(1);
  });

  it('keeps one of two objective edits made on the same version', async () => {
    const created = await strategy[0].post('/api/objectives', {
      cycleId: 'cycle-2026-h1',
      title: '竞态测试',
      weight: 10,
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const edits = await Promise.all(
      strategy.map((c, i) => c.patch(`/api/objectives/${id}`, { version: 1, title: `竞态 ${i}` })),
    );
    expect(statuses(edits)).toEqual([200, 409]);
    const [won, lost] = edits.sort((a, b) => a.status - b.status);
    expect(lost!.body).toMatchObject({
      code: 'stale-version',
      current: { version: 2, title: won!.body.title },
    });
    expect(await auditOf(hr[0], 'objective', id, 'objective.update')).toBe(1);
  });
});
