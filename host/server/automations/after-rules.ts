import { automationsAfterRules as packAfterRules } from '../../../plugin/automations/after-rules.ts';
import { eventOfRuleEvent } from '../../../plugin/automations/lifecycle-events.ts';
import type { AutomationEvent } from '../../../plugin/automations/types.ts';
import type { MonthColour } from '../../../plugin/domain/pace.ts';
import type { Settings } from '../../../plugin/domain/settings.ts';
import type { Snapshot } from '../../../plugin/domain/types.ts';
import type { Db } from '../storage/queries.ts';
import type { AutomationExecutor } from './executor.ts';
import { sqlAuditFeed } from './lifecycle-events.ts';

/** A rule event as stored in rule_events: its row id is the event id of its automation runs. */
export interface StoredRuleEvent {
  id: string;
  dedupKey: string;
  type: string;
  subject: AutomationEvent['subject'];
  params: Record<string, unknown>;
}

/**
 * After a rules run: its new rule events (dated the day judged), the lifecycle events of `audit_log`
 * since the last run and the overdue escalations go to the automations (the pack's `automationsAfterRules`).
 */
export function automationsAfterRules(
  executor: AutomationExecutor,
  db: Db,
  run: {
    fresh: StoredRuleEvent[];
    digested: ReadonlySet<string>;
    snapshot: Snapshot;
    colours: readonly MonthColour[];
    settings: Settings;
    today: string;
  },
): Promise<number> {
  const ruleEvents = run.fresh.map((e) => eventOfRuleEvent({ ...e, at: run.today }));
  return packAfterRules(executor, sqlAuditFeed(db), { ...run, ruleEvents });
}
