import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { KeyResult, TargetRevision } from '../../../plugin/domain/types.ts';
import { authorize, requireUser } from '../auth/request-user.ts';
import type { ServerContext } from '../context.ts';
import { badRequest, notFound, staleVersion } from '../http-error.ts';
import { writeAudit } from '../services/audit.ts';
import {
  type CustomValues,
  checkCustomValues,
  customByIds,
  customValuesSchema,
  writeCustom,
} from '../services/custom-values.ts';
import { fromKeyResult } from '../storage/mappers.ts';
import { getKeyResult, listKeyResults } from '../storage/queries.ts';
import {
  announce,
  assertCycleOpen,
  canRead,
  id,
  idParams,
  krSubject,
  loadKr,
  peopleIndex,
  text,
  version,
} from './support.ts';

const nullableDate = { type: ['string', 'null'], maxLength: 40 } as const;

/** The reply shape of a key result (every field of the domain type). */
export const keyResultSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    cycleId: { type: 'string' },
    ownerType: { type: 'string' },
    ownerId: { type: 'string' },
    title: { type: 'string' },
    metric: { type: 'string' },
    baseline: { type: 'number' },
    target: { type: 'number' },
    unit: { type: 'string' },
    focusTags: { type: 'array', items: { type: 'string' } },
    links: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          objectiveId: { type: 'string' },
          weight: { type: 'number' },
          linkedAt: { type: 'string' },
        },
      },
    },
    rationale: { type: 'string' },
    rationaleAt: nullableDate,
    evidence: { type: 'string' },
    confirmedAt: nullableDate,
    updateIntervalDays: { type: ['integer', 'null'] },
    targetHistory: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          at: { type: 'string' },
          previousTarget: { type: 'number' },
          newTarget: { type: 'number' },
          reason: { type: 'string' },
        },
      },
    },
    version: { type: 'integer' },
    /** Values of fields HR added to the key-result form (null when none). */
    custom: { type: ['object', 'null'], additionalProperties: true },
  },
} as const;

const editable = {
  title: text(300, 1),
  metric: { enum: ['number', 'percent', 'currency', 'milestone'] },
  baseline: { type: 'number' },
  target: { type: 'number' },
  unit: text(40),
  focusTags: { type: 'array', maxItems: 20, items: text(60, 1) },
  rationale: text(4000),
  evidence: text(4000),
  updateIntervalDays: { type: ['integer', 'null'], minimum: 1, maximum: 365 },
  custom: customValuesSchema,
} as const;

type Editable = Partial<
  Pick<
    KeyResult,
    | 'title'
    | 'metric'
    | 'baseline'
    | 'target'
    | 'unit'
    | 'focusTags'
    | 'rationale'
    | 'evidence'
    | 'updateIntervalDays'
  >
> & { custom?: CustomValues | null };

type WithCustom = KeyResult & { custom: CustomValues | null };

export function keyResultRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const WRITERS = ['sales', 'manager', 'admin'] as const;
  const withCustom = async (krs: KeyResult[]): Promise<WithCustom[]> => {
    const custom = await customByIds(
      ctx.db,
      'key_results',
      krs.map((kr) => kr.id),
    );
    return krs.map((kr) => ({ ...kr, custom: custom.get(kr.id) ?? null }));
  };

  app.get<{ Querystring: { cycleId?: string; ownerId?: string } }>(
    '/api/key-results',
    {
      config: { access: 'signed-in', scoped: true },
      schema: {
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { cycleId: id, ownerId: id },
        },
        response: { 200: { type: 'array', items: keyResultSchema } },
      },
    },
    async (req) => {
      const user = requireUser(req);
      const people = await peopleIndex(ctx);
      const all = await listKeyResults(ctx.db, req.query.cycleId);
      return withCustom(
        all.filter(
          (kr) =>
            (!req.query.ownerId || kr.ownerId === req.query.ownerId) && canRead(user, krSubject(kr, people)),
        ),
      );
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/key-results/:id',
    {
      config: { access: 'signed-in', scoped: true },
      schema: { params: idParams, response: { 200: keyResultSchema } },
    },
    async (req) => {
      const kr = await loadKr(ctx, req.params.id);
      authorize(req, 'read', krSubject(kr, await peopleIndex(ctx)), 'key result');
      const [withValues] = await withCustom([kr]);
      return withValues;
    },
  );

  app.post<{ Body: Editable & { cycleId: string; ownerType: KeyResult['ownerType']; ownerId: string } }>(
    '/api/key-results',
    {
      config: { access: WRITERS },
      schema: {
        body: {
          type: 'object',
          required: ['cycleId', 'ownerType', 'ownerId', 'title', 'metric', 'baseline', 'target'],
          additionalProperties: false,
          properties: { cycleId: id, ownerType: { enum: ['person', 'region'] }, ownerId: id, ...editable },
        },
        response: { 201: keyResultSchema },
      },
    },
    async (req, reply) => {
      const b = req.body;
      const people = await peopleIndex(ctx);
      if (b.ownerType === 'person' && !people.has(b.ownerId))
        throw badRequest(
          'unknown-owner',
          `key result: owner "${b.ownerId}" is not a person; pick an existing person`,
          { params: { id: b.ownerId } },
        );
      const user = authorize(req, 'create', krSubject({ ...b }, people), 'key result');
      await assertCycleOpen(ctx, b.cycleId);
      const at = ctx.now().toISOString();
      const custom = await checkCustomValues(ctx.db, 'key-result', b.custom, null);
      const kr: KeyResult = {
        id: randomUUID(),
        cycleId: b.cycleId,
        ownerType: b.ownerType,
        ownerId: b.ownerId,
        title: b.title!,
        metric: b.metric!,
        baseline: b.baseline!,
        target: b.target!,
        unit: b.unit ?? '',
        focusTags: b.focusTags ?? [],
        links: [],
        rationale: b.rationale ?? '',
        rationaleAt: b.rationale ? at : null,
        evidence: b.evidence ?? '',
        confirmedAt: null,
        updateIntervalDays: b.updateIntervalDays ?? null,
        targetHistory: [],
        version: 1,
      };
      await ctx.db.transaction().execute(async (trx) => {
        await trx
          .insertInto('key_results')
          .values({ ...fromKeyResult(kr), custom: writeCustom(custom) })
          .execute();
        await writeAudit(trx, ctx.now(), {
          actorId: user.personId,
          action: 'keyResult.create',
          subjectType: 'keyResult',
          subjectId: kr.id,
          before: null,
          after: { ...kr, custom },
        });
      });
      announce(ctx, kr.cycleId, {
        type: 'keyResult.saved',
        id: kr.id,
        version: kr.version,
        record: kr,
        byPersonId: user.personId,
      });
      return reply.status(201).send({ ...kr, custom });
    },
  );

  app.patch<{ Params: { id: string }; Body: Editable & { version: number; targetReason?: string } }>(
    '/api/key-results/:id',
    {
      config: { access: WRITERS, scoped: true },
      schema: {
        params: idParams,
        body: {
          type: 'object',
          required: ['version'],
          additionalProperties: false,
          properties: { version, targetReason: text(1000, 1), ...editable },
        },
        response: { 200: keyResultSchema },
      },
    },
    async (req) => {
      const { version: expected, targetReason, custom: customSent, ...patch } = req.body;
      const people = await peopleIndex(ctx);
      const found = await loadKr(ctx, req.params.id);
      const user = authorize(req, 'update', krSubject(found, people), 'key result');
      await assertCycleOpen(ctx, found.cycleId);
      const saved = await ctx.db.transaction().execute(async (trx) => {
        const before = await getKeyResult(trx, req.params.id);
        if (!before) throw notFound('key result', req.params.id);
        if (before.version !== expected) throw staleVersion(`key result ${before.id}`, expected, before);
        const customBefore = (await customByIds(trx, 'key_results', [before.id])).get(before.id) ?? null;
        const custom = await checkCustomValues(trx, 'key-result', customSent, customBefore);
        const at = ctx.now().toISOString();
        const history: TargetRevision[] = [...before.targetHistory];
        if (patch.target !== undefined && patch.target !== before.target) {
          if (!targetReason) {
            throw badRequest(
              'target-reason-required',
              `key result ${before.id}: a revised target needs a reason (field "targetReason")`,
            );
          }
          history.push({ at, previousTarget: before.target, newTarget: patch.target, reason: targetReason });
        }
        const rationaleChanged = patch.rationale !== undefined && patch.rationale !== before.rationale;
        const after: KeyResult = {
          ...before,
          ...patch,
          targetHistory: history,
          rationaleAt: rationaleChanged ? at : before.rationaleAt,
          version: before.version + 1,
        };
        const result = await trx
          .updateTable('key_results')
          .set({ ...fromKeyResult(after), custom: writeCustom(custom) })
          .where('id', '=', before.id)
          .where('version', '=', expected)
          .executeTakeFirst();
        if (Number(result.numUpdatedRows) !== 1) {
          const current = await getKeyResult(trx, before.id);
          throw staleVersion(`key result ${before.id}`, expected, current ?? before);
        }
        return { ...after, custom };
      });
      announce(ctx, saved.cycleId, {
        type: 'keyResult.saved',
        id: saved.id,
        version: saved.version,
        record: saved,
        byPersonId: user.personId,
      });
      return saved;
    },
  );

  app.post<{ Params: { id: string }; Body: { version: number; confirmed?: boolean } }>(
    '/api/key-results/:id/confirm',
    {
      config: { access: ['manager', 'admin'] },
      schema: {
        params: idParams,
        body: {
          type: 'object',
          required: ['version'],
          additionalProperties: false,
          properties: { version, confirmed: { type: 'boolean' } },
        },
        response: { 200: keyResultSchema },
      },
    },
    async (req) => {
      const found = await loadKr(ctx, req.params.id);
      const user = authorize(req, 'confirm', krSubject(found, await peopleIndex(ctx)), 'key result');
      const confirmedAt = req.body.confirmed === false ? null : ctx.now().toISOString();
      const saved = await ctx.db.transaction().execute(async (trx) => {
        const before = await getKeyResult(trx, req.params.id);
        if (!before) throw notFound('key result', req.params.id);
        if (before.version !== req.body.version)
          throw staleVersion(`key result ${before.id}`, req.body.version, before);
        const after = { ...before, confirmedAt, version: before.version + 1 };
        await trx
          .updateTable('key_results')
          .set({ confirmed_at: confirmedAt, version: after.version })
          .where('id', '=', before.id)
          .where('version', '=', before.version)
          .execute();
        await writeAudit(trx, ctx.now(), {
          actorId: user.personId,
          action: 'keyResult.confirm',
          subjectType: 'keyResult',
          subjectId: before.id,
          before: { confirmedAt: before.confirmedAt },
          after: { confirmedAt },
        });
        return after;
      });
      announce(ctx, saved.cycleId, {
        type: 'keyResult.saved',
        id: saved.id,
        version: saved.version,
        record: saved,
        byPersonId: user.personId,
      });
      return saved;
    },
  );

  app.delete<{ Params: { id: string }; Querystring: { version: number } }>(
    '/api/key-results/:id',
    {
      config: { access: ['manager', 'admin'] },
      schema: {
        params: idParams,
        querystring: { type: 'object', required: ['version'], properties: { version } },
      },
    },
    async (req) => {
      const found = await loadKr(ctx, req.params.id);
      const user = authorize(req, 'delete', krSubject(found, await peopleIndex(ctx)), 'key result');
      await assertCycleOpen(ctx, found.cycleId);
      await ctx.db.transaction().execute(async (trx) => {
        const before = await getKeyResult(trx, req.params.id);
        if (!before) throw notFound('key result', req.params.id);
        if (before.version !== req.query.version)
          throw staleVersion(`key result ${before.id}`, req.query.version, before);
        await trx.deleteFrom('key_results').where('id', '=', before.id).execute();
        await writeAudit(trx, ctx.now(), {
          actorId: user.personId,
          action: 'keyResult.delete',
          subjectType: 'keyResult',
          subjectId: before.id,
          before,
          after: null,
        });
      });
      announce(ctx, found.cycleId, {
        type: 'keyResult.removed',
        id: found.id,
        byPersonId: user.personId,
      });
      return { ok: true };
    },
  );
}
