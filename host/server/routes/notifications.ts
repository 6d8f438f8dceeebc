import type { FastifyInstance } from 'fastify';
import { requireUser } from '../auth/request-user.ts';
import type { ServerContext } from '../context.ts';
import { notFound } from '../http-error.ts';
import { parseJson } from '../storage/mappers.ts';
import { id } from './support.ts';

/** Every user reads and marks only their own notifications. */
export function notificationRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get<{ Querystring: { unread?: boolean } }>(
    '/api/notifications',
    {
      config: { access: 'signed-in' },
      schema: {
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { unread: { type: 'boolean' } },
        },
      },
    },
    async (req) => {
      const user = requireUser(req);
      let q = ctx.db
        .selectFrom('notifications')
        .selectAll()
        .where('person_id', '=', user.personId)
        .orderBy('created_at', 'desc')
        .orderBy('id')
        .limit(500);
      if (req.query.unread) q = q.where('read_at', 'is', null);
      return (await q.execute()).map((r) => ({
        id: r.id,
        personId: r.person_id,
        kind: r.kind,
        subject: parseJson(r.subject, {}),
        params: parseJson(r.params, {}),
        createdAt: r.created_at,
        readAt: r.read_at,
      }));
    },
  );

  app.get('/api/notifications/unread-count', { config: { access: 'signed-in' } }, async (req) => {
    const user = requireUser(req);
    const row = await ctx.db
      .selectFrom('notifications')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('person_id', '=', user.personId)
      .where('read_at', 'is', null)
      .executeTakeFirst();
    return { unread: Number(row?.n ?? 0) };
  });

  app.post<{ Params: { id: string } }>(
    '/api/notifications/:id/read',
    {
      config: { access: 'signed-in' },
      schema: { params: { type: 'object', required: ['id'], properties: { id } } },
    },
    async (req) => {
      const user = requireUser(req);
      const res = await ctx.db
        .transaction()
        .execute((trx) =>
          trx
            .updateTable('notifications')
            .set({ read_at: ctx.now().toISOString() })
            .where('id', '=', req.params.id)
            .where('person_id', '=', user.personId)
            .where('read_at', 'is', null)
            .executeTakeFirst(),
        );
      if (Number(res.numUpdatedRows) === 0) {
        const mine = await ctx.db
          .selectFrom('notifications')
          .select('id')
          .where('id', '=', req.params.id)
          .where('person_id', '=', user.personId)
          .executeTakeFirst();
        if (!mine) throw notFound('notification', req.params.id);
      }
      return { ok: true };
    },
  );

  app.post('/api/notifications/read-all', { config: { access: 'signed-in' } }, async (req) => {
    const user = requireUser(req);
    const res = await ctx.db
      .transaction()
      .execute((trx) =>
        trx
          .updateTable('notifications')
          .set({ read_at: ctx.now().toISOString() })
          .where('person_id', '=', user.personId)
          .where('read_at', 'is', null)
          .executeTakeFirst(),
      );
    return { ok: true, marked: Number(res.numUpdatedRows) };
  });
}
