import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../context.ts';
import { isDemoSeeded } from '../services/host-meta.ts';
import { parseJson } from '../storage/mappers.ts';
import { auditNames } from './audit-names.ts';

export function auditRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get<{ Querystring: { subjectType?: string; subjectId?: string; limit?: number; beforeId?: number } }>(
    '/api/audit',
    {
      config: { access: ['hr', 'admin'] },
      schema: {
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            subjectType: { type: 'string', maxLength: 40 },
            subjectId: { type: 'string', maxLength: 200 },
            limit: { type: 'integer', minimum: 1, maximum: 500 },
            beforeId: { type: 'integer', minimum: 1 },
          },
        },
      },
    },
    async (req) => {
      let q = ctx.db
        .selectFrom('audit_log')
        .selectAll()
        .orderBy('id', 'desc')
        .limit(req.query.limit ?? 100);
      if (req.query.subjectType) q = q.where('subject_type', '=', req.query.subjectType);
      if (req.query.subjectId) q = q.where('subject_id', '=', req.query.subjectId);
      if (req.query.beforeId) q = q.where('id', '<', req.query.beforeId);
      const rows = (await q.execute()).map((r) => ({
        ...r,
        before: parseJson<unknown>(r.before, null),
        after: parseJson<unknown>(r.after, null),
      }));
      const names = await auditNames(ctx.db, rows, await isDemoSeeded(ctx.db));
      return rows.map((r, i) => ({
        id: Number(r.id),
        at: r.at,
        actorId: r.actor_id,
        action: r.action,
        subjectType: r.subject_type,
        subjectId: r.subject_id,
        before: r.before,
        after: r.after,
        ...names[i],
      }));
    },
  );
}
