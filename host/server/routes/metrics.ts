import type { FastifyInstance } from 'fastify';
import type { Cycle, Snapshot } from '../../../plugin/domain/types.ts';
import { requireUser } from '../auth/request-user.ts';
import type { ServerContext } from '../context.ts';
import { notFound } from '../http-error.ts';
import type { Evaluation } from '../services/engine.ts';
import { getMetricBaseline } from '../services/metric-baselines.ts';
import { currentSettings } from '../services/settings-service.ts';
import { currentCycle, getCycle, loadSnapshot } from '../storage/queries.ts';
import { etagOnSend } from './etag.ts';
import { canRead, id, krSubject, peopleIndex } from './support.ts';

type Evaluated = {
  cycle: Cycle;
  snapshot: Snapshot;
  settingsVersion: number;
  at: string;
  evaluation: Evaluation;
};

export function metricsRoutes(app: FastifyInstance, ctx: ServerContext): void {
  // Boards ask often and data changes seldom: reuse an evaluation until the next write or settings change.
  const cache = new Map<string, Promise<Evaluated>>();
  const evaluationOf = async (cycleId: string | undefined): Promise<Evaluated> => {
    const cycle = cycleId ? await getCycle(ctx.db, cycleId) : await currentCycle(ctx.db, ctx.today());
    if (!cycle) throw notFound('cycle', cycleId ?? 'current');
    const { version } = await currentSettings(ctx.db);
    const key = [cycle.id, version, ctx.today(), ctx.rules.generation].join('|');
    let hit = cache.get(key);
    if (!hit) {
      if (cache.size >= 8) cache.clear();
      hit = compute(cycle);
      cache.set(key, hit);
      hit.catch(() => cache.delete(key));
    }
    return hit;
  };
  const compute = async (cycle: Cycle): Promise<Evaluated> => {
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
