import type { FastifyInstance } from 'fastify';
import { demoAccounts } from '../../demo/case-study.ts';
import type { ServerContext } from '../context.ts';
import { isDemoSeeded } from '../services/host-meta.ts';

/**
 * `GET /api/demo-logins`: the published demo accounts, for the sign-in page. Only when this database
 * was seeded with the demo (the seed records it); an empty list otherwise, so a real install shows
 * nothing (and its sign-in page logs no failed request).
 */
export function demoLoginRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get('/api/demo-logins', { config: { access: 'public' } }, async () => {
    if (!(await isDemoSeeded(ctx.db))) return [];
    const logins = new Set((await ctx.db.selectFrom('users').select('login').execute()).map((u) => u.login));
    return demoAccounts
      .filter((a) => logins.has(a.login))
      .map((a) => ({ login: a.login, displayName: a.displayName, role: a.role, password: a.password }));
  });
}
