import type { FastifyInstance } from 'fastify';
import { POOL_TRANSITION_NAMES } from '../../../plugin/domain/pool-lifecycle.ts';
import type { HostUser } from '../../../plugin/sdk/index.ts';
import { can } from '../../../plugin/sdk/permissions.ts';
import { authorize, requireUser } from '../auth/request-user.ts';
import type { ServerContext } from '../context.ts';
import { forbidden } from '../http-error.ts';
import {
  computePool,
  createPoolRun,
  deletePoolRun,
  getPoolRun,
  listPoolRuns,
  type PoolRun,
  poolStatements,
  transitionPool,
} from '../services/pool-service.ts';
import { idParams, type PeopleIndex, peopleIndex, personSubject, quarter, version } from './support.ts';

const HR = ['hr', 'admin'] as const;
const versionBody = { type: 'object', additionalProperties: false, properties: { version } } as const;

const isPayroll = (u: HostUser) => u.role === 'hr' || u.role === 'admin';
const isOut = (run: PoolRun) => run.state === 'released' || run.state === 'locked';

/** What a user may see of a run: hr/admin everything; others only released runs and only the amounts of people they may read. */
function viewOf(run: PoolRun, user: HostUser, people: PeopleIndex): PoolRun | null {
  if (isPayroll(user)) return run;
  if (!isOut(run)) return null;
  const visible = (personId: string) => can(user, 'read', personSubject(personId, people, 'statement'));
  if (!run.result) return run;
  return {
    ...run,
    result: {
      ...run.result,
      eligible: run.result.eligible.filter(visible),
      excluded: run.result.excluded.filter((e) => visible(e.personId)),
      allocations: run.result.allocations.filter((a) => visible(a.personId)),
    },
  };
}

export function poolRunRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get('/api/pool-runs', { config: { access: 'signed-in' } }, async (req) => {
    const user = requireUser(req);
    const people = await peopleIndex(ctx);
    return (await listPoolRuns(ctx.db)).flatMap((r) => viewOf(r, user, people) ?? []);
  });

  app.get<{ Params: { id: string } }>(
    '/api/pool-runs/:id',
    { config: { access: 'signed-in' }, schema: { params: idParams } },
    async (req) => {
      const user = requireUser(req);
      const view = viewOf(await getPoolRun(ctx.db, req.params.id), user, await peopleIndex(ctx));
      if (!view)
        throw forbidden(`auth: pool run ${req.params.id} is not released yet; only hr and admin see drafts`);
      return view;
    },
  );

  app.post<{ Body: { quarter: string } }>(
    '/api/pool-runs',
    {
      config: { access: HR },
      schema: {
        body: { type: 'object', required: ['quarter'], additionalProperties: false, properties: { quarter } },
      },
    },
    async (req, reply) => {
      const user = authorize(req, 'create', { type: 'poolRun' }, 'pool run');
      return reply.status(201).send(await createPoolRun(ctx.db, user.personId, ctx.now(), req.body.quarter));
    },
  );

  app.post<{ Params: { id: string }; Body: { version?: number } }>(
    '/api/pool-runs/:id/compute',
    { config: { access: HR }, schema: { params: idParams, body: versionBody } },
    async (req) => {
      const user = authorize(req, 'run', { type: 'poolRun' }, 'pool run');
      return computePool(ctx.db, user.personId, ctx.now(), req.params.id, req.body?.version);
    },
  );

  for (const action of POOL_TRANSITION_NAMES) {
    app.post<{ Params: { id: string }; Body: { version?: number } }>(
      `/api/pool-runs/:id/${action}`,
      { config: { access: HR }, schema: { params: idParams, body: versionBody } },
      async (req) => {
        const user = authorize(req, 'run', { type: 'poolRun' }, 'pool run');
        const run = await transitionPool(
          ctx.db,
          user.personId,
          ctx.now(),
          req.params.id,
          action,
          req.body?.version,
        );
        if (action === 'release' && run.result) {
          for (const a of run.result.allocations) {
            await ctx.notifications.notify({
              recipientIds: [a.personId],
              kind: 'pool.released',
              params: { quarter: run.quarter },
              subject: { personId: a.personId, poolRunId: run.id },
              dedupKey: `pool:${run.id}:released`,
            });
          }
        }
        return run;
      },
    );
  }

  app.delete<{ Params: { id: string } }>(
    '/api/pool-runs/:id',
    { config: { access: HR }, schema: { params: idParams } },
    async (req) => {
      const user = authorize(req, 'delete', { type: 'poolRun' }, 'pool run');
      await deletePoolRun(ctx.db, user.personId, ctx.now(), req.params.id);
      return { ok: true };
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/pool-runs/:id/statements',
    { config: { access: 'signed-in' }, schema: { params: idParams } },
    async (req) => {
      const user = requireUser(req);
      const run = await getPoolRun(ctx.db, req.params.id);
      const people = await peopleIndex(ctx);
      if (!viewOf(run, user, people))
        throw forbidden(`auth: pool run ${run.quarter} is not released yet; statements show once released`);
      const statements = await poolStatements(ctx.db, run.id);
      return statements.filter(
        (s) => s && (isPayroll(user) || can(user, 'read', personSubject(s.personId, people, 'statement'))),
      );
    },
  );

  app.get('/api/statements/mine', { config: { access: 'signed-in' } }, async (req) => {
    const user = requireUser(req);
    const runs = (await listPoolRuns(ctx.db)).filter(isOut);
    const out = [];
    for (const run of runs) {
      const statement = (await poolStatements(ctx.db, run.id)).find((s) => s?.personId === user.personId);
      if (statement) out.push({ runId: run.id, quarter: run.quarter, state: run.state, statement });
    }
    return out;
  });
}
