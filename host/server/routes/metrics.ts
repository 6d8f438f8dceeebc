import type { FastifyInstance } from 'fastify';
import type { Cycle } from '../../../plugin/domain/types.ts';
import { requireUser } from '../auth/request-user.ts';
import type { ServerContext } from '../context.ts';
import { notFound } from '../http-error.ts';
import type { LiveState } from '../services/live-evaluation.ts';
import { getMetricBaseline } from '../services/metric-baselines.ts';
import { currentCycle, getCycle } from '../storage/queries.ts';
import { etagOnSend } from './etag.ts';
import { canRead, id, krSubject, peopleIndex } from './support.ts';

export function metricsRoutes(app: FastifyInstance, ctx: ServerContext): void {
  // The live evaluation of the cycle (services/live-evaluation.ts): kept up to date write by write,
  // so a board's read costs the answer's size, not an evaluation.
  const evaluationOf = async (cycleId: string | undefined): Promise<LiveState & { cycle: Cycle }> => {
    const cycle = cycleId ? await getCycle(ctx.db, cycleId) : await currentCycle(ctx.db, ctx.today());
    if (!cycle) throw notFound('cycle', cycleId ?? 'current');
    return ctx.rules.live.of(cycle);
  };
  const query = { type: 'object', additionalProperties: false, properties: { cycleId: id } } as const;

  /** The case's three results per month, plus the completion spread. */
  app.get<{ Querystring: { cycleId?: string } }>(
    '/api/metrics',
    { config: { access: ['manager', 'strategy', 'hr', 'admin'] }, schema: { querystring: query } },
    async (req) => {
      const { cycle, at, settingsVersion, evaluator } = await evaluationOf(req.query.cycleId);
      const rates = evaluator.rates();
      return {
        cycleId: cycle.id,
        at,
        settingsVersion,
        alignmentRate: rates.rate,
        linkedRate: rates.linkedRate,
        months: evaluator.metrics(),
        // The "before" line: stored data (demo seed or hr), null when the cycle has none.
        baseline: await getMetricBaseline(ctx.db, cycle.id),
      };
    },
  );

  /** Alignment scores and month colours of the KRs the user may read (the boards draw these). */
  app.get<{ Querystring: { cycleId?: string } }>(
    '/api/evaluation',
    { config: { access: 'signed-in', scoped: true }, schema: { querystring: query }, onSend: etagOnSend },
    async (req) => {
      const user = requireUser(req);
      const people = await peopleIndex(ctx);
      const { cycle, at, settingsVersion, evaluator } = await evaluationOf(req.query.cycleId);
      const visible = evaluator.keyResults().filter((kr) => canRead(user, krSubject(kr, people)));
      return {
        cycleId: cycle.id,
        at,
        settingsVersion,
        alignment: visible.map((kr) => evaluator.alignmentOf(kr.id)!),
        colours: visible.flatMap((kr) => evaluator.colours(kr.id) ?? []),
      };
    },
  );
}
