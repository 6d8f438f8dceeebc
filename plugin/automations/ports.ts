import type { AppPorts } from '../app/ports.ts';
import type { NotifyPort } from '../sdk/index.ts';
import type { PlannedAction } from './plan.ts';
import type { RunPatch, StoredRun, StoredWait } from './run-records.ts';
import type { AutomationEvent } from './types.ts';
import type { AutomationVersion } from './versions.ts';

export {
  type AutomationRunRecord,
  type AutomationWaitRecord,
  RUN_STATUSES,
  type RunPatch,
  type RunStatus,
  type StoredRun,
  type StoredWait,
} from './run-records.ts';

/**
 * Where a host stores automation runs and waits. Every step is claimed under its unique key before
 * it acts; waits and retries are picked up by `tick`. The pack implements it once over the records
 * port (`recordsAutomationRuns`, records `automationRuns` and `automationWaits`).
 */
export interface AutomationRunsPort {
  /** The published automation versions (the executor takes the one in effect). */
  published(): Promise<AutomationVersion[]>;
  /** Stores the step as pending under `action.key`; null when the key is stored already. */
  claim(action: PlannedAction, event: AutomationEvent, now: Date): Promise<string | null>;
  settle(id: string, patch: RunPatch): Promise<void>;
  /** Retries whose backoff is over and pending claims leased before `staleBefore`, oldest first. */
  due(now: Date, staleBefore: Date, limit: number): Promise<StoredRun[]>;
  /**
   * Takes `run` over for one attempt: a compare-and-set on its status and lease, setting it pending
   * with the lease `now`. False when another process took it first.
   */
  take(run: StoredRun, now: Date): Promise<boolean>;
  /** Stores a wait once per key. */
  addWait(wait: StoredWait, now: Date): Promise<void>;
  dueWaits(today: string, limit: number): Promise<StoredWait[]>;
  /** Settles a waiting row (compare-and-set from `waiting`); false when another process did. */
  settleWait(key: string, status: 'resumed' | 'stopped', now: Date): Promise<boolean>;
}

export type NotifyAction = Extract<PlannedAction, { kind: 'notify' }>;

/** What the steps act through. */
export interface AutomationActionsPort {
  /** In-app notifications (deduplicated by key). */
  notify: NotifyPort['notify'];
  /**
   * Hands the step's message to an outgoing channel (IM robot). Throws when it cannot; a
   * `StepFailure` that is `permanent` is not tried again.
   */
  toChannel(channelId: string, action: NotifyAction): Promise<void>;
  /** The pack's use-case ports: assign and raise run as the system through a pack command. */
  app: AppPorts;
}

/** A step that cannot succeed by trying again (no such channel on this host …): failed at once. */
export class StepFailure extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
    this.name = 'StepFailure';
  }
}
