import type { FastifyInstance } from 'fastify';
import {
  archiveObjective,
  createObjective,
  deleteObjective,
  updateObjective,
} from '../../../plugin/app/commands/objectives.ts';
import type { ServerContext } from '../context.ts';
import { ResponseCache, sendCached } from '../http/response-cache.ts';
import { readCustom } from '../services/custom-values.ts';
import { toObjective } from '../storage/mappers.ts';
import { sqliteChangeStamp } from '../storage/queries.ts';
import { commandRoute } from './command-route.ts';
import { etagOnSend } from './etag.ts';
import { id, version } from './support.ts';

export function objectiveRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const STRATEGY = ['strategy', 'admin'] as const;
  const cache = new ResponseCache();

  app.get<{ Querystring: { cycleId?: string } }>(
    '/api/objectives',
    {
      config: { access: 'signed-in', scoped: true },
      schema: { querystring: { type: 'object', properties: { cycleId: id } } },
      onSend: etagOnSend,
    },
    async (req, reply) => {
      const build = async () => {
        let q = ctx.db.selectFrom('objectives').selectAll().orderBy('id');
        if (req.query.cycleId) q = q.where('cycle_id', '=', req.query.cycleId);
        return (await q.execute()).map((r) => ({ ...toObjective(r), custom: readCustom(r.custom) }));
      };
      // Every role reads every objective: one cached reply per change stamp and URL, whoever asks.
      const stamp = await sqliteChangeStamp(ctx.db, ctx.dialect);
      return stamp === null ? build() : sendCached(req, reply, cache, stamp, '', build);
    },
  );

  commandRoute(app, ctx, {
    method: 'POST',
    url: '/api/objectives',
    access: STRATEGY,
    command: createObjective,
    status: () => 201,
  });
  commandRoute(app, ctx, {
    method: 'PATCH',
    url: '/api/objectives/:id',
    access: STRATEGY,
    command: updateObjective,
  });
  commandRoute(app, ctx, {
    method: 'POST',
    url: '/api/objectives/:id/archive',
    access: STRATEGY,
    command: archiveObjective,
  });
  commandRoute(app, ctx, {
    method: 'DELETE',
    url: '/api/objectives/:id',
    access: STRATEGY,
    command: deleteObjective,
    querystring: { version },
  });
}
