import type { HostUser } from '../../../plugin/sdk/index.ts';
import type { ScopedRealtime } from './realtime.ts';
import type { Tables } from './tables.ts';

/** A request of a NocoBase-only action (accounts, the automations tick): its caller, fields and tables. */
export interface HostRequest {
  user: HostUser | null;
  /** The query's and the body's fields. */
  params: Record<string, unknown>;
  tables: Tables;
  realtime?: ScopedRealtime;
}

export type HostAction = (request: HostRequest) => Promise<unknown>;
