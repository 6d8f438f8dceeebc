import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { carryOverCycle } from '../../../plugin/app/commands/cycle-carry-over.ts';
import {
  createCycle,
  createPerson,
  createRegion,
  lockCycle,
  updatePerson,
  updateRegion,
} from '../../../plugin/app/commands/organisation.ts';
import { leavePerson, movePerson } from '../../../plugin/app/commands/people-changes.ts';
import { MAX_PASSWORD_LENGTH } from '../../../plugin/app/password-rule.ts';
import { checkPassword, LOGIN_PATTERN } from '../auth/account-rules.ts';
import { hashPassword } from '../auth/passwords.ts';
import { authorize } from '../auth/request-user.ts';
import type { ServerContext } from '../context.ts';
import { conflict, notFound } from '../http-error.ts';
import { writeAudit } from '../services/audit.ts';
import { getPerson } from '../storage/queries.ts';
import { commandRoute } from './command-route.ts';
import { id, text } from './support.ts';

/** Accounts (the host's identity), and the organisation commands: regions, people, cycles. */
export function adminRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get('/api/users', { config: { access: ['admin'] } }, async () =>
    (
      await ctx.db
        .selectFrom('users')
        .select(['id', 'login', 'person_id', 'created_at'])
        .orderBy('login')
        .execute()
    ).map((u) => ({ id: u.id, login: u.login, personId: u.person_id, createdAt: u.created_at })),
  );

  app.post<{ Body: { login: string; password: string; personId: string } }>(
    '/api/users',
    {
      config: { access: ['admin'] },
      schema: {
        body: {
          type: 'object',
          required: ['login', 'password', 'personId'],
          additionalProperties: false,
          properties: {
            login: { type: 'string', pattern: LOGIN_PATTERN },
            // The strength rule is the accounts' and first run's (auth/password-rule.ts), checked below.
            password: text(MAX_PASSWORD_LENGTH, 1),
            personId: id,
          },
        },
      },
    },
    async (req, reply) => {
      const user = authorize(req, 'create', { type: 'person' }, 'account');
      checkPassword('users', req.body.password, req.body.login);
      if (!(await getPerson(ctx.db, req.body.personId))) throw notFound('person', req.body.personId);
      const hash = await hashPassword(req.body.password);
      const created = await ctx.db.transaction().execute(async (trx) => {
        const taken = await trx
          .selectFrom('users')
          .select('id')
          .where('login', '=', req.body.login)
          .executeTakeFirst();
        if (taken)
          throw conflict('login-taken', `users: login "${req.body.login}" is taken; pick another`, {
            params: { login: req.body.login },
          });
        const row = {
          id: randomUUID(),
          login: req.body.login,
          password_hash: hash,
          person_id: req.body.personId,
          created_at: ctx.now().toISOString(),
        };
        await trx.insertInto('users').values(row).execute();
        const out = { id: row.id, login: row.login, personId: row.person_id, createdAt: row.created_at };
        await writeAudit(trx, ctx.now(), {
          actorId: user.personId,
          action: 'user.create',
          subjectType: 'user',
          subjectId: row.id,
          before: null,
          after: out,
        });
        return out;
      });
      return reply.status(201).send(created);
    },
  );

  const ADMIN = ['admin'] as const;
  const PLANNERS = ['admin', 'strategy'] as const;
  commandRoute(app, ctx, {
    method: 'POST',
    url: '/api/regions',
    access: ADMIN,
    command: createRegion,
    status: () => 201,
  });
  commandRoute(app, ctx, { method: 'PATCH', url: '/api/regions/:id', access: ADMIN, command: updateRegion });
  commandRoute(app, ctx, {
    method: 'POST',
    url: '/api/people',
    access: ADMIN,
    command: createPerson,
    status: () => 201,
  });
  commandRoute(app, ctx, { method: 'PATCH', url: '/api/people/:id', access: ADMIN, command: updatePerson });
  // People changes mid-quarter: HR records them too (the command's policy: admin and hr).
  const PEOPLE_CHANGES = ['admin', 'hr'] as const;
  commandRoute(app, ctx, {
    method: 'POST',
    url: '/api/people/:id/leave',
    access: PEOPLE_CHANGES,
    command: leavePerson,
  });
  commandRoute(app, ctx, {
    method: 'POST',
    url: '/api/people/:id/move',
    access: PEOPLE_CHANGES,
    command: movePerson,
  });
  commandRoute(app, ctx, {
    method: 'POST',
    url: '/api/cycles',
    access: PLANNERS,
    command: createCycle,
    status: () => 201,
  });
  commandRoute(app, ctx, {
    method: 'POST',
    url: '/api/cycles/:id/lock',
    access: PLANNERS,
    command: lockCycle,
  });
  commandRoute(app, ctx, {
    method: 'POST',
    url: '/api/cycles/:cycleId/carry-over',
    access: PLANNERS,
    command: carryOverCycle,
  });
}
