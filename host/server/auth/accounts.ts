import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { conflict, HttpError, notFound } from '../http-error.ts';
import { writeAudit } from '../services/audit.ts';
import type { Db } from '../storage/queries.ts';
import { checkPassword } from './account-rules.ts';
import { hashPassword } from './passwords.ts';

/** How long a one-time sign-in link works. */
export const LINK_TTL_MS = 72 * 60 * 60 * 1000;
/** Stored instead of a hash until the person sets a password through their link: it matches no password. */
const NO_PASSWORD = '!unset';

const digest = (token: string) => createHash('sha256').update(token).digest('hex');

/** What an admin sees of a person's account (never a hash or a token). */
export interface AccountView {
  personId: string;
  name: string;
  role: string;
  login: string | null;
  hasPassword: boolean;
  disabled: boolean;
  /** Expiry of the newest unused link, when one is open. */
  linkExpiresAt: string | null;
}

/** A link to hand over: `token` goes into the URL fragment, so it never reaches a server log. */
export interface IssuedLink {
  token: string;
  expiresAt: string;
}

interface UserRow {
  id: string;
  login: string;
  password_hash: string;
  person_id: string;
  disabled_at?: string | null;
}

/** Every person with their account, for the admin's accounts tab. */
export async function listAccounts(db: Db, now: Date): Promise<AccountView[]> {
  const people = await db.selectFrom('people').select(['id', 'name', 'role']).orderBy('name').execute();
  const users = (await db.selectFrom('users').selectAll().execute()) as UserRow[];
  const links = await db
    .selectFrom('account_links')
    .select(['user_id', 'expires_at'])
    .where('used_at', 'is', null)
    .where('expires_at', '>', now.toISOString())
    .execute();
  const userOf = new Map(users.map((u) => [u.person_id, u]));
  const linkOf = new Map<string, string>();
  for (const l of links)
    if ((linkOf.get(l.user_id) ?? '') < l.expires_at) linkOf.set(l.user_id, l.expires_at);
  return people.map((p) => {
    const u = userOf.get(p.id);
    return {
      personId: p.id,
      name: p.name,
      role: p.role,
      login: u?.login ?? null,
      hasPassword: u ? u.password_hash !== NO_PASSWORD : false,
      disabled: Boolean(u?.disabled_at),
      linkExpiresAt: u ? (linkOf.get(u.id) ?? null) : null,
    };
  });
}

const viewOf = (u: UserRow, link: IssuedLink | null) => ({
  login: u.login,
  hasPassword: u.password_hash !== NO_PASSWORD,
  disabled: Boolean(u.disabled_at),
  ...(link ? { linkExpiresAt: link.expiresAt } : {}),
});

async function userOfPerson(db: Db, personId: string): Promise<UserRow | undefined> {
  return (await db.selectFrom('users').selectAll().where('person_id', '=', personId).executeTakeFirst()) as
    | UserRow
    | undefined;
}

/** A new link for `userId`; earlier unused links of the account stop working. */
async function issueLink(db: Db, userId: string, now: Date): Promise<IssuedLink> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + LINK_TTL_MS).toISOString();
  await db
    .updateTable('account_links')
    .set({ used_at: now.toISOString() })
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .execute();
  await db
    .insertInto('account_links')
    .values({
      id: digest(token),
      user_id: userId,
      created_at: now.toISOString(),
      expires_at: expiresAt,
      used_at: null,
    })
    .execute();
  return { token, expiresAt };
}

export interface AccountChange {
  actorId: string;
  personId: string;
  /** With a password the account can sign in at once; without, a one-time link is issued. */
  password?: string;
}

/** Creates the account of a person (`account.create`, plus `account.link` when a link is issued). */
export async function createAccount(
  db: Db,
  now: Date,
  change: AccountChange & { login: string },
): Promise<{ account: ReturnType<typeof viewOf>; link: IssuedLink | null }> {
  const { login, password, personId } = change;
  if (password !== undefined) checkPassword('accounts', password, login);
  const hash = password !== undefined ? await hashPassword(password) : NO_PASSWORD;
  return db.transaction().execute(async (trx) => {
    const person = await trx
      .selectFrom('people')
      .select(['id', 'name'])
      .where('id', '=', personId)
      .executeTakeFirst();
    if (!person) throw notFound('person', personId);
    if (await userOfPerson(trx, personId))
      throw conflict('account-exists', `accounts: ${person.name} has an account already; reset it instead`, {
        params: { person: person.name },
      });
    if (await trx.selectFrom('users').select('id').where('login', '=', login).executeTakeFirst())
      throw conflict('login-taken', `accounts: login "${login}" is taken; pick another`, {
        params: { login },
      });
    const user: UserRow = {
      id: randomUUID(),
      login,
      password_hash: hash,
      person_id: personId,
      disabled_at: null,
    };
    await trx
      .insertInto('users')
      .values({ ...user, created_at: now.toISOString() })
      .execute();
    const link = password === undefined ? await issueLink(trx, user.id, now) : null;
    const account = viewOf(user, link);
    const audit = { actorId: change.actorId, subjectType: 'person', subjectId: personId } as const;
    await writeAudit(trx, now, { ...audit, action: 'account.create', before: null, after: account });
    if (link) await writeAudit(trx, now, { ...audit, action: 'account.link', before: null, after: account });
    return { account, link };
  });
}

async function existingAccount(db: Db, personId: string): Promise<UserRow> {
  const user = await userOfPerson(db, personId);
  if (!user)
    throw new HttpError(404, 'no-account', `accounts: person ${personId} has no account; create one first`);
  return user;
}

/**
 * Resets an account: a new password the admin typed, or a new one-time link (the old password stops
 * working either way, and every session of the account ends).
 */
export async function resetAccount(
  db: Db,
  now: Date,
  change: AccountChange,
): Promise<{ account: ReturnType<typeof viewOf>; link: IssuedLink | null }> {
  const before = await existingAccount(db, change.personId);
  if (change.password !== undefined) checkPassword('accounts', change.password, before.login);
  const hash = change.password !== undefined ? await hashPassword(change.password) : NO_PASSWORD;
  return db.transaction().execute(async (trx) => {
    const user = await existingAccount(trx, change.personId);
    await trx.updateTable('users').set({ password_hash: hash }).where('id', '=', user.id).execute();
    await trx.deleteFrom('sessions').where('user_id', '=', user.id).execute();
    const link = change.password === undefined ? await issueLink(trx, user.id, now) : null;
    const account = viewOf({ ...user, password_hash: hash }, link);
    await writeAudit(trx, now, {
      actorId: change.actorId,
      action: link ? 'account.link' : 'account.reset',
      subjectType: 'person',
      subjectId: change.personId,
      before: viewOf(user, null),
      after: account,
    });
    return { account, link };
  });
}

/** Disables an account (its sessions end at once) or enables it again. */
export async function setAccountDisabled(
  db: Db,
  now: Date,
  actorId: string,
  personId: string,
  disabled: boolean,
): Promise<ReturnType<typeof viewOf>> {
  return db.transaction().execute(async (trx) => {
    const user = await existingAccount(trx, personId);
    const disabledAt = disabled ? (user.disabled_at ?? now.toISOString()) : null;
    await trx.updateTable('users').set({ disabled_at: disabledAt }).where('id', '=', user.id).execute();
    if (disabled) {
      await trx.deleteFrom('sessions').where('user_id', '=', user.id).execute();
      await trx
        .updateTable('account_links')
        .set({ used_at: now.toISOString() })
        .where('user_id', '=', user.id)
        .where('used_at', 'is', null)
        .execute();
    }
    const after = viewOf({ ...user, disabled_at: disabledAt }, null);
    await writeAudit(trx, now, {
      actorId,
      action: disabled ? 'account.disable' : 'account.enable',
      subjectType: 'person',
      subjectId: personId,
      before: viewOf(user, null),
      after,
    });
    return after;
  });
}

/** The account a link token opens, or the refusal: unknown or used (404), expired (410), disabled (403). */
export async function linkAccount(
  db: Db,
  token: string,
  now: Date,
): Promise<{ userId: string; login: string; name: string; expiresAt: string }> {
  const row = await db
    .selectFrom('account_links')
    .innerJoin('users', 'users.id', 'account_links.user_id')
    .innerJoin('people', 'people.id', 'users.person_id')
    .select([
      'users.id as userId',
      'users.login',
      'users.disabled_at',
      'people.name',
      'account_links.expires_at',
      'account_links.used_at',
    ])
    .where('account_links.id', '=', digest(token))
    .executeTakeFirst();
  if (!row || row.used_at)
    throw new HttpError(
      404,
      'account-link-invalid',
      'accounts: this sign-in link is unknown or was used; ask for a new one',
    );
  if (row.expires_at <= now.toISOString())
    throw new HttpError(
      410,
      'account-link-expired',
      'accounts: this sign-in link has expired; ask for a new one',
    );
  if (row.disabled_at) throw new HttpError(403, 'account-disabled', 'accounts: this account is disabled');
  return { userId: row.userId, login: row.login, name: row.name, expiresAt: row.expires_at };
}

/**
 * Sets the password through a one-time link and uses the link up. The link is claimed with a
 * conditional update, so two tabs racing on one link get one success.
 */
export async function redeemLink(db: Db, token: string, password: string, now: Date): Promise<string> {
  const found = await linkAccount(db, token, now);
  checkPassword('accounts', password, found.login);
  const hash = await hashPassword(password);
  return db.transaction().execute(async (trx) => {
    const claimed = await trx
      .updateTable('account_links')
      .set({ used_at: now.toISOString() })
      .where('id', '=', digest(token))
      .where('used_at', 'is', null)
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1)
      throw new HttpError(404, 'account-link-invalid', 'accounts: this sign-in link was used just now');
    await trx.updateTable('users').set({ password_hash: hash }).where('id', '=', found.userId).execute();
    const person = await trx
      .selectFrom('users')
      .select('person_id')
      .where('id', '=', found.userId)
      .executeTakeFirstOrThrow();
    await writeAudit(trx, now, {
      actorId: person.person_id,
      action: 'account.password',
      subjectType: 'person',
      subjectId: person.person_id,
      before: null,
      after: { login: found.login, hasPassword: true, via: 'link' },
    });
    return found.userId;
  });
}
