import type { FastifyInstance } from 'fastify';
import {
  archiveKeyResult,
  confirmKeyResult,
  createKeyResult,
  deleteKeyResult,
  sendBackKeyResult,
  updateKeyResult,
} from '../../../plugin/app/commands/key-results.ts';
import type { KeyResult } from '../../../plugin/domain/types.ts';
import { authorize, requireUser } from '../auth/request-user.ts';
import type { ServerContext } from '../context.ts';
import { callerKey, ResponseCache, sendCached } from '../http/response-cache.ts';
import { type CustomValues, customByIds, readCustom } from '../services/custom-values.ts';
import { listKeyResultsWithCustom, sqliteChangeStamp } from '../storage/queries.ts';
import { commandRoute } from './command-route.ts';
import { etagOnSend } from './etag.ts';
import { canRead, id, idParams, krSubject, loadKr, peopleIndex, version } from './support.ts';

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
    /** When the KR was proposed: check-ins are owed from its month on. */
    createdAt: { type: 'string' },
    version: { type: 'integer' },
    archivedAt: nullableDate,
    sentBack: {
      type: ['object', 'null'],
      properties: { at: { type: 'string' }, byId: { type: 'string' }, reason: { type: 'string' } },
    },
    /** Values of fields HR added to the key-result form (null when none). */
    custom: { type: ['object', 'null'], additionalProperties: true },
  },
} as const;

type WithCustom = KeyResult & { custom: CustomValues | null };

export function keyResultRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const WRITERS = ['sales', 'manager', 'admin'] as const;
  const listCache = new ResponseCache();
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
      onSend: etagOnSend,
    },
    async (req, reply) => {
      const user = requireUser(req);
      const { cycleId, ownerId } = req.query;
      const build = async () => {
        // One read of people, one of key_results (with `custom`), one of the cycle's links.
        const [people, rows] = await Promise.all([
          peopleIndex(ctx),
          listKeyResultsWithCustom(ctx.db, cycleId),
        ]);
        const out: WithCustom[] = [];
        for (const { kr, custom } of rows) {
          if (ownerId && kr.ownerId !== ownerId) continue;
          if (!canRead(user, krSubject(kr, people))) continue;
          out.push({ ...kr, custom: readCustom(custom) });
        }
        return out;
      };
      // On SQLite the reply is cached per change stamp and caller (the policy filters rows per user and
      // session scope); elsewhere it is read each time and tagged from its body.
      const stamp = await sqliteChangeStamp(ctx.db, ctx.dialect);
      return stamp === null ? build() : sendCached(req, reply, listCache, stamp, callerKey(user), build);
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/key-results/:id',
    {
      config: { access: 'signed-in', scoped: true },
      schema: { params: idParams, response: { 200: keyResultSchema } },
      onSend: etagOnSend,
    },
    async (req) => {
      const kr = await loadKr(ctx, req.params.id);
      authorize(req, 'read', krSubject(kr, await peopleIndex(ctx)), 'key result');
      const [withValues] = await withCustom([kr]);
      return withValues;
    },
  );

  const WRITES = { access: WRITERS, response: { 200: keyResultSchema, 201: keyResultSchema } } as const;
  commandRoute(app, ctx, {
    ...WRITES,
    method: 'POST',
    url: '/api/key-results',
    command: createKeyResult,
    status: () => 201,
  });
  commandRoute(app, ctx, {
    ...WRITES,
    method: 'PATCH',
    url: '/api/key-results/:id',
    scoped: true,
    command: updateKeyResult,
  });
  commandRoute(app, ctx, {
    ...WRITES,
    method: 'POST',
    url: '/api/key-results/:id/confirm',
    access: ['manager', 'admin'],
    command: confirmKeyResult,
  });
  commandRoute(app, ctx, {
    ...WRITES,
    method: 'POST',
    url: '/api/key-results/:id/send-back',
    access: ['manager', 'admin'],
    command: sendBackKeyResult,
  });
  commandRoute(app, ctx, {
    ...WRITES,
    method: 'POST',
    url: '/api/key-results/:id/archive',
    access: ['manager', 'admin'],
    command: archiveKeyResult,
  });
  commandRoute(app, ctx, {
    method: 'DELETE',
    url: '/api/key-results/:id',
    access: ['manager', 'admin'],
    command: deleteKeyResult,
    querystring: { version },
  });
}
