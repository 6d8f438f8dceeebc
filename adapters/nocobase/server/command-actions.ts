import { commandOf } from '../../../plugin/app/catalogue.ts';
import { runCommand } from '../../../plugin/app/command.ts';
import type { AppPorts } from '../../../plugin/app/ports.ts';
import type { HostUser } from '../../../plugin/sdk/index.ts';
import { nocobaseUnitOfWork } from './app-records.ts';
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
  };
}

/** Runs the catalogue's command or query of a NocoBase action (`/api/okrAlign:<name>`) for the caller. */
export function runAction(ports: AppPorts, user: HostUser | null, name: string, values: unknown) {
  const command = commandOf(name);
  if (!command) throw new Error(`nocobase adapter: no pack action "${name}"`);
  return runCommand(ports, user, command, values);
}
