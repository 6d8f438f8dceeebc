import { randomUUID } from 'node:crypto';
import {
  type AccountLinkRows,
  connectAccount,
  type PersonAccount,
  peopleAndAccounts,
} from '../../../plugin/app/account-links.ts';
import { COLLECTIONS } from './collections.ts';
import type { Row } from './records.ts';
import type { HostAction } from './requests.ts';
import type { TableAccess, Tables } from './tables.ts';

/** What the client's "people and accounts" page shows. */
export type { PersonAccount, SignInAccount as NocobaseAccount } from '../../../plugin/app/account-links.ts';

const accountName = (u: Row) => String(u.nickname || u.username || u.email || u.phone || u.id);
const personAccount = (p: Row): PersonAccount => ({
  personId: String(p.id),
  name: String(p.name),
  role: String(p.role),
  regionId: p.regionId == null ? null : String(p.regionId),
  userId: p.userId == null ? null : String(p.userId),
});

/** NocoBase's users connected to the pack's people by `okr_people.userId`. */
const linkRows = (tx: TableAccess): AccountLinkRows => ({
  people: async (userId) =>
    (await tx.find(COLLECTIONS.people, userId === undefined ? undefined : { userId })).map(personAccount),
  person: async (personId) => {
    const row = await tx.findOne(COLLECTIONS.people, personId);
    return row ? personAccount(row) : null;
  },
  accounts: async () => (await tx.find('users')).map((u) => ({ userId: String(u.id), name: accountName(u) })),
  accountExists: async (userId) => (await tx.findOne('users', userId)) !== null,
  async connect(personId, userId, audit) {
    await tx.update(COLLECTIONS.people, personId, { userId });
    await tx.create(COLLECTIONS.audit, { id: randomUUID(), ...audit });
  },
});

const linkStore = (tables: Tables) => ({
  transaction: <T>(work: (rows: AccountLinkRows) => Promise<T>) =>
    tables.transaction((tx) => work(linkRows(tx))),
});

/** NocoBase actions of the admin's "people and accounts" page (the use cases are the pack's). */
export const ACCOUNT_LINK_ACTIONS: Record<string, HostAction> = {
  peopleAccounts: ({ user, tables }) => peopleAndAccounts(linkRows(tables), user),
  connectAccount: ({ user, params, tables }) =>
    connectAccount(linkStore(tables), user, params, new Date().toISOString()),
};
