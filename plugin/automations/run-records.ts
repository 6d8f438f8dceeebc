import type { PlannedAction } from './plan.ts';
import type { AutomationEvent } from './types.ts';

export type RunStatus = 'pending' | 'done' | 'skipped' | 'retrying' | 'failed';
export const RUN_STATUSES: readonly RunStatus[] = ['pending', 'done', 'skipped', 'retrying', 'failed'];

/** A claimed step with what it needs to run again after a failure. */
export interface StoredRun {
  id: string;
  key: string;
  status: RunStatus;
  attempts: number;
  action: PlannedAction;
  event: AutomationEvent;
  lastError: string | null;
  /** When a retry is due; for a pending step, when it was claimed (its lease). */
  nextAttemptAt: string;
  createdAt: string;
  doneAt: string | null;
}

export interface RunPatch {
  status: RunStatus;
  attempts?: number;
  nextAttemptAt?: string;
  lastError?: string | null;
  doneAt?: string | null;
}

/** A wait step that came due: the steps after it go on while the matter is open. */
export interface StoredWait {
  /** The wait step's run key. */
  key: string;
  automationId: string;
  event: AutomationEvent;
  /** The step to go on from. */
  resumeAt: number;
  /** YYYY-MM-DD. */
  dueDate: string;
}

/** A claimed step as the records port stores it: the run with the parts of its key as columns. */
export type AutomationRunRecord = StoredRun & { eventId: string; automationId: string; stepIndex: number };

/** A wait as the records port stores it, keyed by the wait step's run key. */
export type AutomationWaitRecord = Omit<StoredWait, 'key'> & {
  id: string;
  status: 'waiting' | 'resumed' | 'stopped';
  createdAt: string;
  settledAt: string | null;
};
