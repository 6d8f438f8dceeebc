import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { KeyAccount } from '../../../plugin/domain/types.ts';
import { can } from '../../../plugin/sdk/permissions.ts';
import { authorize, requireUser } from '../auth/request-user.ts';
import type { ServerContext } from '../context.ts';
import { notFound } from '../http-error.ts';
import { writeAudit } from '../services/audit.ts';
import { fromKeyAccount, toKeyAccount } from '../storage/mappers.ts';
import { authorizeForPerson, id, idParams, isoDate, peopleIndex, personSubject, text } from './support.ts';

export function keyAccountRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const load = async (accountId: string) => {
    const row = await ctx.db
      .selectFrom('key_accounts')
      .selectAll()
      .where('id', '=', accountId)
      .executeTakeFirst();
    if (!row) throw notFound('key account', accountId);
    return toKeyAccount(row);
  };

  app.get('/api/key-accounts', { config: { access: 'signed-in' } }, async (req) => {
    const user = requireUser(req);
    const people = await peopleIndex(ctx);
    const rows = await ctx.db.selectFrom('key_accounts').selectAll().orderBy('id').execute();
    return rows
      .map(toKeyAccount)
      .filter((a) => can(user, 'read', personSubject(a.ownerId, people, 'keyAccount')));
  });

  app.post<{ Body: { name: string; ownerId: string; lastContactAt?: string | null } }>(
    '/api/key-accounts',
    {
      config: { access: ['sales', 'manager', 'hr', 'admin'] },
      schema: {
        body: {
          type: 'object',
          required: ['name', 'ownerId'],
          additionalProperties: false,
          properties: {
            name: text(300, 1),
            ownerId: id,
            lastContactAt: { anyOf: [isoDate, { type: 'null' }] },
          },
        },
      },
    },
    async (req, reply) => {
      const people = await peopleIndex(ctx);
      const user = authorizeForPerson(req, 'create', req.body.ownerId, people, 'keyAccount', 'key account');
      const account: KeyAccount = {
        id: randomUUID(),
        name: req.body.name,
        ownerId: req.body.ownerId,
        lastContactAt: req.body.lastContactAt ?? null,
      };
      await ctx.db.transaction().execute(async (trx) => {
        await trx.insertInto('key_accounts').values(fromKeyAccount(account)).execute();
        await writeAudit(trx, ctx.now(), {
          actorId: user.personId,
          action: 'keyAccount.create',
          subjectType: 'keyAccount',
          subjectId: account.id,
          before: null,
          after: account,
        });
      });
      ctx.rules.schedule();
      return reply.status(201).send(account);
    },
  );

  app.patch<{
    Params: { id: string };
    Body: { name?: string; ownerId?: string; lastContactAt?: string | null };
  }>(
    '/api/key-accounts/:id',
    {
      config: { access: ['sales', 'manager', 'hr', 'admin'] },
      schema: {
        params: idParams,
        body: {
          type: 'object',
          additionalProperties: false,
          properties: {
            name: text(300, 1),
            ownerId: id,
            lastContactAt: { anyOf: [isoDate, { type: 'null' }] },
          },
        },
      },
    },
    async (req) => {
      const before = await load(req.params.id);
      const people = await peopleIndex(ctx);
      const user = authorize(
        req,
        'update',
        personSubject(before.ownerId, people, 'keyAccount'),
        'key account',
      );
      if (req.body.ownerId !== undefined && req.body.ownerId !== before.ownerId) {
        authorizeForPerson(req, 'update', req.body.ownerId, people, 'keyAccount', 'key account');
      }
      const after: KeyAccount = { ...before, ...req.body };
      await ctx.db.transaction().execute(async (trx) => {
        await trx
          .updateTable('key_accounts')
          .set(fromKeyAccount(after))
          .where('id', '=', before.id)
          .execute();
        await writeAudit(trx, ctx.now(), {
          actorId: user.personId,
          action: 'keyAccount.update',
          subjectType: 'keyAccount',
          subjectId: before.id,
          before,
          after,
        });
      });
      ctx.rules.schedule();
      return after;
    },
  );

  app.delete<{ Params: { id: string } }>(
    '/api/key-accounts/:id',
    { config: { access: ['manager', 'hr', 'admin'] }, schema: { params: idParams } },
    async (req) => {
      const before = await load(req.params.id);
      const user = authorize(
        req,
        'delete',
        personSubject(before.ownerId, await peopleIndex(ctx), 'keyAccount'),
        'key account',
      );
      await ctx.db.transaction().execute(async (trx) => {
        await trx.deleteFrom('key_accounts').where('id', '=', before.id).execute();
        await writeAudit(trx, ctx.now(), {
          actorId: user.personId,
          action: 'keyAccount.delete',
          subjectType: 'keyAccount',
          subjectId: before.id,
          before,
          after: null,
        });
      });
      ctx.rules.schedule();
      return { ok: true };
    },
  );
}
