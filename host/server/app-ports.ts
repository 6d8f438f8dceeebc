import type { AppPorts } from '../../plugin/app/ports.ts';
import type { ServerContext } from './context.ts';
import { sqlUnitOfWork } from './storage/app-records.ts';
import { currentCycle, getCycle, loadSnapshot } from './storage/queries.ts';

const built = new WeakMap<ServerContext, AppPorts>();

/** The pack's use-case ports over this server: its database, clock, board bus and rules runner. */
export function appPortsOf(ctx: ServerContext): AppPorts {
  let ports = built.get(ctx);
  if (!ports) {
    ports = {
      uow: sqlUnitOfWork(ctx.db),
      data: {
        async snapshot(cycleId) {
          const cycle = cycleId ? await getCycle(ctx.db, cycleId) : await currentCycle(ctx.db, ctx.today());
          if (!cycle) throw new Error(`server: no cycle ${cycleId ?? 'running today'}`);
          return loadSnapshot(ctx.db, cycle);
        },
      },
      now: ctx.now,
      publish: (boardId, message) => ctx.bus.publish(boardId, message),
      rulesChanged: (command) => ctx.rules.schedule(command),
      notify: (input) => ctx.notifications.notify(input),
      channels: async () => (await ctx.rules.channels()).webhooks.ports,
    };
    built.set(ctx, ports);
  }
  return ports;
}
