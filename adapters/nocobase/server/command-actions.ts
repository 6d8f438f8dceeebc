import { type Command, runCommand } from '../../../plugin/app/command.ts';
import { deleteFormOverlay, saveFormOverlay } from '../../../plugin/app/commands/form-overlays.ts';
import {
  confirmKeyResult,
  createKeyResult,
  deleteKeyResult,
  updateKeyResult,
} from '../../../plugin/app/commands/key-results.ts';
import { deleteLink, moveLink, saveLink } from '../../../plugin/app/commands/links.ts';
import {
  createObjective,
  deleteObjective,
  updateObjective,
} from '../../../plugin/app/commands/objectives.ts';
import {
  approvePoolRun,
  computePoolRun,
  createPoolRun,
  deletePoolRun,
  lockPoolRun,
  releasePoolRun,
} from '../../../plugin/app/commands/pool-runs.ts';
import {
  discardSettings,
  proposeSettings,
  publishSettings,
  rollbackSettings,
} from '../../../plugin/app/commands/settings.ts';
import type { AppPorts } from '../../../plugin/app/ports.ts';
import type { HostUser } from '../../../plugin/sdk/index.ts';
import { nocobaseUnitOfWork } from './app-records.ts';
import { createDataPort } from './data-port.ts';
import { createNotifyPort } from './notify-port.ts';
import type { ScopedRealtime } from './realtime.ts';
import type { Tables } from './tables.ts';
import { TEAM_COMMAND_ACTIONS } from './team-commands.ts';

/** NocoBase action (`/api/okrAlign:<name>`) → the pack's command it runs; the body is the command input. */
export const COMMAND_ACTIONS: Record<string, Command<never, unknown>> = {
  createKeyResult,
  updateKeyResult,
  confirmKeyResult,
  deleteKeyResult,
  saveLink,
  deleteLink,
  moveLink,
  createObjective,
  updateObjective,
  deleteObjective,
  proposeSettings,
  publishSettings,
  discardSettings,
  rollbackSettings,
  saveFormOverlay,
  deleteFormOverlay,
  createPoolRun,
  computePoolRun,
  approvePoolRun,
  releasePoolRun,
  lockPoolRun,
  deletePoolRun,
  ...TEAM_COMMAND_ACTIONS,
};

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

/** Runs the command of a NocoBase action for the signed-in pack user. */
export const runAction = (ports: AppPorts, user: HostUser | null, name: string, values: unknown) =>
  runCommand(ports, user, COMMAND_ACTIONS[name] as Command<unknown, unknown>, values);
