import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { authorize } from '../auth/request-user.ts';
import type { ServerContext } from '../context.ts';
import { badRequest } from '../http-error.ts';
import { previewSettings } from '../services/settings-preview.ts';
import {
  currentSettings,
  discardSettings,
  getSettingsVersion,
  listSettingsVersions,
  proposeSettings,
  publishSettings,
  rollbackSettings,
  validateSettings,
} from '../services/settings-service.ts';
import { anyObject, text } from './support.ts';

const versionParams = {
  type: 'object',
  required: ['version'],
  properties: { version: { type: 'integer', minimum: 1 } },
} as const;
const HR = ['hr', 'admin'] as const;

export function settingsRoutes(app: FastifyInstance, ctx: ServerContext): void {
  // A QR session reads it too: the board colours and scores by these thresholds.
  app.get('/api/settings', { config: { access: 'signed-in', scoped: true } }, async () =>
    currentSettings(ctx.db),
  );

  app.get('/api/settings/schema', { config: { access: 'signed-in' } }, async () =>
    JSON.parse(readFileSync(join(ctx.packRoot, 'rules', 'settings.schema.json'), 'utf8')),
  );

  app.get('/api/settings/versions', { config: { access: HR } }, async () => listSettingsVersions(ctx.db));

  app.get<{ Params: { version: number } }>(
    '/api/settings/versions/:version',
    { config: { access: HR }, schema: { params: versionParams } },
    async (req) => getSettingsVersion(ctx.db, req.params.version),
  );

  app.post<{ Body: { settings: unknown; reason: string } }>(
    '/api/settings/proposals',
    {
      config: { access: HR },
      schema: {
        body: {
          type: 'object',
          required: ['settings', 'reason'],
          additionalProperties: false,
          properties: { settings: anyObject, reason: text(2000, 1) },
        },
      },
    },
    async (req, reply) => {
      const user = authorize(req, 'create', { type: 'settings' }, 'settings');
      return reply
        .status(201)
        .send(await proposeSettings(ctx.db, user.personId, ctx.now(), req.body.settings, req.body.reason));
    },
  );

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
      let proposed: unknown = req.body.settings;
      if (proposed === undefined) {
        if (req.body.version === undefined)
          throw badRequest(
            'nothing-to-preview',
            'settings preview: send "settings" (a document) or "version" (a stored proposal)',
          );
        proposed = (await getSettingsVersion(ctx.db, req.body.version)).settings;
      }
      return previewSettings(
        ctx.db,
        ctx.evaluator,
        validateSettings(proposed, 'settings preview'),
        ctx.today(),
      );
    },
  );

  app.post<{ Params: { version: number } }>(
    '/api/settings/versions/:version/publish',
    { config: { access: HR }, schema: { params: versionParams } },
    async (req) => {
      const user = authorize(req, 'publish', { type: 'settings' }, 'settings');
      const published = await publishSettings(ctx.db, user.personId, ctx.now(), req.params.version);
      ctx.rules.schedule();
      return published;
    },
  );

  app.post<{ Params: { version: number } }>(
    '/api/settings/versions/:version/discard',
    { config: { access: HR }, schema: { params: versionParams } },
    async (req) => {
      const user = authorize(req, 'update', { type: 'settings' }, 'settings');
      return discardSettings(ctx.db, user.personId, ctx.now(), req.params.version);
    },
  );

  app.post<{ Body: { toVersion: number; reason: string } }>(
    '/api/settings/rollback',
    {
      config: { access: HR },
      schema: {
        body: {
          type: 'object',
          required: ['toVersion', 'reason'],
          additionalProperties: false,
          properties: { toVersion: { type: 'integer', minimum: 1 }, reason: text(2000, 1) },
        },
      },
    },
    async (req) => {
      const user = authorize(req, 'update', { type: 'settings' }, 'settings');
      const restored = await rollbackSettings(
        ctx.db,
        user.personId,
        ctx.now(),
        req.body.toVersion,
        req.body.reason,
      );
      ctx.rules.schedule();
      return restored;
    },
  );
}
