import type { FastifyRequest } from 'fastify';
import type { Role } from '../../../plugin/domain/types.ts';
import type { Action, HostUser, Subject } from '../../../plugin/sdk/index.ts';
import { can } from '../../../plugin/sdk/permissions.ts';
import { forbidden, unauthorized } from '../http-error.ts';
import type { Db } from '../storage/queries.ts';
import { SESSION_COOKIE, sessionPerson } from './sessions.ts';

/** Who may call a route: anyone, any signed-in user, or the listed roles. Every route declares it. */
export type Access = 'public' | 'signed-in' | readonly Role[];

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
    /** True when a limited (QR) session may call the route; the policy still decides per record. */
    scoped?: boolean;
  }
  interface FastifyRequest {
    user: HostUser | null;
  }
}

export async function userFromRequest(db: Db, req: FastifyRequest, now: Date): Promise<HostUser | null> {
  const token = req.cookies?.[SESSION_COOKIE];
  if (!token) return null;
  // Session, account and person in one joined read (it was two queries on every API request).
  const found = await sessionPerson(db, token, now);
  if (!found) return null;
  const { session, person } = found;
  return {
    userId: session.userId,
    personId: person.id,
    name: person.name,
    role: person.role as Role,
    regionId: person.regionId,
    scope: session.scope,
  };
}

/** Checks the route's declared access; sets `req.user`. */
export function checkAccess(req: FastifyRequest, access: Access, scoped: boolean): void {
  if (access === 'public') return;
  const user = req.user;
  if (!user) throw unauthorized();
  if (user.scope && !scoped) {
    throw forbidden(
      `auth: this limited session (board ${user.scope.boardId}) may not call ${req.method} ${req.routeOptions.url}`,
    );
  }
  if (access !== 'signed-in' && !access.includes(user.role)) {
    throw forbidden(
      `auth: role ${user.role} may not call ${req.method} ${req.routeOptions.url}; allowed: ${access.join(', ')}`,
    );
  }
}

/** The signed-in user of a route that declared access other than public. */
export function requireUser(req: FastifyRequest): HostUser {
  if (!req.user) throw unauthorized();
  return req.user;
}

/** Throws 403 unless the policy lets the user do `action` on `subject`. */
export function authorize(
  req: FastifyRequest,
  action: Action,
  subject: Subject,
  what: string = subject.type,
): HostUser {
  const user = requireUser(req);
  if (!can(user, action, subject)) {
    throw forbidden(`auth: ${user.role} ${user.personId} may not ${action} this ${what}`);
  }
  return user;
}
