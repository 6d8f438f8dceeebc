import { cycleMonths, quarterOf } from '../../../plugin/domain/dates.ts';
import { nextPoolTransition, type PoolRun } from '../../../plugin/domain/pool-lifecycle.ts';
import type { Cycle } from '../../../plugin/domain/types.ts';
import { type SubmitProblem, submitProblem } from './form-errors.ts';
import type { PackActionUrl } from './pack-actions.ts';

/** Server actions of the pool-run block (`/api/okrAlign:<action>`). */
export const POOL_RUN_ACTIONS = {
  poolRuns: 'okrAlign:poolRuns',
  createPoolRun: 'okrAlign:createPoolRun',
  computePoolRun: 'okrAlign:computePoolRun',
  approve: 'okrAlign:approvePoolRun',
  release: 'okrAlign:releasePoolRun',
  lock: 'okrAlign:lockPoolRun',
} as const satisfies Record<string, PackActionUrl>;

/** The pack's pool run, as `okrAlign:poolRuns` answers it (filtered to what the caller may see). */
export type { PoolRun };

/** Quarters a user can pick: those of the cycle and those that already have a run, newest first. */
export function quarterChoices(
  cycle: Cycle | undefined,
  runs: readonly Pick<PoolRun, 'quarter'>[],
): string[] {
  const ofCycle = cycle ? cycleMonths(cycle).map(quarterOf) : [];
  return [...new Set([...ofCycle, ...runs.map((r) => r.quarter)])].sort().reverse();
}

/** The request of the run's next step (`approvePoolRun`…), on the row version the user saw. */
export function transitionRequest(run: Pick<PoolRun, 'id' | 'state' | 'version'>) {
  const transition = nextPoolTransition(run.state);
  return transition
    ? { url: POOL_RUN_ACTIONS[transition], data: { id: run.id, version: run.version } }
    : null;
}

/**
 * What a refused pool write means once the run was read again: a 409 with another version now
 * stored is "someone moved it first" (with that version); a 409 on the same version is a refusal
 * (e.g. recomputing a run past draft). The run is read again, so the message names the version now stored.
 */
export function poolRunProblem(
  error: unknown,
  expectedVersion: number | null,
  current: Pick<PoolRun, 'version'> | null,
): SubmitProblem {
  const problem = submitProblem(error);
  if (problem.kind !== 'stale') return problem;
  if (current && current.version !== expectedVersion) return { ...problem, version: current.version };
  return { kind: 'invalid', message: problem.message };
}
