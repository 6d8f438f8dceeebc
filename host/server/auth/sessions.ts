import { createHash, randomBytes } from 'node:crypto';
import type { CompiledQuery } from 'kysely';
import type { SessionScope } from '../../../plugin/sdk/index.ts';
import { parseJson } from '../storage/mappers.ts';
import type { Db } from '../storage/queries.ts';

export const SESSION_COOKIE = 'okr_session';
const DEFAULT_TTL_MS = 12 * 60 * 60 * 1000;

const digest = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * Creates a session and returns its token (only its hash is stored). A `scope` limits the session,
 * e.g. the kickoff QR token: one board, a few actions, a short `ttlMs`.
 */
export async function createSession(
  db: Db,
  userId: string,
  now: Date,
  options: { ttlMs?: number; scope?: SessionScope | null } = {},
): Promise<{ token: string; expiresAt: string }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + (options.ttlMs ?? DEFAULT_TTL_MS)).toISOString();
  await db
    .insertInto('sessions')
    .values({
      id: digest(token),
      user_id: userId,
      created_at: now.toISOString(),
      expires_at: expiresAt,
      scope: options.scope ? JSON.stringify(options.scope) : null,
    })
    .execute();
  return { token, expiresAt };
}

export interface SessionUser {
  userId: string;
  login: string;
  personId: string;
  scope: SessionScope | null;
  expiresAt: string;
}

/** The user of a live session token, or null when unknown or expired. */
export async function sessionUser(db: Db, token: string, now: Date): Promise<SessionUser | null> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['users.id as userId', 'users.login', 'users.person_id', 'sessions.expires_at', 'sessions.scope'])
    .where('sessions.id', '=', digest(token))
    .executeTakeFirst();
  if (!row || row.expires_at <= now.toISOString()) return null;
  return {
    userId: row.userId,
    login: row.login,
    personId: row.person_id,
    scope: parseJson<SessionScope | null>(row.scope, null),
    expiresAt: row.expires_at,
  };
}

const sessionPersonQuery = (db: Db, id: string) =>
  db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .innerJoin('people', 'people.id', 'users.person_id')
    .select([
      'users.id as userId',
      'users.login',
      'users.person_id',
      'sessions.expires_at',
      'sessions.scope',
      'people.name',
      'people.role',
      'people.region_id',
    ])
    .where('sessions.id', '=', id)
    // A disabled account's sessions are deleted; this also holds against one made just before.
    .where('users.disabled_at', 'is', null);

type SessionPersonRow = Awaited<ReturnType<ReturnType<typeof sessionPersonQuery>['executeTakeFirst']>>;

/** Stands for the session id while the query is compiled once (see `compiledSessionPerson`). */
const ID_SLOT = '\u0000session-id';
const compiled = new WeakMap<Db, CompiledQuery<NonNullable<SessionPersonRow>>>();

/**
 * The session query compiled once per database: building and compiling it cost more than the indexed
 * read itself, on every API request (issue #17 profile).
 */
function compiledSessionPerson(db: Db, id: string): CompiledQuery<NonNullable<SessionPersonRow>> {
  let query = compiled.get(db);
  if (!query) {
    query = sessionPersonQuery(db, ID_SLOT).compile();
    compiled.set(db, query);
  }
  return { ...query, parameters: query.parameters.map((p) => (p === ID_SLOT ? id : p)) };
}

/** A live session's user with the person it signs in as, in one read (every API request does this). */
export async function sessionPerson(
  db: Db,
  token: string,
  now: Date,
): Promise<{
  session: SessionUser;
  person: { id: string; name: string; role: string; regionId: string | null };
} | null> {
  const row = (await db.executeQuery(compiledSessionPerson(db, digest(token)))).rows[0];
  if (!row || row.expires_at <= now.toISOString()) return null;
  return {
    session: {
      userId: row.userId,
      login: row.login,
      personId: row.person_id,
      scope: parseJson<SessionScope | null>(row.scope, null),
      expiresAt: row.expires_at,
    },
    person: { id: row.person_id, name: row.name, role: row.role, regionId: row.region_id },
  };
}

export async function deleteSession(db: Db, token: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', digest(token)).execute();
}

export async function deleteExpiredSessions(db: Db, now: Date): Promise<void> {
  await db.deleteFrom('sessions').where('expires_at', '<=', now.toISOString()).execute();
}
