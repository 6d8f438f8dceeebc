import {
  type AuditFeed,
  automationsAfterRules as packAfterRules,
  automationTick as packTick,
} from '../../../plugin/automations/after-rules.ts';
import { sendStepToChannel } from '../../../plugin/automations/channel-step.ts';
import { AutomationExecutor, type TickResult } from '../../../plugin/automations/executor.ts';
import { LIFECYCLE_AUDIT_ACTIONS } from '../../../plugin/automations/lifecycle-events.ts';
import { recordsAutomationRuns } from '../../../plugin/automations/records-runs.ts';
import type { AutomationEvent } from '../../../plugin/automations/types.ts';
import type { MonthColour } from '../../../plugin/domain/pace.ts';
import type { Snapshot } from '../../../plugin/domain/types.ts';
import { nocobaseRecords } from './app-records.ts';
import { lifecycleReads, toAuditRow } from './automation-events.ts';
import { nocobaseChannelPorts } from './channel-ports.ts';
import { COLLECTIONS } from './collections.ts';
import { nocobaseAppPorts } from './command-actions.ts';
import { createDataPort } from './data-port.ts';
import { createNotifyPort } from './notify-port.ts';
import type { ScopedRealtime } from './realtime.ts';
import { currentSettings } from './settings-store.ts';
import type { Tables } from './tables.ts';

export interface AutomationClock {
  today(): string;
  now(): string;
}

/** What the executor's commands announce to and tell: the board channel and the rules runner. */
export interface AutomationHost {
  realtime?: ScopedRealtime;
  rules?: { schedule(): void };
  log?: { error(obj: unknown, msg?: string): void };
}

/**
 * The pack's executor on NocoBase. In-app steps become `okr_notifications` rows; assign and raise
 * run the pack's command as the system; a channel step posts to the region's robot now. Until
 * HR publishes a version nothing runs: on NocoBase the shipped behaviour is the workflows on
 * `okr_rule_events`.
 */
export function nocobaseExecutor(
  tables: Tables,
  clock: AutomationClock,
  host: AutomationHost = {},
): AutomationExecutor {
  return new AutomationExecutor({
    runs: recordsAutomationRuns(nocobaseRecords(tables)),
    actions: {
      notify: (input) => createNotifyPort(tables, clock.now).notify(input),
      toChannel: async (channelId, action) =>
        sendStepToChannel(
          nocobaseRecords(tables),
          await nocobaseChannelPorts(),
          channelId,
          action,
          new Date(clock.now()),
        ),
      app: nocobaseAppPorts(tables, clock, host.realtime, host.rules),
    },
    now: () => new Date(clock.now()),
    ...(host.log ? { log: host.log } : {}),
    runShipped: false,
  });
}

const CURSOR = 'audit';
/** Audit rows are dated when their command starts: a row may commit after a later one was read. */
const MARGIN_MS = 5 * 60_000;

/**
 * `okr_audit` as the automations read it. Its ids are random, so the cursor is a time, read back
 * less a margin (the run keys make a second look harmless).
 */
function auditFeed(tables: Tables, now: string): AuditFeed {
  return {
    async unread() {
      const cursor = await tables.findOne(COLLECTIONS.automationCursor, CURSOR);
      if (!cursor) {
        await tables.create(COLLECTIONS.automationCursor, { id: CURSOR, at: now }).catch(() => undefined);
        return { rows: [], next: now };
      }
      const from = new Date(Date.parse(String(cursor.at)) - MARGIN_MS).toISOString();
      const rows = await tables.find(
        COLLECTIONS.audit,
        { at: { $gt: from }, action: { $in: LIFECYCLE_AUDIT_ACTIONS } },
        ['at', 'id'],
      );
      const next = [String(cursor.at), ...rows.map((r) => String(r.at))].sort().at(-1) as string;
      return { rows: rows.map(toAuditRow), next };
    },
    markRead: (at) => tables.update(COLLECTIONS.automationCursor, CURSOR, { at }),
    ...lifecycleReads(tables),
  };
}

/**
 * After a rules run: the new rule events, the lifecycle events since the last pass and the overdue
 * escalations go to the executor (the pack's `automationsAfterRules`). Returns the in-app notifications.
 */
export async function automationsAfterRules(
  tables: Tables,
  clock: AutomationClock,
  run: { fresh: AutomationEvent[]; snapshot: Snapshot; colours: readonly MonthColour[]; today: string },
  host: AutomationHost = {},
): Promise<number> {
  const { settings } = await currentSettings(tables);
  return packAfterRules(nocobaseExecutor(tables, clock, host), auditFeed(tables, clock.now()), {
    ...run,
    ruleEvents: run.fresh,
    settings,
  });
}

/** One pass of the automations' clock on NocoBase (the pack's `automationTick`). */
export function automationTick(
  tables: Tables,
  clock: AutomationClock,
  host: AutomationHost = {},
): Promise<TickResult> {
  const reads = {
    snapshot: () =>
      createDataPort(tables, clock)
        .snapshot()
        .catch(() => null),
    settings: async () => (await currentSettings(tables)).settings,
  };
  return packTick(
    nocobaseExecutor(tables, clock, host),
    auditFeed(tables, clock.now()),
    reads,
    clock.today(),
  );
}
