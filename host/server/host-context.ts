import { callerIdentity } from '../../plugin/app/caller-identity.ts';
import { createSettingsStore } from '../../plugin/app/settings-store.ts';
import { SYSTEM_USER } from '../../plugin/app/system-user.ts';
import { recordsDataPort } from '../../plugin/records/records-data-port.ts';
import {
  createContributionRegistry,
  type DataPort,
  HOST_CONTRACT_VERSION,
  type HostContext,
  type HostUser,
  type RegisteredContributions,
} from '../../plugin/sdk/index.ts';
import { appPortsOf } from './app-ports.ts';
import type { ServerContext } from './context.ts';
import { evaluationPortsOf } from './services/evaluation-ports.ts';
import { sqlRecords } from './storage/app-records.ts';

export type { RegisteredContributions };

/** The pack's data port over this host's records; committed writes also re-run the rules. */
function createDataPort(ctx: ServerContext, actorId: string | null): DataPort {
  const { uow } = appPortsOf(ctx);
  return recordsDataPort(
    {
      records: sqlRecords(ctx.db),
      uow,
      publish: (boardId, message) => {
        ctx.bus.publish(boardId, message);
        ctx.rules.schedule();
      },
      today: ctx.today,
      now: () => ctx.now().toISOString(),
    },
    actorId,
  );
}

/**
 * The reference host's implementation of the sdk `HostContext`, for one user (null: the system,
 * e.g. at start-up). The HTTP routes and this context share storage, policy and services.
 */
export function createHostContext(
  ctx: ServerContext,
  user: HostUser | null,
): HostContext & { registered: RegisteredContributions } {
  const { registry, registered } = createContributionRegistry();
  return {
    contractVersion: HOST_CONTRACT_VERSION,
    host: { name: 'okr-align reference host', version: '0.1.0' },
    data: createDataPort(ctx, user?.personId ?? null),
    identity: callerIdentity(user),
    notify: ctx.notifications,
    realtime: ctx.bus,
    settings: createSettingsStore({ ...appPortsOf(ctx), ...evaluationPortsOf(ctx) }, user ?? SYSTEM_USER),
    registry,
    subscriptions: [],
    registered,
  };
}
