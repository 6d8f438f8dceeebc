import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../context.ts';
import { listCycles, listPeople } from '../storage/queries.ts';
import { currentUser } from './support.ts';

/** Cycles, regions and people: what every page needs to name things. */
export function referenceRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get('/api/cycles', { config: { access: 'signed-in', scoped: true } }, async () => {
    const cycles = await listCycles(ctx.db);
    const today = ctx.today();
    const current = cycles.find((c) => c.start <= today && today <= c.end) ?? cycles.at(-1) ?? null;
    return { cycles, currentId: current?.id ?? null };
  });

  app.get('/api/regions', { config: { access: 'signed-in' } }, async () => {
    const rows = await ctx.db.selectFrom('regions').selectAll().orderBy('id').execute();
    return rows.map((r) => ({ id: r.id, name: r.name }));
  });

  // Base bonuses are pay data: only hr/admin see everyone's, others only their own.
  app.get('/api/people', { config: { access: 'signed-in' } }, async (req) => {
    const user = currentUser(req);
    const seesPay = user.role === 'hr' || user.role === 'admin';
    return (await listPeople(ctx.db)).map((p) =>
      seesPay || p.id === user.personId ? p : { ...p, baseBonusCents: null },
    );
  });
}
