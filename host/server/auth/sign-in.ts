import type { FastifyReply } from 'fastify';
import type { Db } from '../storage/queries.ts';
import { createSession, SESSION_COOKIE } from './sessions.ts';

/** Starts a session for `userId`, sets its cookie as `POST /api/auth/login` does, and answers who signed in. */
export async function signInAs(db: Db, reply: FastifyReply, userId: string, now: Date) {
  const { token, expiresAt } = await createSession(db, userId, now);
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    expires: new Date(expiresAt),
  });
  const row = await db
    .selectFrom('users')
    .innerJoin('people', 'people.id', 'users.person_id')
    .select(['users.id as userId', 'people.id as personId', 'people.name', 'people.role', 'people.region_id'])
    .where('users.id', '=', userId)
    .executeTakeFirstOrThrow();
  return {
    userId: row.userId,
    personId: row.personId,
    name: row.name,
    role: row.role,
    regionId: row.region_id,
    scope: null,
  };
}
