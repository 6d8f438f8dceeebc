import type { FastifyInstance } from 'fastify';
import { deleteFormOverlay, saveFormOverlay } from '../../../plugin/app/commands/form-overlays.ts';
import type { ServerContext } from '../context.ts';
import { notFound } from '../http-error.ts';
import { parseJson } from '../storage/mappers.ts';
import type { Database } from '../storage/schema.ts';
import { commandRoute } from './command-route.ts';
import { version } from './support.ts';

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

  commandRoute(app, ctx, {
    method: 'PUT',
    url: '/api/form-overlays/:formId',
    access: HR,
    command: saveFormOverlay,
    // A new overlay (also one saved again after a delete) starts at version 1.
    status: (saved) => (saved.version === 1 ? 201 : 200),
  });
  commandRoute(app, ctx, {
    method: 'DELETE',
    url: '/api/form-overlays/:formId',
    access: HR,
    command: deleteFormOverlay,
    querystring: { version },
  });
}
