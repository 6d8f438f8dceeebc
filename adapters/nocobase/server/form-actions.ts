import { OBJECTIVE_ACTIONS } from './objective-actions.ts';

/** Hand-written actions behind the pack forms that are not pack commands yet (objective reads). */
export const FORM_ACTIONS = {
  ...OBJECTIVE_ACTIONS,
};

/** Those of them that write: each schedules a rules run once committed. */
export const FORM_WRITES: readonly string[] = [];
