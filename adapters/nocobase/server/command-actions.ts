import { type Command, runCommand } from '../../../plugin/app/command.ts';
import {
  discardCustomRules,
  proposeCustomRules,
  publishCustomRules,
  rollbackCustomRules,
} from '../../../plugin/app/commands/custom-rules.ts';
import { carryOverCycle } from '../../../plugin/app/commands/cycle-carry-over.ts';
import { deleteFormOverlay, saveFormOverlay } from '../../../plugin/app/commands/form-overlays.ts';
import {
  archiveKeyResult,
  confirmKeyResult,
  createKeyResult,
  deleteKeyResult,
  sendBackKeyResult,
  updateKeyResult,
} from '../../../plugin/app/commands/key-results.ts';
import { deleteLink, moveLink, saveLink } from '../../../plugin/app/commands/links.ts';
import {
  archiveObjective,
  createObjective,
  deleteObjective,
  updateObjective,
} from '../../../plugin/app/commands/objectives.ts';
import {
  createCycle,
  createPerson,
  createRegion,
  lockCycle,
  updatePerson,
  updateRegion,
} from '../../../plugin/app/commands/organisation.ts';
import { leavePerson, movePerson } from '../../../plugin/app/commands/people-changes.ts';
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
import {
  discardAutomations,
  proposeAutomations,
  publishAutomations,
  rollbackAutomations,
} from '../../../plugin/automations/commands.ts';
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
  archiveKeyResult,
  sendBackKeyResult,
  saveLink,
  deleteLink,
  moveLink,
  createObjective,
  updateObjective,
  deleteObjective,
  archiveObjective,
  proposeSettings,
  publishSettings,
  discardSettings,
  rollbackSettings,
  proposeAutomations,
  publishAutomations,
  discardAutomations,
  rollbackAutomations,
  proposeCustomRules,
  publishCustomRules,
  discardCustomRules,
  rollbackCustomRules,
  saveFormOverlay,
  deleteFormOverlay,
  createPoolRun,
  computePoolRun,
  approvePoolRun,
  releasePoolRun,
  lockPoolRun,
  deletePoolRun,
  createRegion,
  updateRegion,
  createPerson,
  updatePerson,
  createCycle,
  lockCycle,
  carryOverCycle,
  leavePerson,
  movePerson,
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
