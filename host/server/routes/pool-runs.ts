import type { FastifyInstance } from 'fastify';
import {
  approvePoolRun,
  computePoolRun,
  createPoolRun,
  deletePoolRun,
  lockPoolRun,
  releasePoolRun,
} from '../../../plugin/app/commands/pool-runs.ts';
import { isReleased, poolRunView } from '../../../plugin/app/pool-run-view.ts';
import { quarterOpenAt } from '../../../plugin/app/quarter-open.ts';
import { listPoolRuns } from '../../../plugin/app/queries/pool-runs.ts';
import type { HostUser } from '../../../plugin/sdk/index.ts';
import { can } from '../../../plugin/sdk/permissions.ts';
import { requireUser } from '../auth/request-user.ts';
import type { ServerContext } from '../context.ts';
import { forbidden } from '../http-error.ts';
import { getPoolRun, poolStatements, listPoolRuns as storedPoolRuns } from '../services/pool-service.ts';
import { commandRoute } from './command-route.ts';
import { idParams, peopleIndex, personSubject, version } from './support.ts';

const HR = ['hr', 'admin'] as const;
const isPayroll = (u: HostUser) => u.role === 'hr' || u.role === 'admin';

export function poolRunRoutes(app: FastifyInstance, ctx: ServerContext): void {
  commandRoute(app, ctx, {
    method: 'GET',
    url: '/api/pool-runs',
    access: 'signed-in',
    command: listPoolRuns,
  });

  app.get<{ Params: { id: string } }>(
    '/api/pool-runs/:id',
    { config: { access: 'signed-in' }, schema: { params: idParams } },
    async (req) => {
      const user = requireUser(req);
      const view = poolRunView(await getPoolRun(ctx.db, req.params.id), user, await peopleIndex(ctx));
      if (!view)
        throw forbidden(`auth: pool run ${req.params.id} is not released yet; only hr and admin see drafts`);
      return view;
    },
  );

  commandRoute(app, ctx, {
    method: 'POST',
    url: '/api/pool-runs',
    access: HR,
    command: createPoolRun,
    status: () => 201,
  });
  commandRoute(app, ctx, {
    method: 'POST',
    url: '/api/pool-runs/:id/compute',
    access: HR,
    command: computePoolRun,
  });
  for (const [action, command] of [
    ['approve', approvePoolRun],
    ['release', releasePoolRun],
    ['lock', lockPoolRun],
  ] as const)
    commandRoute(app, ctx, { method: 'POST', url: `/api/pool-runs/:id/${action}`, access: HR, command });
  commandRoute(app, ctx, {
    method: 'DELETE',
    url: '/api/pool-runs/:id',
    access: HR,
    command: deletePoolRun,
    querystring: { version },
  });

  app.get<{ Params: { id: string } }>(
    '/api/pool-runs/:id/statements',
    { config: { access: 'signed-in' }, schema: { params: idParams } },
    async (req) => {
      const user = requireUser(req);
      const run = await getPoolRun(ctx.db, req.params.id);
      const people = await peopleIndex(ctx);
      if (!poolRunView(run, user, people))
        throw forbidden(`auth: pool run ${run.quarter} is not released yet; statements show once released`);
      const quarterOpen = quarterOpenAt(run.quarter, run.computedAt);
      return poolStatements(run)
        .filter((s) => isPayroll(user) || can(user, 'read', personSubject(s.personId, people, 'statement')))
        .map((s) => ({ ...s, quarterOpen }));
    },
  );

  app.get('/api/statements/mine', { config: { access: 'signed-in' } }, async (req) => {
    const user = requireUser(req);
    const out = [];
    for (const run of (await storedPoolRuns(ctx.db)).filter(isReleased)) {
      const statement = poolStatements(run).find((s) => s.personId === user.personId);
      const quarterOpen = quarterOpenAt(run.quarter, run.computedAt);
      if (statement)
        out.push({
          runId: run.id,
          quarter: run.quarter,
          state: run.state,
          statement: { ...statement, quarterOpen },
        });
    }
    return out;
  });
}
