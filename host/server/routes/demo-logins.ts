import type { FastifyInstance } from 'fastify';
import { demoAccounts } from '../../demo/case-study.ts';
import type { ServerContext } from '../context.ts';
import { HttpError } from '../http-error.ts';
import { isDemoSeeded } from '../services/host-meta.ts';

/**
 * `GET /api/demo-logins`: the published demo accounts, for the sign-in page. Only when this database
 * was seeded with the demo (the seed records it); 404 otherwise, so a real install shows nothing.
 */
export function demoLoginRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get('/api/demo-logins', { config: { access: 'public' } }, async () => {
    if (!(await isDemoSeeded(ctx.db))) {
      throw new HttpError(404, 'no-demo', 'demo-logins: this server was not seeded with the demo');
    }
    const logins = new Set((await ctx.db.selectFrom('users').select('login').execute()).map((u) => u.login));
    return demoAccounts
      .filter((a) => logins.has(a.login))
      .map((a) => ({ login: a.login, displayName: a.displayName, role: a.role, password: a.password }));
  });
}
