import { createSettingsStore } from '../../../plugin/app/settings-store.ts';
import type {
  HostContext,
  HostUser,
  RealtimePort,
  RegisteredContributions,
} from '../../../plugin/sdk/index.ts';
import { createContributionRegistry, HOST_CONTRACT_VERSION } from '../../../plugin/sdk/index.ts';
import { COLLECTIONS, type CollectionKey } from './collections.ts';
import { createDataPort } from './data-port.ts';
import { createIdentity } from './identity.ts';
import { createNotifyPort } from './notify-port.ts';
import { type Clock, nocobaseReadPorts } from './read-ports.ts';
import type { Tables } from './tables.ts';

/** The NocoBase collection of each entity the manifest names. */
export const ENTITY_COLLECTIONS: Readonly<Record<string, CollectionKey>> = {
  Cycle: 'cycles',
  Region: 'regions',
  Person: 'people',
  Objective: 'objectives',
  KeyResult: 'keyResults',
  CheckIn: 'checkIns',
  Escalation: 'escalations',
  Activity: 'activities',
  KeyAccount: 'keyAccounts',
  PeerReview: 'peerReviews',
  PoolRun: 'poolRuns',
};

/** What `activate` registered, by kind; the client bundle offers the widgets and forms. */
export type { RegisteredContributions as Registered } from '../../../plugin/sdk/index.ts';

/** Without a board channel (unit tests): committed changes are not pushed and presence is empty. */
const noRealtime: RealtimePort = { publish: () => undefined, presence: () => [] };

/** The sdk data, identity and settings ports of `user` over NocoBase tables, as every action builds them. */
export const userPorts = (tables: Tables, user: HostUser | null, clock: Clock, realtime?: RealtimePort) => ({
  data: createDataPort(tables, clock, { personId: user?.personId, realtime }),
  identity: createIdentity(user),
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
    const key = ENTITY_COLLECTIONS[String(c.entity)];
    if (!key) {
      throw new Error(
        `nocobase adapter: manifest collection ${c.id} (${String(c.entity)}) has no NocoBase collection; add it to adapters/nocobase/server/collections.ts`,
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
