// The admin's "people and accounts" page over NocoBase HTTP (NOCOBASE_URL): which NocoBase account signs
// in as which person, admin only, one account per person, an audit row per change.
import { base, type Caller, call, importDemo, liveLock, q, signInRoot, userFor } from './live-client.ts';

const PERSON = 'person-fengxuemei';
const OTHER = 'person-zhaomin';

describe.skipIf(!base)('nocobase adapter: connecting sign-in accounts to people', () => {
  let release = () => {};
  let root: Caller = null;
  let account = 0;
  let newcomer: Caller = null; // a NocoBase account with an OKR role and no person yet
  let rep: Caller = null;
  const startedAt = new Date().toISOString();

  beforeAll(async () => {
    release = await liveLock();
    root = await signInRoot();
    await importDemo(root);
    const made = await userFor(root, 'okr_live_newcomer', ['okr_sales']);
    account = made.id;
    newcomer = made.as;
    rep = (await userFor(root, 'okr_live_zhaomin', ['okr_sales'], OTHER)).as;
    // Whoever held the account in an earlier run lets it go, and the person starts without one.
    for (const p of (await call(root, `okr_people:list?filter=${q({ userId: account })}`)).data ?? [])
      await call(root, `okr_people:update?filterByTk=${p.id}`, { userId: null });
    await call(root, `okr_people:update?filterByTk=${PERSON}`, { userId: null });
  }, 300_000);
  afterAll(async () => {
    if (root) await call(root, 'okrAlign:connectAccount', { personId: PERSON, userId: null });
    release();
  });

  it('lists people with their accounts for the admin and refuses everyone else', async () => {
    const listed = await call(root, 'okrAlign:peopleAccounts');
    expect(listed.status).toBe(200);
    expect(listed.data.people).toEqual(
      expect.arrayContaining([expect.objectContaining({ personId: PERSON, name: '冯雪梅', userId: null })]),
    );
    expect(listed.data.accounts).toEqual(
      expect.arrayContaining([{ userId: String(account), name: 'okr_live_newcomer' }]),
    );
    for (const [action, body] of [
      ['okrAlign:peopleAccounts', undefined],
      ['okrAlign:connectAccount', { personId: OTHER, userId: String(account) }],
    ] as const) {
      const refused = await call(rep, action, body);
      expect([refused.status, refused.errors?.[0]?.code]).toEqual([403, 'forbidden']);
    }
  });

  it('signs the account in as the person once connected, one person per account, audited', async () => {
    expect((await call(newcomer, 'okrAlign:me')).data.personId).toBe(`nocobase-user:${account}`);
    const connected = await call(root, 'okrAlign:connectAccount', {
      personId: PERSON,
      userId: String(account),
    });
    expect([connected.status, connected.data?.userId]).toEqual([200, String(account)]);
    const me = (await call(newcomer, 'okrAlign:me')).data;
    expect([me.personId, me.name, me.regionId]).toEqual([PERSON, '冯雪梅', expect.any(String)]);

    const twice = await call(root, 'okrAlign:connectAccount', { personId: OTHER, userId: String(account) });
    expect([twice.status, twice.errors?.[0]?.code, twice.errors?.[0]?.params]).toEqual([
      409,
      'account-linked',
      { person: '冯雪梅' },
    ]);
    const unknown = await call(root, 'okrAlign:connectAccount', { personId: 'person-nobody', userId: null });
    expect([unknown.status, unknown.errors?.[0]?.code]).toEqual([404, 'not-found']);

    const audit = (
      await call(
        root,
        `okr_audit:list?filter=${q({ subject: `person:${PERSON}`, at: { $gte: startedAt } })}&sort=at`,
      )
    ).data as { action: string; detail: { before: { userId: string | null }; after: { userId: string } } }[];
    expect(audit.map((a) => [a.action, a.detail.before.userId, a.detail.after.userId])).toEqual([
      ['account.connect', null, String(account)],
    ]);
  });
});
