import { cycleMonths, quarterOf } from '../../../plugin/domain/dates.ts';
import type { PoolRunResult } from '../../../plugin/domain/pool.ts';
import { nextPoolTransition } from '../../../plugin/domain/pool-lifecycle.ts';
import type { Cycle, PoolRunState } from '../../../plugin/domain/types.ts';
import { type SubmitProblem, submitProblem } from './form-errors.ts';

/** Server actions of the pool-run block (`/api/okrAlign:<action>`). */
export const POOL_RUN_ACTIONS = {
  poolRuns: 'okrAlign:poolRuns',
  computePoolRun: 'okrAlign:computePoolRun',
  transitionPoolRun: 'okrAlign:transitionPoolRun',
} as const;

/** A stored pool run as `okrAlign:poolRuns` answers it (filtered to what the caller may see). */
export interface PoolRun {
  id: string;
  quarter: string;
  cycleId: string;
  state: PoolRunState;
  poolCents: number | null;
  settingsVersion: number | null;
  computedAt: string | null;
  result: PoolRunResult | null;
  version: number;
}

/** Quarters a user can pick: those of the cycle and those that already have a run, newest first. */
export function quarterChoices(
  cycle: Cycle | undefined,
  runs: readonly Pick<PoolRun, 'quarter'>[],
): string[] {
  const ofCycle = cycle ? cycleMonths(cycle).map(quarterOf) : [];
  return [...new Set([...ofCycle, ...runs.map((r) => r.quarter)])].sort().reverse();
}

/** Body of `okrAlign:transitionPoolRun`: the next step, on the row version the user saw. */
export function transitionBody(run: Pick<PoolRun, 'id' | 'state' | 'version'>) {
  const transition = nextPoolTransition(run.state);
  return transition ? { id: run.id, transition, expectedVersion: run.version } : null;
}

/**
 * What a refused pool write means once the run was read again: a 409 with another version now
 * stored is "someone moved it first" (with that version); a 409 on the same version is a refusal
 * (e.g. recomputing a run past draft). The server's pool 409 carries no `current`, hence the re-read.
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
