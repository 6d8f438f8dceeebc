import type { FastifyInstance } from 'fastify';
import { runCommand } from '../../../plugin/app/command.ts';
import {
  archiveObjective,
  createObjective,
  deleteObjective,
  updateObjective,
} from '../../../plugin/app/commands/objectives.ts';
import { listObjectives } from '../../../plugin/app/queries/objectives.ts';
import { appPortsOf } from '../app-ports.ts';
import type { ServerContext } from '../context.ts';
import { ResponseCache, sendCached } from '../http/response-cache.ts';
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
      schema: {
        summary: listObjectives.summary,
        operationId: listObjectives.name,
        querystring: { type: 'object', properties: { cycleId: id } },
      },
      onSend: etagOnSend,
    },
    async (req, reply) => {
      const { cycleId } = req.query;
      const build = () => runCommand(appPortsOf(ctx), req.user, listObjectives, cycleId ? { cycleId } : {});
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
