import swagger from '@fastify/swagger';
import type { FastifyInstance } from 'fastify';
import { HOST_CONTRACT_VERSION } from '../../../plugin/sdk/index.ts';

/**
 * The API reference: every route with the pack's command input schemas, as OpenAPI 3 at
 * `/api/openapi.json`. Register before the routes so each one is collected.
 */
export async function apiReferenceRoutes(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'OKR Align API',
        description:
          'Reference host of the OKR Align pack. Commands take the bodies documented here; NocoBase actions (`/api/okrAlign:<action>`) take the same bodies.',
        version: HOST_CONTRACT_VERSION,
      },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'okr_session' } } },
    },
  });
  app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, () => app.swagger());
}
