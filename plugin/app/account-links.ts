import type { HostUser } from '../sdk/index.ts';
import { can } from '../sdk/permissions.ts';
import { conflict, forbidden, notFound } from './errors.ts';

/** A person with the host's sign-in account connected to it (null: none). */
export interface PersonAccount {
  personId: string;
  name: string;
  role: string;
  regionId: string | null;
  userId: string | null;
}

/** A sign-in account of the host (NocoBase's users), to connect to a person. */
export interface SignInAccount {
  userId: string;
  name: string;
}

/** The audit row of a connect or disconnect. */
export interface AccountLinkAudit {
  at: string;
  actorId: string;
  action: 'account.connect' | 'account.disconnect';
  subject: string;
  detail: { before: PersonAccount; after: PersonAccount };
}

/** A host's people and accounts, read and written inside one transaction for a connect. */
export interface AccountLinkRows {
  /** Every person, or with `userId` those connected to that account. */
  people(userId?: string): Promise<PersonAccount[]>;
  person(personId: string): Promise<PersonAccount | null>;
  accounts(): Promise<SignInAccount[]>;
  accountExists(userId: string): Promise<boolean>;
  /** Sets the person's account and appends the audit row. */
  connect(personId: string, userId: string | null, audit: AccountLinkAudit): Promise<void>;
}

// Who signs in as whom is host identity, connected to the pack's people by their `userId`. Only
// those who may change people (the pack's policy) see or change it.
function requirePeopleAdmin(user: HostUser | null): HostUser {
  if (!user || !can(user, 'update', { type: 'person' }))
    throw forbidden('accounts: only an administrator connects sign-in accounts to people');
  return user;
}

/** The admin's "people and accounts" page: every person (by name) and every sign-in account. */
export async function peopleAndAccounts(rows: AccountLinkRows, user: HostUser | null) {
  requirePeopleAdmin(user);
  const [people, accounts] = await Promise.all([rows.people(), rows.accounts()]);
  return { people: people.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN')), accounts };
}

/**
 * Connects the account `params.userId` to the person `params.personId` (no or an empty `userId`:
 * disconnects it), with its audit row. An account signs in as one person at most.
 */
export function connectAccount(
  store: { transaction<T>(work: (rows: AccountLinkRows) => Promise<T>): Promise<T> },
  user: HostUser | null,
  params: Record<string, unknown>,
  at: string,
): Promise<PersonAccount> {
  const actor = requirePeopleAdmin(user);
  const personId = typeof params.personId === 'string' ? params.personId : '';
  const userId = params.userId == null || params.userId === '' ? null : String(params.userId);
  if (!personId) throw notFound('person', '');
  return store.transaction(async (rows) => {
    const before = await rows.person(personId);
    if (!before) throw notFound('person', personId);
    if (userId !== null) {
      if (!(await rows.accountExists(userId))) throw notFound('account', userId);
      const holder = (await rows.people(userId)).find((p) => p.personId !== personId);
      if (holder)
        throw conflict('account-linked', `accounts: user ${userId} is connected to ${holder.name} already`, {
          params: { person: holder.name },
        });
    }
    const after = { ...before, userId };
    await rows.connect(personId, userId, {
      at,
      actorId: actor.personId,
      action: userId === null ? 'account.disconnect' : 'account.connect',
      subject: `person:${personId}`,
      detail: { before, after },
    });
    return after;
  });
}
