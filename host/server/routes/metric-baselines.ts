import type { FastifyInstance } from 'fastify';
import { authorize } from '../auth/request-user.ts';
import type { ServerContext } from '../context.ts';
import { notFound } from '../http-error.ts';
import { writeAudit } from '../services/audit.ts';
import { getMetricBaseline, putMetricBaseline } from '../services/metric-baselines.ts';
import { getCycle } from '../storage/queries.ts';
import { id, text } from './support.ts';

const params = { type: 'object', required: ['cycleId'], properties: { cycleId: id } } as const;
const share = { type: ['number', 'null'], minimum: 0, maximum: 1 } as const;

interface BaselineBody {
  alignmentRate: number | null;
  averageResponseDays: number | null;
  highMarginShare: number | null;
  source?: string;
}

/** The dashboard's "before" line per cycle: data, read with the metrics, edited by hr (audited). */
export function metricBaselineRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get<{ Params: { cycleId: string } }>(
    '/api/metric-baselines/:cycleId',
    { config: { access: ['manager', 'strategy', 'hr', 'admin'] }, schema: { params } },
    async (req) => {
      authorize(req, 'read', { type: 'metrics' }, 'metrics');
      const baseline = await getMetricBaseline(ctx.db, req.params.cycleId);
      if (!baseline) throw notFound('metric baseline of cycle', req.params.cycleId);
      return baseline;
    },
  );

  app.put<{ Params: { cycleId: string }; Body: BaselineBody }>(
    '/api/metric-baselines/:cycleId',
    {
      config: { access: ['hr', 'admin'] },
      schema: {
        params,
        body: {
          type: 'object',
          required: ['alignmentRate', 'averageResponseDays', 'highMarginShare'],
          additionalProperties: false,
          properties: {
            alignmentRate: share,
            averageResponseDays: { type: ['number', 'null'], minimum: 0, maximum: 3650 },
            highMarginShare: share,
            source: text(200, 1),
          },
        },
      },
    },
    async (req) => {
      const user = authorize(req, 'update', { type: 'metrics' }, 'metric baseline');
      const { cycleId } = req.params;
      if (!(await getCycle(ctx.db, cycleId))) throw notFound('cycle', cycleId);
      return ctx.db.transaction().execute(async (trx) => {
        const before = await getMetricBaseline(trx, cycleId);
        const after = await putMetricBaseline(
          trx,
          {
            cycleId,
            alignmentRate: req.body.alignmentRate,
            averageResponseDays: req.body.averageResponseDays,
            highMarginShare: req.body.highMarginShare,
            source: req.body.source ?? 'hr',
          },
          ctx.now(),
          user.personId,
        );
        await writeAudit(trx, ctx.now(), {
          actorId: user.personId,
          action: 'metricBaseline.update',
          subjectType: 'metricBaseline',
          subjectId: cycleId,
          before,
          after,
        });
        return after;
      });
    },
  );
}
