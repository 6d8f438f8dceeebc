import type { AppPorts } from '../../../plugin/app/ports.ts';
import { nocobaseUnitOfWork } from './app-records.ts';
import { nocobaseChannelPorts } from './channel-ports.ts';
import { createDataPort } from './data-port.ts';
import { createNotifyPort } from './notify-port.ts';
import type { ScopedRealtime } from './realtime.ts';
import type { Tables } from './tables.ts';

/** The pack's use-case ports over NocoBase: its repositories, the board channel and the rules runner. */
export function nocobaseAppPorts(
  tables: Tables,
  clock: { today(): string; now(): string },
  realtime: ScopedRealtime | undefined,
  rules: { schedule(): void } | undefined,
): AppPorts {
  const data = createDataPort(tables, clock);
  return {
    uow: nocobaseUnitOfWork(tables),
    data: { snapshot: (cycleId) => data.snapshot(cycleId) },
    now: () => new Date(clock.now()),
    publish: (boardId, message, about) => realtime?.publish(boardId, message, about),
    rulesChanged: () => rules?.schedule(),
    notify: (input) => createNotifyPort(tables, clock.now).notify(input),
    channels: nocobaseChannelPorts,
  };
}

/** The catalogue's command or query of a NocoBase action (`/api/okrAlign:<name>`), as the pack runs it. */
export { runCatalogueAction as runAction } from '../../../plugin/app/rpc-actions.ts';
