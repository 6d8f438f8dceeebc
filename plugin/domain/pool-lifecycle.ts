import type { PoolRunResult } from './pool.ts';
import type { Id, PoolRunState } from './types.ts';

/** One quarter's pool run, as every host stores and answers it (a client may see a filtered copy). */
export interface PoolRun {
  id: Id;
  quarter: string;
  cycleId: Id;
  state: PoolRunState;
  poolCents: number | null;
  /** The settings version the run was computed with. */
  settingsVersion: number | null;
  computedAt: string | null;
  createdAt: string;
  createdById: Id;
  updatedAt: string;
  version: number;
  /** Null until computed: eligible, excluded, allocations and statements of everyone. */
  result: PoolRunResult | null;
}

/** The states of a pool run, in lifecycle order. */
export const POOL_STATES: readonly PoolRunState[] = ['draft', 'approved', 'released', 'locked'];

/** Allowed state changes of a pool run. A locked run never changes again. */
export const POOL_TRANSITIONS = {
  approve: { from: 'draft', to: 'approved' },
  release: { from: 'approved', to: 'released' },
  lock: { from: 'released', to: 'locked' },
} as const satisfies Record<string, { from: PoolRunState; to: PoolRunState }>;
export type PoolTransition = keyof typeof POOL_TRANSITIONS;

/** Transition names, in lifecycle order. */
export const POOL_TRANSITION_NAMES = Object.keys(POOL_TRANSITIONS) as PoolTransition[];

/** The one step a run in `state` may take next; none once locked. */
export const nextPoolTransition = (state: PoolRunState): PoolTransition | undefined =>
  POOL_TRANSITION_NAMES.find((t) => POOL_TRANSITIONS[t].from === state);
