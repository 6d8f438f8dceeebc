import type { FastifyInstance } from 'fastify';
import { HOST_CONTRACT_VERSION } from '../../../plugin/sdk/index.ts';
import type { ServerContext } from '../context.ts';

export function healthRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get('/api/health', { config: { access: 'public' } }, async () => {
    await ctx.db.selectFrom('settings_versions').select('version').limit(1).execute();
    return { ok: true, storage: ctx.dialect, contractVersion: HOST_CONTRACT_VERSION };
  });
}
