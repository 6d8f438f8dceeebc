import type {
  Contribution,
  Disposable,
  HostContext,
  HostRegistry,
  RealtimePort,
} from '../../../plugin/sdk/index.ts';
import { HOST_CONTRACT_VERSION } from '../../../plugin/sdk/index.ts';
import { COLLECTIONS, type CollectionKey } from './collections.ts';
import { createNotifyPort } from './notify-port.ts';
import { type Clock, createPackService } from './pack-service.ts';
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
export type Registered = Record<keyof HostRegistry, Contribution[]>;

/**
 * NocoBase has no per-board channel for plugins yet: committed changes are not pushed and presence
 * is empty, so clients reload after their own writes.
 */
const noRealtime: RealtimePort = { publish: () => undefined, presence: () => [] };

/**
 * The sdk `HostContext` NocoBase gives the pack's `activate(ctx)` at plugin load, acting as the system.
 * Collections are checked against `collections.ts` (NocoBase creates them from the package's files);
 * the other contributions are recorded.
 */
export function createHostContext(
  tables: Tables,
  clock: Clock,
  nocobaseVersion: string,
): { ctx: HostContext; registered: Registered } {
  const registered: Registered = {
    registerCollection: [],
    registerForm: [],
    registerRules: [],
    registerWidget: [],
    registerPage: [],
    registerSettings: [],
    registerRole: [],
  };
  const add =
    (kind: keyof HostRegistry) =>
    (c: Contribution): Disposable => {
      if (kind === 'registerCollection') {
        const key = ENTITY_COLLECTIONS[String(c.entity)];
        if (!key) {
          throw new Error(
            `nocobase adapter: manifest collection ${c.id} (${String(c.entity)}) has no NocoBase collection; add it to adapters/nocobase/server/collections.ts`,
          );
        }
        c = { ...c, nocobaseCollection: COLLECTIONS[key] };
      }
      const list = registered[kind];
      list.push(c);
      return { dispose: () => void list.splice(list.indexOf(c), 1) };
    };
  const service = createPackService(tables, null, clock);
  const ctx: HostContext = {
    contractVersion: HOST_CONTRACT_VERSION,
    host: { name: 'NocoBase', version: nocobaseVersion },
    data: service.data,
    identity: service.identity,
    notify: createNotifyPort(tables, clock.now),
    realtime: noRealtime,
    settings: service.settings,
    registry: {
      registerCollection: add('registerCollection'),
      registerForm: add('registerForm'),
      registerRules: add('registerRules'),
      registerWidget: add('registerWidget'),
      registerPage: add('registerPage'),
      registerSettings: add('registerSettings'),
      registerRole: add('registerRole'),
    },
    subscriptions: [],
  };
  return { ctx, registered };
}
