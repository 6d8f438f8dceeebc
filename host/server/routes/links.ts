import type { FastifyInstance } from 'fastify';
import { deleteLink, moveLink, saveLink } from '../../../plugin/app/commands/links.ts';
import { authorize } from '../auth/request-user.ts';
import type { ServerContext } from '../context.ts';
import { toLink } from '../storage/mappers.ts';
import { commandRoute } from './command-route.ts';
import { id, krSubject, loadKr, okReply, peopleIndex, version } from './support.ts';

export const linkSchema = {
  type: 'object',
  properties: {
    krId: { type: 'string' },
    objectiveId: { type: 'string' },
    weight: { type: 'number' },
    linkedAt: { type: 'string' },
    version: { type: 'integer' },
  },
} as const;

/** Links of a KR to strategic Objectives; each link has its own row version. */
export function linkRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const WRITERS = ['sales', 'manager', 'admin'] as const;

  app.get<{ Params: { id: string } }>(
    '/api/key-results/:id/links',
    {
      config: { access: 'signed-in', scoped: true },
      schema: {
        params: { type: 'object', required: ['id'], properties: { id } },
        response: { 200: { type: 'array', items: linkSchema } },
      },
    },
    async (req) => {
      const kr = await loadKr(ctx, req.params.id);
      authorize(req, 'read', krSubject(kr, await peopleIndex(ctx), 'link'), 'link');
      const rows = await ctx.db
        .selectFrom('kr_links')
        .selectAll()
        .where('kr_id', '=', kr.id)
        .orderBy('objective_id')
        .execute();
      return rows.map(toLink);
    },
  );

  const writes = { access: WRITERS, scoped: true, params: { id: 'krId' } } as const;
  commandRoute(app, ctx, {
    ...writes,
    method: 'PUT',
    url: '/api/key-results/:id/links/:objectiveId',
    command: saveLink,
    response: { 200: linkSchema, 201: linkSchema },
    status: (link) => (link.version === 1 ? 201 : 200),
  });
  commandRoute(app, ctx, {
    ...writes,
    method: 'DELETE',
    url: '/api/key-results/:id/links/:objectiveId',
    command: deleteLink,
    querystring: { version },
    response: { 200: okReply },
    reply: () => ({ ok: true }),
  });
  // A drag from one objective to another: unlink and link in one transaction, one version check each.
  commandRoute(app, ctx, {
    ...writes,
    params: { id: 'krId', objectiveId: 'fromObjectiveId' },
    method: 'POST',
    url: '/api/key-results/:id/links/:objectiveId/move',
    command: moveLink,
  });
}
