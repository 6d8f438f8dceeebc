import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  discardSettings,
  proposeSettings,
  publishSettings,
  rollbackSettings,
} from '../../../plugin/app/commands/settings.ts';
import { previewSettings } from '../../../plugin/app/queries/settings-preview.ts';
import { effectiveSettingsSchema } from '../../../plugin/engine/custom-rules.ts';
import { authorize } from '../auth/request-user.ts';
import type { ServerContext } from '../context.ts';
import { evaluationPortsOf } from '../services/evaluation-ports.ts';
import { currentSettings, getSettingsVersion, listSettingsVersions } from '../services/settings-service.ts';
import { commandRoute } from './command-route.ts';
import { publishedCustomRules } from './custom-rules.ts';
import { anyObject } from './support.ts';

const versionParams = {
  type: 'object',
  required: ['version'],
  properties: { version: { type: 'integer', minimum: 1 } },
} as const;
const HR = ['hr', 'admin'] as const;
/** The path's version: digits become a number; anything else goes as text, for the command to refuse. */
const versionInPath = (req: FastifyRequest) => {
  const raw = (req.params as { version: string }).version;
  return { version: /^\d{1,9}$/.test(raw) ? Number(raw) : raw };
};

export function settingsRoutes(app: FastifyInstance, ctx: ServerContext): void {
  // A QR session reads it too: the board colours and scores by these thresholds.
  app.get('/api/settings', { config: { access: 'signed-in', scoped: true } }, async () =>
    currentSettings(ctx.db),
  );

  // With the settings the published custom rules declare, so HR tunes them like the others.
  app.get('/api/settings/schema', { config: { access: 'signed-in' } }, async () =>
    effectiveSettingsSchema(
      JSON.parse(readFileSync(join(ctx.packRoot, 'rules', 'settings.schema.json'), 'utf8')),
      await publishedCustomRules(ctx.db),
    ),
  );

  app.get('/api/settings/versions', { config: { access: HR } }, async () => listSettingsVersions(ctx.db));

  app.get<{ Params: { version: number } }>(
    '/api/settings/versions/:version',
    { config: { access: HR }, schema: { params: versionParams } },
    async (req) => getSettingsVersion(ctx.db, req.params.version),
  );

  commandRoute(app, ctx, {
    method: 'POST',
    url: '/api/settings/proposals',
    access: HR,
    command: proposeSettings,
    status: () => 201,
  });

  app.post<{ Body: { settings?: unknown; version?: number } }>(
    '/api/settings/preview',
    {
      config: { access: HR },
      schema: {
        body: {
          type: 'object',
          additionalProperties: false,
          properties: { settings: anyObject, version: { type: 'integer', minimum: 1 } },
        },
      },
    },
    async (req) => {
      authorize(req, 'create', { type: 'settings' }, 'settings');
      return previewSettings(evaluationPortsOf(ctx), req.body);
    },
  );

  commandRoute(app, ctx, {
    method: 'POST',
    url: '/api/settings/versions/:version/publish',
    access: HR,
    command: publishSettings,
    input: versionInPath,
  });
  commandRoute(app, ctx, {
    method: 'POST',
    url: '/api/settings/versions/:version/discard',
    access: HR,
    command: discardSettings,
    input: versionInPath,
  });
  commandRoute(app, ctx, {
    method: 'POST',
    url: '/api/settings/rollback',
    access: HR,
    command: rollbackSettings,
  });
}
