import type { FastifyInstance } from 'fastify';
import { boardOf } from '../../../plugin/sdk/index.ts';
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

  app.get('/api/regions', { config: { access: 'signed-in', scoped: true } }, async () => {
    const rows = await ctx.db.selectFrom('regions').selectAll().orderBy('id').execute();
    return rows.map((r) => ({ id: r.id, name: r.name }));
  });

  // Base bonuses are pay data: only hr/admin see everyone's, others only their own. A QR session
  // gets names and regions of its board's KR and objective owners (and itself): what the board draws
  // (cards, and the objectives' owners in "Link to…"), nothing more.
  app.get('/api/people', { config: { access: 'signed-in', scoped: true } }, async (req) => {
    const user = currentUser(req);
    const people = await listPeople(ctx.db);
    if (user.scope) {
      const boardId = user.scope.boardId;
      const cycleIds = (await listCycles(ctx.db)).filter((c) => boardOf(c.id) === boardId).map((c) => c.id);
      const owners =
        cycleIds.length === 0
          ? []
          : await ctx.db
              .selectFrom('key_results')
              .select('owner_id')
              .where('owner_type', '=', 'person')
              .where('cycle_id', 'in', cycleIds)
              .execute();
      const objectiveOwners =
        cycleIds.length === 0
          ? []
          : await ctx.db
              .selectFrom('objectives')
              .select('owner_id')
              .where('cycle_id', 'in', cycleIds)
              .execute();
      const shown = new Set([
        user.personId,
        ...owners.map((o) => o.owner_id),
        ...objectiveOwners.map((o) => o.owner_id),
      ]);
      return people
        .filter((p) => shown.has(p.id))
        .map((p) => ({ id: p.id, name: p.name, regionId: p.regionId }));
    }
    const seesPay = user.role === 'hr' || user.role === 'admin';
    return people.map((p) => (seesPay || p.id === user.personId ? p : { ...p, baseBonusCents: null }));
  });
}
