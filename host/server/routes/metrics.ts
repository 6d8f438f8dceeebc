import type { FastifyInstance } from 'fastify';
import { requireUser } from '../auth/request-user.ts';
import type { ServerContext } from '../context.ts';
import { notFound } from '../http-error.ts';
import { currentSettings } from '../services/settings-service.ts';
import { currentCycle, getCycle, loadSnapshot } from '../storage/queries.ts';
import { canRead, id, krSubject, peopleIndex } from './support.ts';

export function metricsRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const evaluationOf = async (cycleId: string | undefined) => {
    const cycle = cycleId ? await getCycle(ctx.db, cycleId) : await currentCycle(ctx.db, ctx.today());
    if (!cycle) throw notFound('cycle', cycleId ?? 'current');
    const snapshot = await loadSnapshot(ctx.db, cycle);
    const { version, settings } = await currentSettings(ctx.db);
    const today = ctx.today();
    // ISO dates compare as strings: clamp today into the cycle.
    const at = [cycle.start, today, cycle.end].sort()[1]!;
    return {
      cycle,
      snapshot,
      settingsVersion: version,
      at,
      evaluation: await ctx.evaluator.evaluate(snapshot, settings, at),
    };
  };
  const query = { type: 'object', additionalProperties: false, properties: { cycleId: id } } as const;

  /** The case's three results per month, plus the completion spread. */
  app.get<{ Querystring: { cycleId?: string } }>(
    '/api/metrics',
    { config: { access: ['manager', 'strategy', 'hr', 'admin'] }, schema: { querystring: query } },
    async (req) => {
      const { cycle, at, settingsVersion, evaluation } = await evaluationOf(req.query.cycleId);
      return {
        cycleId: cycle.id,
        at,
        settingsVersion,
        alignmentRate: evaluation.alignment.rate,
        linkedRate: evaluation.alignment.linkedRate,
        months: evaluation.metrics,
      };
    },
  );

  /** Alignment scores and month colours of the KRs the user may read (the boards draw these). */
  app.get<{ Querystring: { cycleId?: string } }>(
    '/api/evaluation',
    { config: { access: 'signed-in', scoped: true }, schema: { querystring: query } },
    async (req) => {
      const user = requireUser(req);
      const people = await peopleIndex(ctx);
      const { cycle, snapshot, at, settingsVersion, evaluation } = await evaluationOf(req.query.cycleId);
      const visible = new Set(
        snapshot.keyResults.filter((kr) => canRead(user, krSubject(kr, people))).map((kr) => kr.id),
      );
      return {
        cycleId: cycle.id,
        at,
        settingsVersion,
        alignment: evaluation.alignment.perKr.filter((k) => visible.has(k.krId)),
        colours: evaluation.colours.filter((c) => visible.has(c.krId)),
      };
    },
  );
}
