import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { ROLES } from '../../../plugin/domain/types.ts';
import { hashPassword } from '../auth/passwords.ts';
import { authorize } from '../auth/request-user.ts';
import type { ServerContext } from '../context.ts';
import { conflict, notFound } from '../http-error.ts';
import { writeAudit } from '../services/audit.ts';
import { fromCycle, fromPerson } from '../storage/mappers.ts';
import { getCycle, getPerson } from '../storage/queries.ts';
import { id, idParams, text } from './support.ts';

/** Accounts, people's roles and cycle locks: the admin's side of the host. */
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
            login: { type: 'string', pattern: '^[a-z0-9._-]{2,60}$' },
            password: text(200, 8),
            personId: id,
          },
        },
      },
    },
    async (req, reply) => {
      const user = authorize(req, 'create', { type: 'person' }, 'account');
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

  app.patch<{
    Params: { id: string };
    Body: {
      name?: string;
      role?: string;
      regionId?: string | null;
      managerId?: string | null;
      baseBonusCents?: number;
    };
  }>(
    '/api/people/:id',
    {
      config: { access: ['admin'] },
      schema: {
        params: idParams,
        body: {
          type: 'object',
          additionalProperties: false,
          properties: {
            name: text(100, 1),
            role: { enum: [...ROLES] },
            regionId: { type: ['string', 'null'], maxLength: 100 },
            managerId: { type: ['string', 'null'], maxLength: 100 },
            baseBonusCents: { type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER },
          },
        },
      },
    },
    async (req) => {
      const user = authorize(req, 'update', { type: 'person' }, 'person');
      const after = await ctx.db.transaction().execute(async (trx) => {
        const before = await getPerson(trx, req.params.id);
        if (!before) throw notFound('person', req.params.id);
        const next = { ...before, ...req.body } as typeof before;
        await trx.updateTable('people').set(fromPerson(next)).where('id', '=', before.id).execute();
        await writeAudit(trx, ctx.now(), {
          actorId: user.personId,
          action: 'person.update',
          subjectType: 'person',
          subjectId: before.id,
          before,
          after: next,
        });
        return next;
      });
      ctx.rules.schedule();
      return after;
    },
  );

  app.post<{ Params: { id: string }; Body: { locked: boolean } }>(
    '/api/cycles/:id/lock',
    {
      config: { access: ['admin', 'strategy'] },
      schema: {
        params: idParams,
        body: {
          type: 'object',
          required: ['locked'],
          additionalProperties: false,
          properties: { locked: { type: 'boolean' } },
        },
      },
    },
    async (req) => {
      const user = authorize(req, 'update', { type: 'objective' }, 'cycle');
      return ctx.db.transaction().execute(async (trx) => {
        const before = await getCycle(trx, req.params.id);
        if (!before) throw notFound('cycle', req.params.id);
        const after = { ...before, locked: req.body.locked };
        await trx.updateTable('cycles').set(fromCycle(after)).where('id', '=', before.id).execute();
        await writeAudit(trx, ctx.now(), {
          actorId: user.personId,
          action: req.body.locked ? 'cycle.lock' : 'cycle.unlock',
          subjectType: 'cycle',
          subjectId: before.id,
          before,
          after,
        });
        return after;
      });
    },
  );
}
