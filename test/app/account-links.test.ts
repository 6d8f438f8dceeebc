import {
  type AccountLinkAudit,
  type AccountLinkRows,
  connectAccount,
  type PersonAccount,
  peopleAndAccounts,
} from '../../plugin/app/account-links.ts';
import { notifyOnce } from '../../plugin/app/notify-once.ts';
import type { HostUser } from '../../plugin/sdk/index.ts';

const user = (role: HostUser['role']): HostUser => ({
  userId: `u-${role}`,
  personId: `p-${role}`,
  name: role,
  role,
  regionId: null,
  scope: null,
});

/** People and accounts in memory; a transaction that throws leaves them as they were. */
function memoryLinks(people: PersonAccount[], accounts: string[]) {
  const audits: AccountLinkAudit[] = [];
  const rows: AccountLinkRows = {
    people: async (userId) => people.filter((p) => userId === undefined || p.userId === userId),
    person: async (id) => people.find((p) => p.personId === id) ?? null,
    accounts: async () => accounts.map((userId) => ({ userId, name: `account ${userId}` })),
    accountExists: async (userId) => accounts.includes(userId),
    async connect(personId, userId, audit) {
      people = people.map((p) => (p.personId === personId ? { ...p, userId } : p));
      audits.push(audit);
    },
  };
  return {
    rows,
    audits,
    store: { transaction: <T>(work: (r: AccountLinkRows) => Promise<T>) => work(rows) },
  };
}

const person = (personId: string, name: string, userId: string | null = null): PersonAccount => ({
  personId,
  name,
  role: 'sales',
  regionId: null,
  userId,
});

describe('account links: who signs in as which person', () => {
  it('lists people by name and the accounts, to an administrator only', async () => {
    const { rows } = memoryLinks([person('p-2', '王芳'), person('p-1', '李娜')], ['7']);
    const page = await peopleAndAccounts(rows, user('admin'));
    expect(page.people.map((p) => p.personId)).toEqual(['p-1', 'p-2']);
    expect(page.accounts).toEqual([{ userId: '7', name: 'account 7' }]);
    await expect(peopleAndAccounts(rows, user('sales'))).rejects.toMatchObject({ statusCode: 403 });
  });

  it('connects and disconnects with an audit row; one account signs in as one person', async () => {
    const { store, audits } = memoryLinks([person('p-1', '李娜'), person('p-2', '王芳', '8')], ['7', '8']);
    const at = '2026-03-01T00:00:00.000Z';
    expect(await connectAccount(store, user('admin'), { personId: 'p-1', userId: 7 }, at)).toMatchObject({
      userId: '7',
    });
    expect(audits[0]).toMatchObject({ action: 'account.connect', subject: 'person:p-1', actorId: 'p-admin' });
    await expect(
      connectAccount(store, user('admin'), { personId: 'p-1', userId: '8' }, at),
    ).rejects.toMatchObject({ statusCode: 409, code: 'account-linked', params: { person: '王芳' } });
    await expect(
      connectAccount(store, user('admin'), { personId: 'p-1', userId: '9' }, at),
    ).rejects.toMatchObject({ statusCode: 404 });
    expect(await connectAccount(store, user('admin'), { personId: 'p-1', userId: '' }, at)).toMatchObject({
      userId: null,
    });
    expect(audits[1]?.action).toBe('account.disconnect');
    expect(() => connectAccount(store, user('manager'), { personId: 'p-1' }, at)).toThrow(/administrator/);
  });
});

describe('notify once: one notification per person and dedup key', () => {
  it('adds only for recipients who have not had the key, each once', async () => {
    const stored = new Set(['p-1|k']);
    const rows = {
      notified: async (ids: readonly string[], key: string) =>
        new Set(ids.filter((id) => stored.has(`${id}|${key}`))),
      add: async (ids: readonly string[], { dedupKey }: { dedupKey: string }) => {
        for (const id of ids) stored.add(`${id}|${dedupKey}`);
      },
    };
    const input = { kind: 'x', params: {}, subject: {}, dedupKey: 'k' };
    expect(await notifyOnce(rows, { ...input, recipientIds: ['p-1', 'p-2', 'p-2'] })).toBe(1);
    expect(await notifyOnce(rows, { ...input, recipientIds: ['p-2'] })).toBe(0);
    expect(await notifyOnce(rows, { ...input, recipientIds: [] })).toBe(0);
  });
});
