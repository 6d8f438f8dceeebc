import type { PoolRunState } from './types.ts';

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
