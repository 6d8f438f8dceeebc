import type { FastifyInstance } from 'fastify';
import { requireUser } from '../auth/request-user.ts';
import type { ServerContext } from '../context.ts';
import { notFound } from '../http-error.ts';
import { parseJson } from '../storage/mappers.ts';
import { etagOnSend } from './etag.ts';
import { id } from './support.ts';

/** Every user reads and marks only their own notifications. */
export function notificationRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get<{ Querystring: { unread?: boolean } }>(
    '/api/notifications',
    {
      config: { access: 'signed-in' },
      // The notifications page polls it: an unchanged list costs a 304, not the rows.
      onSend: etagOnSend,
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

  /** Marks the person's unread notifications read (one, or all without an id); returns how many changed. */
  const markRead = async (personId: string, notificationId?: string): Promise<number> => {
    const res = await ctx.db.transaction().execute((trx) => {
      let q = trx.updateTable('notifications').set({ read_at: ctx.now().toISOString() });
      if (notificationId !== undefined) q = q.where('id', '=', notificationId);
      return q.where('person_id', '=', personId).where('read_at', 'is', null).executeTakeFirst();
    });
    return Number(res.numUpdatedRows);
  };

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
      if ((await markRead(user.personId, req.params.id)) === 0) {
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
    return { ok: true, marked: await markRead(user.personId) };
  });
}
