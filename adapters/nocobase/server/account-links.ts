import { randomUUID } from 'node:crypto';
import { conflict, forbidden, notFound } from '../../../plugin/app/errors.ts';
import type { HostUser } from '../../../plugin/sdk/index.ts';
import { can } from '../../../plugin/sdk/permissions.ts';
import { COLLECTIONS } from './collections.ts';
import type { Row } from './records.ts';
import type { HostAction } from './requests.ts';
import type { TableAccess } from './tables.ts';

export interface PersonAccount {
  personId: string;
  name: string;
  role: string;
  regionId: string | null;
  userId: string | null;
}

export interface NocobaseAccount {
  userId: string;
  name: string;
}

// Who signs in as whom is host identity: NocoBase's users, connected to the pack's people by
// `okr_people.userId`. Only those who may change people (the pack's policy) see or change it.
function requirePeopleAdmin(user: HostUser | null): HostUser {
  if (!user || !can(user, 'update', { type: 'person' }))
    throw forbidden('accounts: only an administrator connects sign-in accounts to people');
  return user;
}

const accountName = (u: Row) => String(u.nickname || u.username || u.email || u.phone || u.id);
const personAccount = (p: Row): PersonAccount => ({
  personId: String(p.id),
  name: String(p.name),
  role: String(p.role),
  regionId: p.regionId == null ? null : String(p.regionId),
  userId: p.userId == null ? null : String(p.userId),
});

async function connect(
  tx: TableAccess,
  actor: HostUser,
  personId: string,
  userId: string | null,
  at: string,
) {
  const person = await tx.findOne(COLLECTIONS.people, personId);
  if (!person) throw notFound('person', personId);
  if (userId !== null) {
    if (!(await tx.findOne('users', userId))) throw notFound('account', userId);
    const holder = (await tx.find(COLLECTIONS.people, { userId })).find((p) => p.id !== personId);
    if (holder)
      throw conflict('account-linked', `accounts: user ${userId} is connected to ${holder.name} already`, {
        params: { person: String(holder.name) },
      });
  }
  const before = personAccount(person);
  await tx.update(COLLECTIONS.people, personId, { userId });
  const after = { ...before, userId };
  await tx.create(COLLECTIONS.audit, {
    id: randomUUID(),
    at,
    actorId: actor.personId,
    action: userId === null ? 'account.disconnect' : 'account.connect',
    subject: `person:${personId}`,
    detail: { before, after },
  });
  return after;
}

/** NocoBase actions of the admin's "people and accounts" page. */
export const ACCOUNT_LINK_ACTIONS: Record<string, HostAction> = {
  async peopleAccounts({ user, tables }) {
    requirePeopleAdmin(user);
    const [people, users] = await Promise.all([tables.find(COLLECTIONS.people), tables.find('users')]);
    return {
      people: people.map(personAccount).sort((a, b) => a.name.localeCompare(b.name, 'zh-CN')),
      accounts: users.map((u): NocobaseAccount => ({ userId: String(u.id), name: accountName(u) })),
    };
  },
  async connectAccount({ user, params: p, tables }) {
    const actor = requirePeopleAdmin(user);
    const personId = typeof p.personId === 'string' ? p.personId : '';
    const userId = p.userId == null || p.userId === '' ? null : String(p.userId);
    if (!personId) throw notFound('person', '');
    return tables.transaction((tx) => connect(tx, actor, personId, userId, new Date().toISOString()));
  },
};
