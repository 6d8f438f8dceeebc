import type { FastifyInstance } from 'fastify';
import { sendToWebhook } from '../../../plugin/notify/node/webhook-sender.ts';
import { PLATFORMS } from '../../../plugin/notify/platform-requests.ts';
import { requireUser } from '../auth/request-user.ts';
import type { ServerContext } from '../context.ts';
import { notFound } from '../http-error.ts';
import { type Channel, type DeliveryStatus, listDeliveries } from '../notify/deliveries.ts';
import { toView, type WebhookInput } from '../notify/webhook-store.ts';
import { notifyServicesOf } from '../schedules/notify-services.ts';
import { writeAudit } from '../services/audit.ts';
import { id, idParams, version } from './support.ts';

const ADMIN = ['admin'] as const;

const webhookFields = {
  regionId: { anyOf: [{ type: 'string', minLength: 1, maxLength: 100 }, { type: 'null' }] },
  platform: { type: 'string', enum: [...PLATFORMS] },
  name: { type: 'string', minLength: 1, maxLength: 100 },
  url: { type: 'string', minLength: 8, maxLength: 1000 },
  secret: { type: 'string', maxLength: 500 },
  lang: { type: 'string', enum: ['zh-CN', 'en-US'] },
  enabled: { type: 'boolean' },
} as const;

/** Group robots per region (admin): CRUD with secrets masked, a test message, and the delivery log. */
export async function channelRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  const services = await notifyServicesOf(app, ctx);
  const { webhooks, ndb } = services;

  app.get('/api/channels/webhooks', { config: { access: ADMIN } }, async () =>
    (await webhooks.list()).map(toView),
  );

  app.post<{ Body: WebhookInput }>(
    '/api/channels/webhooks',
    {
      config: { access: ADMIN },
      schema: {
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['platform', 'name', 'url'],
          properties: webhookFields,
        },
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      if (req.body.regionId) await requireRegion(ctx, req.body.regionId);
      const created = await webhooks.create(req.body);
      await writeAudit(ctx.db, ctx.now(), {
        actorId: user.personId,
        action: 'webhook.create',
        subjectType: 'webhook',
        subjectId: created.id,
        before: null,
        after: toView(created),
      });
      return reply.status(201).send(toView(created));
    },
  );

  app.patch<{ Params: { id: string }; Body: WebhookInput & { version: number } }>(
    '/api/channels/webhooks/:id',
    {
      config: { access: ADMIN },
      schema: {
        params: idParams,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['version'],
          properties: { ...webhookFields, version },
        },
      },
    },
    async (req) => {
      const user = requireUser(req);
      if (req.body.regionId) await requireRegion(ctx, req.body.regionId);
      const before = toView(await webhooks.get(req.params.id));
      const { version: v, ...input } = req.body;
      const updated = toView(await webhooks.update(req.params.id, v, input));
      await writeAudit(ctx.db, ctx.now(), {
        actorId: user.personId,
        action: 'webhook.update',
        subjectType: 'webhook',
        subjectId: updated.id,
        before,
        after: updated,
      });
      return updated;
    },
  );

  app.delete<{ Params: { id: string } }>(
    '/api/channels/webhooks/:id',
    { config: { access: ADMIN }, schema: { params: idParams } },
    async (req) => {
      const user = requireUser(req);
      const before = toView(await webhooks.get(req.params.id));
      await webhooks.remove(req.params.id);
      await writeAudit(ctx.db, ctx.now(), {
        actorId: user.personId,
        action: 'webhook.delete',
        subjectType: 'webhook',
        subjectId: before.id,
        before,
        after: null,
      });
      return { ok: true };
    },
  );

  app.post<{ Params: { id: string } }>(
    '/api/channels/webhooks/:id/test',
    { config: { access: ADMIN }, schema: { params: idParams } },
    async (req) => {
      const target = await webhooks.get(req.params.id);
      // Never send with values that did not decrypt: say which robot and which key instead.
      if (target.keyError) return { ok: false, error: target.keyError };
      const now = ctx.now();
      return sendToWebhook(
        target,
        {
          kind: 'channel.test',
          params: { name: target.name, at: now.toISOString().slice(0, 16).replace('T', ' ') },
        },
        now,
      );
    },
  );

  app.get<{ Querystring: { status?: DeliveryStatus; channel?: Channel } }>(
    '/api/channels/deliveries',
    {
      config: { access: ADMIN },
      schema: {
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            status: { type: 'string', enum: ['pending', 'sending', 'sent', 'failed'] },
            channel: { type: 'string', enum: ['in-app', 'webhook'] },
          },
        },
      },
    },
    async (req) => listDeliveries(ndb, req.query),
  );

  app.post<{ Params: { id: string } }>(
    '/api/channels/deliveries/:id/retry',
    {
      config: { access: ADMIN },
      schema: { params: { type: 'object', required: ['id'], properties: { id } } },
    },
    async (req) => {
      const res = await ndb
        .updateTable('notify_deliveries')
        .set({ status: 'pending', attempts: 0, next_attempt_at: ctx.now().toISOString(), last_error: null })
        .where('id', '=', req.params.id)
        .where('status', '=', 'failed')
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) === 0) throw notFound('failed delivery', req.params.id);
      services.worker.kick();
      return { ok: true };
    },
  );
}

async function requireRegion(ctx: ServerContext, regionId: string): Promise<void> {
  const region = await ctx.db
    .selectFrom('regions')
    .select('id')
    .where('id', '=', regionId)
    .executeTakeFirst();
  if (!region) throw notFound('region', regionId);
}
