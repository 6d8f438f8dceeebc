import type { HostUser } from '../sdk/index.ts';
import { CATALOGUE, commandOf } from './catalogue.ts';
import { runCommand } from './command.ts';
import {
  CYCLE_READS,
  CYCLE_READS_RERUNNING_RULES,
  type CycleReadName,
  type CycleReadPorts,
  runCycleRead,
} from './cycle-reads.ts';
import type { AppPorts } from './ports.ts';

/** One call of an action by name: the caller, the request's fields and its body. */
export interface RpcCall {
  user: HostUser | null;
  /** The query's and the body's fields (`requestFields`): what a cycle read takes. */
  fields: Record<string, unknown>;
  /** The body alone: a command's input, checked by the command's own schema. */
  body: unknown;
}

export type RpcAction = (call: RpcCall) => Promise<unknown>;

/** The query's fields with the body's over them; a body that is not an object adds none. */
export const requestFields = (query: Record<string, unknown>, body: unknown): Record<string, unknown> => ({
  ...query,
  ...(body && typeof body === 'object' ? body : {}),
});

/** Runs the catalogue's command or query `name` for the caller; `values` is its input. */
export function runCatalogueAction(ports: AppPorts, user: HostUser | null, name: string, values: unknown) {
  const command = commandOf(name);
  if (!command) throw new Error(`okr-align: no pack action "${name}"`);
  return runCommand(ports, user, command, values);
}

/**
 * Every pack action an RPC host routes by name (NocoBase's `/api/okrAlign:<name>`): the cycle reads
 * and the catalogue. `rulesChanged` hears of a read's committed write that changes what the rules decide.
 */
export function rpcActions(
  reads: CycleReadPorts,
  commands: AppPorts,
  rulesChanged: () => void,
): Record<string, RpcAction> {
  const actions: Record<string, RpcAction> = {};
  for (const name of Object.keys(CYCLE_READS) as CycleReadName[])
    actions[name] = async ({ user, fields }) => {
      const body = await runCycleRead(reads, user, name, fields);
      // The write is committed (a failed one threw): its rule events follow on the next run.
      if (CYCLE_READS_RERUNNING_RULES.has(name)) rulesChanged();
      return body;
    };
  for (const name of Object.keys(CATALOGUE))
    actions[name] = ({ user, body }) => runCatalogueAction(commands, user, name, body);
  return actions;
}
