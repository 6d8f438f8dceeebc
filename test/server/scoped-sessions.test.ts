import { DEMO_PASSWORD } from '../../host/demo/case-study-people.ts';
import type { HostUser } from '../../plugin/sdk/index.ts';
import { can } from '../../plugin/sdk/permissions.ts';
import { type Client, LOGINS, startServer, type TestServer } from './helpers.ts';

const CYCLE = 'cycle-2026-h1';
const BOARD = `cycle:${CYCLE}`;

/** `minter` shows the board's QR code; a phone joins with it as `login`, with that person's password. */
async function qrPhone(server: TestServer, minter: string, login = minter): Promise<Client> {
  const minted = await (await server.login(minter)).post(`/api/boards/${CYCLE}/invites`, {});
  expect(minted.status, JSON.stringify(minted.body)).toBe(200);
  const phone = server.anonymous();
  const joined = await phone.post(`/api/boards/${CYCLE}/join`, {
    invite: minted.body.invite,
    login,
    password: DEMO_PASSWORD,
  });
  expect(joined.status, JSON.stringify(joined.body)).toBe(200);
  return phone;
}

describe('QR-limited sessions', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server.close());

  it('a phone signed in by a strategy user cannot write objectives', async () => {
    const phone = await qrPhone(server, LOGINS.strategy);
    expect((await phone.get('/api/auth/me')).body.scope.boardId).toBe(BOARD);
    const objectives = await phone.get(`/api/objectives?cycleId=${CYCLE}`);
    expect(objectives.status).toBe(200);
    const first = objectives.body[0];
    expect(first).toBeDefined();

    const created = await phone.post('/api/objectives', { cycleId: CYCLE, title: 'from a phone', weight: 1 });
    expect(created.status).toBe(403);
    const updated = await phone.patch(`/api/objectives/${first.id}`, { version: first.version, weight: 2 });
    expect(updated.status).toBe(403);
    expect((await phone.delete(`/api/objectives/${first.id}`)).status).toBe(403);

    // The same strategy user on a full session may: the refusal is the scope, not the role.
    const desk = await server.login(LOGINS.strategy);
    const ok = await desk.patch(`/api/objectives/${first.id}`, {
      version: first.version,
      weight: first.weight,
    });
    expect(ok.status).toBe(200);
  });

  it('the policy gives a scoped session reads of its board and KR/link edits only', () => {
    const strategy: HostUser = {
      userId: 'u',
      personId: 'person-wangjianguo',
      name: '王建国',
      role: 'strategy',
      regionId: null,
      scope: { boardId: BOARD, actions: ['read', 'create', 'update', 'delete'], expiresAt: '2099-01-01' },
    };
    for (const action of ['create', 'update', 'delete'] as const) {
      expect(can(strategy, action, { type: 'objective', boardId: BOARD })).toBe(false);
      expect(can({ ...strategy, scope: null }, action, { type: 'objective', boardId: BOARD })).toBe(true);
    }
    expect(can(strategy, 'read', { type: 'objective', boardId: BOARD })).toBe(true);
    expect(can(strategy, 'read', { type: 'settings' })).toBe(true);
    expect(can(strategy, 'read', { type: 'person' })).toBe(true);
    expect(can(strategy, 'update', { type: 'settings' })).toBe(false);
    const manager: HostUser = { ...strategy, role: 'manager', regionId: 'region-east' };
    const kr = { type: 'keyResult', regionId: 'region-east', ownerPersonId: 'x', boardId: BOARD } as const;
    expect(can(manager, 'update', kr)).toBe(true);
    expect(can(manager, 'delete', kr)).toBe(false);
    expect(can(manager, 'update', { ...kr, boardId: 'cycle:other' })).toBe(false);
    expect(can(manager, 'update', { ...kr, type: 'link' })).toBe(true);
    expect(can(manager, 'create', { ...kr, type: 'checkIn' })).toBe(false);
  });

  it('reads what the board shows: names and regions of KR and objective owners, regions, settings', async () => {
    const phone = await qrPhone(server, LOGINS.manager, LOGINS.sales);
    const people = await phone.get('/api/people');
    expect(people.status).toBe(200);
    const list = people.body as Record<string, unknown>[];
    const owners = new Set(
      (
        await server.storage.db
          .selectFrom('key_results')
          .select('owner_id')
          .where('owner_type', '=', 'person')
          .where('cycle_id', '=', CYCLE)
          .execute()
      ).map((r) => r.owner_id),
    );
    expect(owners.size).toBeGreaterThan(1);
    // …and the objectives' owners, whom "Link to…" names.
    const objectiveOwners = (
      await server.storage.db
        .selectFrom('objectives')
        .select('owner_id')
        .where('cycle_id', '=', CYCLE)
        .execute()
    ).map((r) => r.owner_id);
    expect(objectiveOwners.some((id) => !owners.has(id))).toBe(true);
    expect(new Set(list.map((p) => p.id))).toEqual(
      new Set([...owners, ...objectiveOwners, 'person-zhaomin']),
    );
    for (const p of list) expect(Object.keys(p).sort()).toEqual(['id', 'name', 'regionId']);
    expect(list.find((p) => p.id === 'person-sunhao')).toMatchObject({
      name: '孙浩',
      regionId: 'region-east',
    });

    const regions = await phone.get('/api/regions');
    expect(regions.status).toBe(200);
    expect(regions.body.length).toBe(6);
    const settings = await phone.get('/api/settings');
    expect(settings.status).toBe(200);
    expect(typeof settings.body.settings.alignment.minScore).toBe('number');

    // Still nothing beyond the board.
    expect((await phone.get('/api/check-ins')).status).toBe(403);
    expect((await phone.get('/api/settings/versions')).status).toBe(403);
    expect((await phone.get('/api/activities')).status).toBe(403);
    expect(
      (await phone.put('/api/key-results/kr-zhaomin-1/check-ins/2026-06', { value: 1, confidence: 5 }))
        .status,
    ).toBe(403);
  });
});
