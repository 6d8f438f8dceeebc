import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../context.ts';

/** The schedule hook: the scheduler in main.ts calls the same runner; hr/admin may run it now. */
export function ruleRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.post('/api/rules/run', { config: { access: ['hr', 'admin'] } }, async () => {
    await ctx.rules.idle();
    return ctx.rules.runNow();
  });
}
