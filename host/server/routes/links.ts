import type { FastifyInstance } from 'fastify';
import { authorize } from '../auth/request-user.ts';
import type { ServerContext } from '../context.ts';
import { badRequest, conflict, notFound, staleVersion } from '../http-error.ts';
import { writeAudit } from '../services/audit.ts';
import { toLink } from '../storage/mappers.ts';
import { getLinkRow } from '../storage/queries.ts';
import { announce, assertCycleOpen, id, krSubject, loadKr, peopleIndex, version } from './support.ts';

const linkParams = {
  type: 'object',
  required: ['id', 'objectiveId'],
  properties: { id, objectiveId: id },
} as const;

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

  app.put<{ Params: { id: string; objectiveId: string }; Body: { weight: number; version?: number } }>(
    '/api/key-results/:id/links/:objectiveId',
    {
      config: { access: WRITERS, scoped: true },
      schema: {
        params: linkParams,
        body: {
          type: 'object',
          required: ['weight'],
          additionalProperties: false,
          properties: { weight: { type: 'number', minimum: 0, maximum: 100 }, version },
        },
        response: { 200: linkSchema, 201: linkSchema },
      },
    },
    async (req, reply) => {
      const { id: krId, objectiveId } = req.params;
      const kr = await loadKr(ctx, krId);
      const user = authorize(
        req,
        kr.links.some((l) => l.objectiveId === objectiveId) ? 'update' : 'create',
        krSubject(kr, await peopleIndex(ctx), 'link'),
        'link',
      );
      await assertCycleOpen(ctx, kr.cycleId);
      const objective = await ctx.db
        .selectFrom('objectives')
        .select(['id', 'cycle_id'])
        .where('id', '=', objectiveId)
        .executeTakeFirst();
      if (!objective) throw notFound('objective', objectiveId);
      if (objective.cycle_id !== kr.cycleId) {
        throw badRequest(
          'other-cycle',
          `link: objective ${objectiveId} belongs to cycle ${objective.cycle_id}, the key result to ${kr.cycleId}; link within one cycle`,
        );
      }
      const { created, link } = await ctx.db.transaction().execute(async (trx) => {
        const row = await getLinkRow(trx, krId, objectiveId);
        const expected = req.body.version;
        let result: {
          created: boolean;
          link: ReturnType<typeof toLink>;
          before: ReturnType<typeof toLink> | null;
        };
        if (!row) {
          if (expected !== undefined) {
            throw conflict(
              'link-gone',
              `link ${krId} → ${objectiveId}: it was removed after you loaded it; create it again without a version`,
              { current: null },
            );
          }
          const values = {
            kr_id: krId,
            objective_id: objectiveId,
            weight: req.body.weight,
            linked_at: ctx.now().toISOString(),
            version: 1,
          };
          await trx.insertInto('kr_links').values(values).execute();
          result = { created: true, link: toLink(values), before: null };
        } else {
          const current = toLink(row);
          if (expected === undefined)
            throw staleVersion(`link ${krId} → ${objectiveId} (already exists)`, 0, current);
          if (expected !== current.version)
            throw staleVersion(`link ${krId} → ${objectiveId}`, expected, current);
          const res = await trx
            .updateTable('kr_links')
            .set({ weight: req.body.weight, version: current.version + 1 })
            .where('kr_id', '=', krId)
            .where('objective_id', '=', objectiveId)
            .where('version', '=', expected)
            .executeTakeFirst();
          if (Number(res.numUpdatedRows) !== 1)
            throw staleVersion(`link ${krId} → ${objectiveId}`, expected, current);
          result = {
            created: false,
            link: { ...current, weight: req.body.weight, version: current.version + 1 },
            before: current,
          };
        }
        await writeAudit(trx, ctx.now(), {
          actorId: user.personId,
          action: result.created ? 'link.create' : 'link.update',
          subjectType: 'link',
          subjectId: `${krId}:${objectiveId}`,
          before: result.before,
          after: result.link,
        });
        return result;
      });
      announce(ctx, kr.cycleId, {
        type: 'link.saved',
        id: `${krId}:${objectiveId}`,
        version: link.version,
        record: link,
        byPersonId: user.personId,
      });
      return reply.status(created ? 201 : 200).send(link);
    },
  );

  app.delete<{ Params: { id: string; objectiveId: string }; Querystring: { version: number } }>(
    '/api/key-results/:id/links/:objectiveId',
    {
      config: { access: WRITERS, scoped: true },
      schema: {
        params: linkParams,
        querystring: { type: 'object', required: ['version'], properties: { version } },
      },
    },
    async (req) => {
      const { id: krId, objectiveId } = req.params;
      const kr = await loadKr(ctx, krId);
      const user = authorize(req, 'delete', krSubject(kr, await peopleIndex(ctx), 'link'), 'link');
      await assertCycleOpen(ctx, kr.cycleId);
      await ctx.db.transaction().execute(async (trx) => {
        const row = await getLinkRow(trx, krId, objectiveId);
        if (!row) throw notFound('link', `${krId} → ${objectiveId}`);
        const current = toLink(row);
        if (current.version !== req.query.version)
          throw staleVersion(`link ${krId} → ${objectiveId}`, req.query.version, current);
        await trx
          .deleteFrom('kr_links')
          .where('kr_id', '=', krId)
          .where('objective_id', '=', objectiveId)
          .execute();
        await writeAudit(trx, ctx.now(), {
          actorId: user.personId,
          action: 'link.delete',
          subjectType: 'link',
          subjectId: `${krId}:${objectiveId}`,
          before: current,
          after: null,
        });
      });
      announce(ctx, kr.cycleId, {
        type: 'link.removed',
        id: `${krId}:${objectiveId}`,
        byPersonId: user.personId,
      });
      return { ok: true };
    },
  );
}
