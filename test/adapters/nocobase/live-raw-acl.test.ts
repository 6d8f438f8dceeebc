// NocoBase's generic API on the raw okr_* collections (NOCOBASE_URL): closed to every role but
// root/admin; reviews, pool runs, audit… never readable raw; no raw write around the pack's actions.
import { base, type Caller, call, importDemo, liveLock, q, signInRoot, userFor } from './live-client.ts';

const SENSITIVE = [
  'okr_peer_reviews',
  'okr_pool_runs',
  'okr_audit',
  'okr_settings_versions',
  'okr_rule_events',
  'okr_notifications',
  'okr_escalations',
  'okr_activities',
  'okr_key_accounts',
];
const GRANTABLE = [
  'okr_cycles',
  'okr_regions',
  'okr_people',
  'okr_objectives',
  'okr_key_results',
  'okr_kr_links',
  'okr_check_ins',
];

describe.skipIf(!base)('nocobase adapter: raw okr_* collections', () => {
  let release = () => {};
  let root: Caller = null;
  let member: Caller = null;
  let sales: Caller = null;
  let callers: [string, Caller][] = [];

  beforeAll(async () => {
    release = await liveLock();
    root = await signInRoot();
    await importDemo(root);
    member = (await userFor(root, 'okr_live_member', ['member'])).as;
    sales = (await userFor(root, 'okr_live_zhaomin', ['okr_sales'], 'person-zhaomin')).as;
    callers = [
      ['member', member],
      ['okr_sales', sales],
      ['anonymous', null],
    ];
  }, 300_000);
  afterAll(() => release());

  const grant = (collection: string, actions: { name: string; fields?: string[] }[]) =>
    call(root, 'roles/okr_sales/dataSourceResources:create', {
      dataSourceKey: 'main',
      name: collection,
      usingActionsConfig: true,
      actions,
    });
  const revoke = (collection: string) =>
    call(
      root,
      `roles/okr_sales/dataSourceResources:update?filter=${q({ dataSourceKey: 'main', name: collection })}`,
      {
        usingActionsConfig: false,
        actions: [],
      },
    );

  it('refuses list, get and query of every okr_* collection to member, okr_sales and anonymous; root reads', async () => {
    for (const collection of [...SENSITIVE, ...GRANTABLE]) {
      for (const [who, as] of callers) {
        for (const action of [`${collection}:list`, `${collection}:get?filterByTk=x`]) {
          const r = await call(as, action);
          expect([who, action, r.status]).toEqual([who, action, as ? 403 : 401]);
        }
      }
      expect((await call(root, `${collection}:list?pageSize=1`)).status).toBe(200);
    }
    const reviews = (await call(root, 'okr_peer_reviews:list?pageSize=1')).data;
    expect(reviews[0]).toHaveProperty('reviewerId');
    const query = await call(sales, 'okr_peer_reviews:query', { dimensions: [{ field: ['reviewerId'] }] });
    expect(query.status).toBe(403);
  });

  it('refuses raw writes that would bypass the pack policy and row versions', async () => {
    const kr = (await call(root, 'okr_key_results:get?filterByTk=kr-zhaomin-1')).data;
    const writes: [string, unknown][] = [
      ['okr_key_results:update?filterByTk=kr-zhaomin-1', { title: 'raw', version: 1 }],
      ['okr_kr_links:destroy?filterByTk=kr-zhaomin-1~obj-new-energy', {}],
      [
        'okr_kr_links:create',
        { id: 'x~y', krId: 'kr-zhaomin-1', objectiveId: 'y', weight: 1, linkedAt: 'x', version: 1 },
      ],
      [
        'okr_check_ins:create',
        { id: 'raw', krId: 'kr-zhaomin-1', month: '2026-06', value: 1, confidence: 1 },
      ],
      ['okr_settings_versions:create', { version: 999, status: 'published', settings: {}, authorId: 'x' }],
      ['okr_people:update?filterByTk=person-zhaomin', { role: 'admin' }],
      ['okr_peer_reviews:destroy?filterByTk=pr-2026q1-001', {}],
      ['okr_pool_runs:updateOrCreate', { filterKeys: ['id'], values: { id: 'raw', state: 'locked' } }],
    ];
    for (const [action, body] of writes) {
      for (const [who, as] of callers) {
        const r = await call(as, action, body);
        expect([who, action, r.status]).toEqual([who, action, as ? 403 : 401]);
      }
    }
    expect((await call(root, 'okr_key_results:get?filterByTk=kr-zhaomin-1')).data).toMatchObject({
      title: kr.title,
      version: kr.version,
    });
    expect((await call(root, 'okr_people:get?filterByTk=person-zhaomin')).data.role).toBe('sales');
  });

  it('lets an administrator grant a role read of a plain collection, never of a sensitive one', async () => {
    try {
      await grant('okr_objectives', [{ name: 'view', fields: ['id', 'title', 'cycleId'] }]);
      await grant('okr_peer_reviews', [{ name: 'view', fields: ['id', 'reviewerId'] }]);
      await grant('okr_key_results', [{ name: 'view' }, { name: 'update' }]);
      const objectives = await call(sales, 'okr_objectives:list');
      expect(objectives.status).toBe(200);
      expect(objectives.data.map((o: { id: string }) => o.id).sort()).toEqual([
        'obj-high-margin',
        'obj-key-accounts',
        'obj-new-energy',
      ]);
      expect((await call(sales, 'okr_peer_reviews:list')).status).toBe(403);
      expect(
        (await call(sales, 'okr_key_results:update?filterByTk=kr-zhaomin-1', { title: 'granted?' })).status,
      ).toBe(403);
    } finally {
      for (const c of ['okr_objectives', 'okr_peer_reviews', 'okr_key_results']) await revoke(c);
    }
    expect((await call(sales, 'okr_objectives:list')).status).toBe(403);
  });

  it("bumps the row version on an admin's raw edit, so a pack write made on the old row is refused", async () => {
    const before = (await call(root, 'okr_key_results:get?filterByTk=kr-zhaomin-2')).data;
    const raw = await call(root, 'okr_key_results:update?filterByTk=kr-zhaomin-2', {
      evidence: 'edited in NocoBase',
    });
    expect(raw.status).toBe(200);
    const after = (await call(root, 'okr_key_results:get?filterByTk=kr-zhaomin-2')).data;
    expect(after).toMatchObject({ evidence: 'edited in NocoBase', version: before.version + 1 });
    const late = await call(sales, 'okrAlign:updateKeyResult', {
      id: 'kr-zhaomin-2',
      version: before.version,
      evidence: 'prepared before the edit',
    });
    expect(late.status).toBe(409);
    expect(late.errors?.[0]?.current).toMatchObject({ evidence: 'edited in NocoBase' });
    const pack = await call(sales, 'okrAlign:updateKeyResult', {
      id: 'kr-zhaomin-2',
      version: before.version + 1,
      evidence: 'on the new row',
    });
    expect(pack.data.version).toBe(before.version + 2);
    const stored = (await call(root, 'okr_key_results:get?filterByTk=kr-zhaomin-2')).data;
    expect(stored.version).toBe(before.version + 2);
  });

  it('keeps the pack actions open to the same users, answering with the pack policy', async () => {
    expect((await call(sales, 'okrAlign:me')).data).toMatchObject({
      personId: 'person-zhaomin',
      role: 'sales',
    });
    expect((await call(member, 'okrAlign:snapshot')).status).toBe(403);
  });
});
