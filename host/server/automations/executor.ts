import type { AppPorts } from '../../../plugin/app/ports.ts';
import {
  AUTOMATION_RETRY,
  AutomationExecutor as PackExecutor,
} from '../../../plugin/automations/executor.ts';
import { type NotifyAction, StepFailure } from '../../../plugin/automations/ports.ts';
import { recordsAutomationRuns } from '../../../plugin/automations/records-runs.ts';
import type { NotifyPort } from '../../../plugin/sdk/index.ts';
import { claimDeliveries } from '../notify/deliveries.ts';
import type { DeliveryWorker } from '../notify/delivery-worker.ts';
import type { NotifyDb } from '../schedules/notify-tables.ts';
import { sqlRecords, sqlUnitOfWork } from '../storage/app-records.ts';
import { currentCycle, type Db, getCycle, loadSnapshot } from '../storage/queries.ts';

export type { HandleOptions } from '../../../plugin/automations/executor.ts';
export { AUTOMATION_RETRY };

export interface ExecutorDeps {
  db: Db;
  now: () => Date;
  notifications: NotifyPort;
  /** Outgoing channels (IM robots), made on first use: most runs send only in-app. */
  channels: () => Promise<{ ndb: NotifyDb; worker: DeliveryWorker }>;
  log: { error(obj: unknown, msg?: string): void };
  retry?: { baseDelayMs: number; maxAttempts: number };
  /** The use-case ports assign and raise run through; by default over `db`, without board messages. */
  app?: AppPorts;
}

/** The pack's use-case ports over `db` alone (no board bus, no rules runner to tell). */
function dbAppPorts(db: Db, now: () => Date, notify: NotifyPort): AppPorts {
  return {
    uow: sqlUnitOfWork(db),
    data: {
      async snapshot(cycleId) {
        const today = now().toISOString().slice(0, 10);
        const cycle = cycleId ? await getCycle(db, cycleId) : await currentCycle(db, today);
        if (!cycle) throw new Error(`server: no cycle ${cycleId ?? 'running today'}`);
        return loadSnapshot(db, cycle);
      },
    },
    now,
    publish: () => undefined,
    rulesChanged: () => undefined,
    notify: (input) => notify.notify(input),
  };
}

/** Queues the step's message for the channel's robot; the delivery worker sends and retries it. */
async function toChannel(deps: ExecutorDeps, channelId: string, action: NotifyAction): Promise<void> {
  const { ndb, worker } = await deps.channels();
  const robot = await ndb
    .selectFrom('notify_webhooks')
    .select('id')
    .where('id', '=', channelId)
    .executeTakeFirst();
  if (!robot)
    throw new StepFailure(
      `automations: channel "${channelId}" does not exist; choose a channel in the step`,
      true,
    );
  await claimDeliveries(
    ndb,
    [
      {
        scheduleId: `automation:${action.automationId}`,
        occurrence: `${action.eventId}|${action.stepIndex}`,
        recipient: `webhook:${channelId}`,
        channel: 'webhook',
        webhookId: channelId,
        message: { kind: action.message.kind, params: action.message.params as never },
      },
    ],
    deps.now(),
  );
  worker.kick();
}

/**
 * HR's automations in the reference host: the pack's executor (plugin/automations/executor.ts) over
 * the kysely tables, the stored notifications, the webhook deliveries and the pack's commands.
 */
export class AutomationExecutor extends PackExecutor {
  constructor(deps: ExecutorDeps) {
    super({
      runs: recordsAutomationRuns(sqlRecords(deps.db)),
      actions: {
        notify: (input) => deps.notifications.notify(input),
        toChannel: (channelId, action) => toChannel(deps, channelId, action),
        app: deps.app ?? dbAppPorts(deps.db, deps.now, deps.notifications),
      },
      now: deps.now,
      log: deps.log,
      ...(deps.retry ? { retry: deps.retry } : {}),
    });
  }
}
