import { callerIdentity } from '../../../plugin/app/caller-identity.ts';
import { createSettingsStore } from '../../../plugin/app/settings-store.ts';
import type { EntityName } from '../../../plugin/manifest/manifest-types.ts';
import { ENTITY_RECORDS } from '../../../plugin/records/entity-records.ts';
import type {
  HostContext,
  HostUser,
  RealtimePort,
  RegisteredContributions,
} from '../../../plugin/sdk/index.ts';
import { createContributionRegistry, HOST_CONTRACT_VERSION } from '../../../plugin/sdk/index.ts';
import { COLLECTIONS } from './collections.ts';
import { createDataPort } from './data-port.ts';
import { createNotifyPort } from './notify-port.ts';
import { type Clock, nocobaseReadPorts } from './read-ports.ts';
import type { Tables } from './tables.ts';

/** What `activate` registered, by kind; the client bundle offers the widgets and forms. */
export type { RegisteredContributions as Registered } from '../../../plugin/sdk/index.ts';

/** Without a board channel (unit tests): committed changes are not pushed and presence is empty. */
const noRealtime: RealtimePort = { publish: () => undefined, presence: () => [] };

/** The sdk data, identity and settings ports of `user` over NocoBase tables, as every action builds them. */
export const userPorts = (tables: Tables, user: HostUser | null, clock: Clock, realtime?: RealtimePort) => ({
  data: createDataPort(tables, clock, { personId: user?.personId, realtime }),
  identity: callerIdentity(user),
  settings: createSettingsStore(nocobaseReadPorts(tables, clock, realtime), user),
});

/**
 * The sdk `HostContext` NocoBase gives the pack's `activate(ctx)` at plugin load, acting as the system.
 * Collections are checked against `collections.ts` (NocoBase creates them from the package's files);
 * the other contributions are recorded.
 */
export function createHostContext(
  tables: Tables,
  clock: Clock,
  nocobaseVersion: string,
  realtime: RealtimePort = noRealtime,
): { ctx: HostContext; registered: RegisteredContributions } {
  const { registry, registered } = createContributionRegistry((kind, c) => {
    if (kind !== 'registerCollection') return c;
    const key = ENTITY_RECORDS[c.entity as EntityName];
    if (!key) {
      throw new Error(
        `nocobase adapter: manifest collection ${c.id} (${String(c.entity)}) has no NocoBase collection; add it to plugin/records/entity-records.ts`,
      );
    }
    return { ...c, nocobaseCollection: COLLECTIONS[key] };
  });
  const ctx: HostContext = {
    contractVersion: HOST_CONTRACT_VERSION,
    host: { name: 'NocoBase', version: nocobaseVersion },
    ...userPorts(tables, null, clock, realtime),
    notify: createNotifyPort(tables, clock.now),
    realtime,
    registry,
    subscriptions: [],
  };
  return { ctx, registered };
}
