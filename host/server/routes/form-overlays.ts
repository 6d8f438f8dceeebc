import type { FastifyInstance } from 'fastify';
import { deleteFormOverlay, saveFormOverlay } from '../../../plugin/app/commands/form-overlays.ts';
import { getFormOverlay, listFormOverlays } from '../../../plugin/app/queries/form-overlays.ts';
import type { ServerContext } from '../context.ts';
import { commandRoute } from './command-route.ts';
import { version } from './support.ts';

/** HR's adjustments of the pack's forms, stored apart from the pack and merged at render time. */
export function formOverlayRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const HR = ['hr', 'admin'] as const;
  commandRoute(app, ctx, {
    method: 'GET',
    url: '/api/form-overlays',
    access: 'signed-in',
    command: listFormOverlays,
  });
  commandRoute(app, ctx, {
    method: 'GET',
    url: '/api/form-overlays/:formId',
    access: 'signed-in',
    command: getFormOverlay,
  });
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
