import type { FastifyInstance } from 'fastify';
import { toLang } from '../../../plugin/notify/messages.ts';
import type { ServerContext } from '../context.ts';
import { primerPage } from '../reports/primer/primer-page.ts';
import { currentSettings } from '../services/settings-service.ts';

/** The OKR primer page, written from the settings in force (zh-CN by default, `?lang=en-US`). */
export function primerRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get<{ Querystring: { lang?: string } }>(
    '/api/primer',
    {
      config: { access: 'signed-in' },
      schema: {
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { lang: { type: 'string', enum: ['zh-CN', 'en-US'] } },
        },
      },
    },
    async (req, reply) => {
      const { version, settings } = await currentSettings(ctx.db);
      return reply
        .type('text/html; charset=utf-8')
        .send(primerPage(settings, version, toLang(req.query.lang)));
    },
  );
}
