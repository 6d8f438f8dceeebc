import type { MonthColour } from '../domain/pace.ts';
import type { Settings } from '../domain/settings.ts';
import type { Snapshot } from '../domain/types.ts';
import type { AutomationExecutor, TickResult } from './executor.ts';
import {
  eventsAfterRules,
  eventsOfAudit,
  type LifecycleAuditRow,
  type LifecycleReads,
} from './lifecycle-events.ts';
import type { AutomationEvent } from './types.ts';

/**
 * A host's audit log as the automations read it: the lifecycle rows after a cursor the host keeps
 * (its own kind of position: a row id, a time) and the cursor moved once they are handled.
 */
export interface AuditFeed extends LifecycleReads {
  /**
   * Lifecycle audit rows after the cursor, oldest first, and the cursor after them. The first read
   * starts the cursor now: older rows are history, not events.
   */
  unread(): Promise<{ rows: LifecycleAuditRow[]; next: string }>;
  markRead(next: string): Promise<void>;
}

/** What a rules run (or a tick, with no rule events) hands to the automations. */
export interface AfterRulesRun {
  ruleEvents: readonly AutomationEvent[];
  /** Rule events whose standard words go out as the streak digest instead. */
  digested?: ReadonlySet<string>;
  snapshot: Snapshot;
  colours: readonly MonthColour[];
  settings: Settings;
  /** The date the rules judged (a finished cycle: its last day). */
  today: string;
}

/**
 * After a rules run, on every host: the new rule events, the lifecycle events of the audit rows since
 * the last pass (check-ins with their month's colour) and the overdue escalations go to the executor;
 * the cursor moves after. Returns the in-app notifications delivered.
 */
export async function automationsAfterRules(
  executor: AutomationExecutor,
  feed: AuditFeed,
  run: AfterRulesRun,
): Promise<number> {
  const { rows, next } = await feed.unread();
  const lifecycle = await eventsOfAudit(rows, feed);
  const events = eventsAfterRules({ ...run, lifecycle });
  const digested = run.digested ? { digested: run.digested } : {};
  const delivered = await executor.handle(events, run.snapshot, run.today, digested);
  await feed.markRead(next);
  return delivered;
}

/** What one tick reads besides the executor and the audit feed. */
export interface TickReads {
  /** The current cycle's data; null when none runs (due waits then stop, retries still run). */
  snapshot(): Promise<Snapshot | null>;
  settings(): Promise<Settings>;
}

/**
 * One pass of the automations' clock on any host: lifecycle events no rules run picked up, overdue
 * escalations, due waits and steps to retry. Safe to repeat: every step has its key.
 */
export async function automationTick(
  executor: AutomationExecutor,
  feed: AuditFeed,
  reads: TickReads,
  today: string,
): Promise<TickResult> {
  const snapshot = await reads.snapshot();
  if (snapshot) {
    const settings = await reads.settings();
    await automationsAfterRules(executor, feed, { ruleEvents: [], snapshot, colours: [], settings, today });
  }
  return executor.tick(snapshot, today);
}
