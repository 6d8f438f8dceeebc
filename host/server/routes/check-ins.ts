import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { cycleMonths } from '../../../plugin/domain/dates.ts';
import type { CheckIn, Colour, ResourceRequest } from '../../../plugin/domain/types.ts';
import { authorize, requireUser } from '../auth/request-user.ts';
import type { ServerContext } from '../context.ts';
import { badRequest } from '../http-error.ts';
import { writeAudit } from '../services/audit.ts';
import {
  type CustomValues,
  checkCustomValues,
  customValuesSchema,
  readCustom,
  writeCustom,
} from '../services/custom-values.ts';
import { fromCheckIn, toCheckIn } from '../storage/mappers.ts';
import { getCycle, listKeyResults } from '../storage/queries.ts';
import type { Database } from '../storage/schema.ts';
import {
  announce,
  assertCycleOpen,
  canRead,
  id,
  krSubject,
  loadKr,
  month,
  peopleIndex,
  text,
} from './support.ts';

interface CheckInBody {
  value: number;
  selfColour?: Colour | null;
  colourNote?: string;
  blockers?: string;
  resourceRequest?: ResourceRequest | null;
  confidence: number;
  /** Values of fields HR added to the check-in form. */
  custom?: CustomValues | null;
}

/** A stored check-in as the API returns it: the domain record plus its custom values. */
const withCustom = (row: Database['check_ins']): CheckIn & { custom: CustomValues | null } => ({
  ...toCheckIn(row),
  custom: readCustom(row.custom),
});

export function checkInRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get<{ Querystring: { cycleId?: string; krId?: string; month?: string } }>(
    '/api/check-ins',
    {
      config: { access: 'signed-in' },
      schema: {
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { cycleId: id, krId: id, month },
        },
      },
    },
    async (req) => {
      const user = requireUser(req);
      const people = await peopleIndex(ctx);
      const visible = (await listKeyResults(ctx.db, req.query.cycleId))
        .filter((kr) => (!req.query.krId || kr.id === req.query.krId) && canRead(user, krSubject(kr, people)))
        .map((kr) => kr.id);
      if (visible.length === 0) return [];
      let q = ctx.db
        .selectFrom('check_ins')
        .selectAll()
        .where('kr_id', 'in', visible)
        .orderBy('kr_id')
        .orderBy('month');
      if (req.query.month) q = q.where('month', '=', req.query.month);
      return (await q.execute()).map(withCustom);
    },
  );

  app.put<{ Params: { id: string; month: string }; Body: CheckInBody }>(
    '/api/key-results/:id/check-ins/:month',
    {
      config: { access: ['sales', 'manager', 'admin'] },
      schema: {
        params: { type: 'object', required: ['id', 'month'], properties: { id, month } },
        body: {
          type: 'object',
          required: ['value', 'confidence'],
          additionalProperties: false,
          properties: {
            value: { type: 'number' },
            selfColour: { enum: ['green', 'amber', 'red', null] },
            colourNote: text(2000),
            blockers: text(4000),
            resourceRequest: {
              type: ['object', 'null'],
              required: ['kind', 'detail'],
              additionalProperties: false,
              properties: {
                kind: { enum: ['people', 'budget', 'technical-support', 'pricing', 'other'] },
                detail: text(2000),
              },
            },
            confidence: { type: 'number', minimum: 0, maximum: 10 },
            custom: customValuesSchema,
          },
        },
      },
    },
    async (req, reply) => {
      const kr = await loadKr(ctx, req.params.id);
      const existingFor = await ctx.db
        .selectFrom('check_ins')
        .selectAll()
        .where('kr_id', '=', kr.id)
        .where('month', '=', req.params.month)
        .executeTakeFirst();
      const user = authorize(
        req,
        existingFor ? 'update' : 'create',
        krSubject(kr, await peopleIndex(ctx), 'checkIn'),
        'check-in',
      );
      await assertCycleOpen(ctx, kr.cycleId);
      const cycle = await getCycle(ctx.db, kr.cycleId);
      if (cycle && !cycleMonths(cycle).includes(req.params.month)) {
        throw badRequest(
          'month-outside-cycle',
          `check-in: month ${req.params.month} is not in cycle ${cycle.name}; pick a month of the cycle`,
          { params: { month: req.params.month } },
        );
      }
      const b = req.body;
      const saved = await ctx.db.transaction().execute(async (trx) => {
        const row = await trx
          .selectFrom('check_ins')
          .selectAll()
          .where('kr_id', '=', kr.id)
          .where('month', '=', req.params.month)
          .executeTakeFirst();
        const before = row ? withCustom(row) : null;
        const custom = await checkCustomValues(trx, 'check-in', b.custom, before?.custom ?? null);
        const checkIn: CheckIn = {
          id: before?.id ?? randomUUID(),
          krId: kr.id,
          month: req.params.month,
          value: b.value,
          selfColour: b.selfColour ?? null,
          colourNote: b.colourNote ?? '',
          submittedAt: ctx.now().toISOString(),
          blockers: b.blockers ?? '',
          resourceRequest: b.resourceRequest ?? null,
          confidence: b.confidence,
        };
        const values = { ...fromCheckIn(checkIn), custom: writeCustom(custom) };
        if (before) await trx.updateTable('check_ins').set(values).where('id', '=', before.id).execute();
        else await trx.insertInto('check_ins').values(values).execute();
        await writeAudit(trx, ctx.now(), {
          actorId: user.personId,
          action: before ? 'checkIn.update' : 'checkIn.create',
          subjectType: 'checkIn',
          subjectId: checkIn.id,
          before,
          after: { ...checkIn, custom },
        });
        return { checkIn: { ...checkIn, custom }, created: !before };
      });
      announce(ctx, kr.cycleId, {
        type: 'checkIn.saved',
        id: saved.checkIn.id,
        record: saved.checkIn,
        byPersonId: user.personId,
      });
      return reply.status(saved.created ? 201 : 200).send(saved.checkIn);
    },
  );
}
