import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { authorize } from '../auth/request-user.ts';
import type { ServerContext } from '../context.ts';
import { conflict, notFound, staleVersion } from '../http-error.ts';
import { writeAudit } from '../services/audit.ts';
import {
  type CustomValues,
  checkCustomValues,
  customValuesSchema,
  readCustom,
  writeCustom,
} from '../services/custom-values.ts';
import { fromObjective, toObjective } from '../storage/mappers.ts';
import type { Db } from '../storage/queries.ts';
import { announce, assertCycleOpen, id, idParams, text, version } from './support.ts';

const objectiveFields = {
  title: text(300, 1),
  focusTags: { type: 'array', maxItems: 20, items: text(60, 1) },
  weight: { type: 'number', exclusiveMinimum: 0, maximum: 1000 },
  ownerId: id,
  custom: customValuesSchema,
} as const;

type CustomBody = { custom?: CustomValues | null };

async function objectiveRow(db: Db, objectiveId: string) {
  const row = await db.selectFrom('objectives').selectAll().where('id', '=', objectiveId).executeTakeFirst();
  if (!row) throw notFound('objective', objectiveId);
  return row;
}

export function objectiveRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const STRATEGY = ['strategy', 'admin'] as const;

  app.get<{ Querystring: { cycleId?: string } }>(
    '/api/objectives',
    {
      config: { access: 'signed-in', scoped: true },
      schema: { querystring: { type: 'object', properties: { cycleId: id } } },
    },
    async (req) => {
      let q = ctx.db.selectFrom('objectives').selectAll().orderBy('id');
      if (req.query.cycleId) q = q.where('cycle_id', '=', req.query.cycleId);
      return (await q.execute()).map((r) => ({ ...toObjective(r), custom: readCustom(r.custom) }));
    },
  );

  app.post<{
    Body: {
      cycleId: string;
      title: string;
      focusTags?: string[];
      weight: number;
      ownerId?: string;
    } & CustomBody;
  }>(
    '/api/objectives',
    {
      config: { access: STRATEGY },
      schema: {
        body: {
          type: 'object',
          required: ['cycleId', 'title', 'weight'],
          additionalProperties: false,
          properties: { cycleId: id, ...objectiveFields },
        },
      },
    },
    async (req, reply) => {
      const user = authorize(req, 'create', { type: 'objective' });
      await assertCycleOpen(ctx, req.body.cycleId);
      const custom = await checkCustomValues(ctx.db, 'objective', req.body.custom, null);
      const objective = {
        id: randomUUID(),
        cycleId: req.body.cycleId,
        title: req.body.title,
        ownerId: req.body.ownerId ?? user.personId,
        focusTags: req.body.focusTags ?? [],
        weight: req.body.weight,
      };
      await ctx.db.transaction().execute(async (trx) => {
        await trx
          .insertInto('objectives')
          .values({ ...fromObjective(objective), custom: writeCustom(custom) })
          .execute();
        await writeAudit(trx, ctx.now(), {
          actorId: user.personId,
          action: 'objective.create',
          subjectType: 'objective',
          subjectId: objective.id,
          before: null,
          after: { ...objective, custom },
        });
      });
      const saved = { ...objective, version: 1, custom };
      announce(ctx, objective.cycleId, {
        type: 'objective.saved',
        id: objective.id,
        version: 1,
        record: saved,
        byPersonId: user.personId,
      });
      return reply.status(201).send(saved);
    },
  );

  app.patch<{
    Params: { id: string };
    Body: {
      version: number;
      title?: string;
      focusTags?: string[];
      weight?: number;
      ownerId?: string;
    } & CustomBody;
  }>(
    '/api/objectives/:id',
    {
      config: { access: STRATEGY },
      schema: {
        params: idParams,
        body: {
          type: 'object',
          required: ['version'],
          additionalProperties: false,
          properties: { version, ...objectiveFields },
        },
      },
    },
    async (req) => {
      const user = authorize(req, 'update', { type: 'objective' });
      const { version: expected, custom: customSent, ...patch } = req.body;
      const found = await ctx.db
        .selectFrom('objectives')
        .select('cycle_id')
        .where('id', '=', req.params.id)
        .executeTakeFirst();
      if (!found) throw notFound('objective', req.params.id);
      await assertCycleOpen(ctx, found.cycle_id);
      const saved = await ctx.db.transaction().execute(async (trx) => {
        const row = await objectiveRow(trx, req.params.id);
        const customBefore = readCustom(row.custom);
        const before = { ...toObjective(row), custom: customBefore };
        if (before.version !== expected) throw staleVersion(`objective ${before.id}`, expected, before);
        const custom = await checkCustomValues(trx, 'objective', customSent, customBefore);
        const after = { ...before, ...patch, custom, version: before.version + 1 };
        await trx
          .updateTable('objectives')
          .set({ ...fromObjective(after, after.version), custom: writeCustom(custom) })
          .where('id', '=', before.id)
          .where('version', '=', expected)
          .execute();
        await writeAudit(trx, ctx.now(), {
          actorId: user.personId,
          action: 'objective.update',
          subjectType: 'objective',
          subjectId: before.id,
          before,
          after,
        });
        return after;
      });
      announce(ctx, saved.cycleId, {
        type: 'objective.saved',
        id: saved.id,
        version: saved.version,
        record: saved,
        byPersonId: user.personId,
      });
      return saved;
    },
  );

  app.delete<{ Params: { id: string } }>(
    '/api/objectives/:id',
    { config: { access: STRATEGY }, schema: { params: idParams } },
    async (req) => {
      const user = authorize(req, 'delete', { type: 'objective' });
      const before = await ctx.db.transaction().execute(async (trx) => {
        const row = await objectiveRow(trx, req.params.id);
        const links = await trx
          .selectFrom('kr_links')
          .select('kr_id')
          .where('objective_id', '=', row.id)
          .execute();
        if (links.length > 0) {
          throw conflict(
            'objective-linked',
            `objective ${row.id}: ${links.length} key results link to it; remove those links first`,
            { params: { count: links.length } },
          );
        }
        await trx.deleteFrom('objectives').where('id', '=', row.id).execute();
        const before = toObjective(row);
        await writeAudit(trx, ctx.now(), {
          actorId: user.personId,
          action: 'objective.delete',
          subjectType: 'objective',
          subjectId: row.id,
          before,
          after: null,
        });
        return before;
      });
      announce(ctx, before.cycleId, {
        type: 'objective.removed',
        id: before.id,
        byPersonId: user.personId,
      });
      return { ok: true };
    },
  );
}
