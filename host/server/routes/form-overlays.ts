import type { FastifyInstance } from 'fastify';
import { authorize } from '../auth/request-user.ts';
import type { ServerContext } from '../context.ts';
import { badRequest, notFound, staleVersion } from '../http-error.ts';
import { writeAudit } from '../services/audit.ts';
import { OverlayValidator } from '../services/overlay-validator.ts';
import { parseJson } from '../storage/mappers.ts';
import type { Database } from '../storage/schema.ts';
import { anyObject, version } from './support.ts';

const formParams = {
  type: 'object',
  required: ['formId'],
  properties: { formId: { type: 'string', pattern: '^[a-z][a-z0-9-]{0,59}$' } },
} as const;

const toOverlay = (r: Database['form_overlays']) => ({
  formId: r.form_id,
  overlay: parseJson<unknown>(r.overlay, null),
  version: Number(r.version),
  updatedAt: r.updated_at,
  updatedById: r.updated_by_id,
});

/** HR's adjustments of the pack's forms, stored apart from the pack and merged at render time. */
export function formOverlayRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const validator = new OverlayValidator(ctx.packRoot);
  const HR = ['hr', 'admin'] as const;
  const find = (formId: string) =>
    ctx.db.selectFrom('form_overlays').selectAll().where('form_id', '=', formId).executeTakeFirst();

  app.get('/api/form-overlays', { config: { access: 'signed-in' } }, async () =>
    (await ctx.db.selectFrom('form_overlays').selectAll().orderBy('form_id').execute()).map(toOverlay),
  );

  app.get<{ Params: { formId: string } }>(
    '/api/form-overlays/:formId',
    { config: { access: 'signed-in' }, schema: { params: formParams } },
    async (req) => {
      const row = await find(req.params.formId);
      if (!row) throw notFound('form overlay', req.params.formId);
      return toOverlay(row);
    },
  );

  app.put<{ Params: { formId: string }; Body: { overlay: Record<string, unknown>; version?: number } }>(
    '/api/form-overlays/:formId',
    {
      config: { access: HR },
      schema: {
        params: formParams,
        body: {
          type: 'object',
          required: ['overlay'],
          additionalProperties: false,
          properties: { overlay: anyObject, version },
        },
      },
    },
    async (req, reply) => {
      const user = authorize(req, 'update', { type: 'formOverlay' }, 'form overlay');
      const { formId } = req.params;
      if (req.body.overlay.formId !== undefined && req.body.overlay.formId !== formId) {
        throw badRequest(
          'form-mismatch',
          `form overlay: body is for form "${String(req.body.overlay.formId)}" but the URL names "${formId}"`,
        );
      }
      validator.check(formId, req.body.overlay);
      const at = ctx.now().toISOString();
      const saved = await ctx.db.transaction().execute(async (trx) => {
        const row = await trx
          .selectFrom('form_overlays')
          .selectAll()
          .where('form_id', '=', formId)
          .executeTakeFirst();
        const before = row ? toOverlay(row) : null;
        const expected = req.body.version;
        if (before && expected !== before.version)
          throw staleVersion(`form overlay ${formId}`, expected ?? 0, before);
        if (!before && expected !== undefined) throw notFound('form overlay', formId);
        const next = {
          form_id: formId,
          overlay: JSON.stringify(req.body.overlay),
          version: (before?.version ?? 0) + 1,
          updated_at: at,
          updated_by_id: user.personId,
        };
        if (before) await trx.updateTable('form_overlays').set(next).where('form_id', '=', formId).execute();
        else await trx.insertInto('form_overlays').values(next).execute();
        const after = toOverlay(next);
        await writeAudit(trx, ctx.now(), {
          actorId: user.personId,
          action: before ? 'overlay.update' : 'overlay.create',
          subjectType: 'formOverlay',
          subjectId: formId,
          before: before?.overlay ?? null,
          after: after.overlay,
        });
        return { after, created: !before };
      });
      return reply.status(saved.created ? 201 : 200).send(saved.after);
    },
  );

  app.delete<{ Params: { formId: string } }>(
    '/api/form-overlays/:formId',
    { config: { access: HR }, schema: { params: formParams } },
    async (req) => {
      const user = authorize(req, 'delete', { type: 'formOverlay' }, 'form overlay');
      await ctx.db.transaction().execute(async (trx) => {
        const row = await trx
          .selectFrom('form_overlays')
          .selectAll()
          .where('form_id', '=', req.params.formId)
          .executeTakeFirst();
        if (!row) throw notFound('form overlay', req.params.formId);
        await trx.deleteFrom('form_overlays').where('form_id', '=', req.params.formId).execute();
        await writeAudit(trx, ctx.now(), {
          actorId: user.personId,
          action: 'overlay.delete',
          subjectType: 'formOverlay',
          subjectId: req.params.formId,
          before: toOverlay(row).overlay,
          after: null,
        });
      });
      return { ok: true };
    },
  );
}
