import { type CycleReadPorts, runCycleRead } from './cycle-reads.ts';
import { SYSTEM_USER } from './system-user.ts';

/**
 * One unprompted rules run, as the system: evaluates the current cycle and records its new rule
 * events. Returns how many were new; none before the first cycle exists.
 */
export async function runRules(ports: CycleReadPorts): Promise<number> {
  if ((await ports.records.find('cycles')).length === 0) return 0;
  const { newEvents } = (await runCycleRead(ports, SYSTEM_USER, 'evaluate', {})) as { newEvents: number };
  return newEvents;
}
