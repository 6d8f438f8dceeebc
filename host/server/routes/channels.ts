import type { FastifyInstance } from 'fastify';
import {
  createChannel,
  deleteChannel,
  listChannels,
  testChannel,
  updateChannel,
} from '../../../plugin/app/commands/channels.ts';
import type { ServerContext } from '../context.ts';
import { notFound } from '../http-error.ts';
import { type Channel, type DeliveryStatus, listDeliveries } from '../notify/deliveries.ts';
import { notifyServicesOf } from '../schedules/notify-services.ts';
import { commandRoute } from './command-route.ts';
import { id } from './support.ts';

const ADMIN = ['admin'] as const;

/** Group robots per region (admin): the pack's channel commands, and this host's delivery log. */
export async function channelRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  const services = await notifyServicesOf(app, ctx);
  const { ndb } = services;
  const url = '/api/channels/webhooks';
  commandRoute(app, ctx, { method: 'GET', url, access: ADMIN, command: listChannels });
  commandRoute(app, ctx, { method: 'POST', url, access: ADMIN, command: createChannel, status: () => 201 });
  commandRoute(app, ctx, { method: 'PATCH', url: `${url}/:id`, access: ADMIN, command: updateChannel });
  commandRoute(app, ctx, { method: 'DELETE', url: `${url}/:id`, access: ADMIN, command: deleteChannel });
  commandRoute(app, ctx, { method: 'POST', url: `${url}/:id/test`, access: ADMIN, command: testChannel });

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
