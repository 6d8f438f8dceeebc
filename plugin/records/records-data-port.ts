import { dataPortWrites } from '../app/data-port-writes.ts';
import type { AppPorts } from '../app/ports.ts';
import type { Id } from '../domain/types.ts';
import type { CollectionMap, CollectionName, DataPort, Where } from '../sdk/index.ts';
import { entityOf } from './row-codec.ts';
import { readSnapshot, snapshotCycle } from './snapshot-read.ts';
import type { TableRecords } from './table-records.ts';

/** What a data port needs of a host: its records, unit of work, board channel and clock. */
export interface DataPortPorts extends Pick<AppPorts, 'uow' | 'publish'> {
  readonly records: TableRecords;
  /** Picks the current cycle. */
  today(): string;
  /** Stamps new links and audit entries. */
  now(): string;
}

/**
 * The sdk `DataPort` of every host over the pack's records: a snapshot as the domain reads it, any
 * stored record as its sdk entity, and the pack's version-checked writes with `actorId` as their author.
 */
export function recordsDataPort(ports: DataPortPorts, actorId: Id | null): DataPort {
  const { records } = ports;
  return {
    async snapshot(cycleId) {
      const cycle = await snapshotCycle(records, ports.today(), cycleId);
      if (!cycle) throw new Error(`data port: no cycle ${cycleId ?? '(current)'}; create a cycle first`);
      return readSnapshot(records, cycle);
    },
    async list<C extends CollectionName>(c: C, where?: Where<CollectionMap[C]>) {
      return (await records.find(c, where as never)).map((r) => entityOf(c, r)) as CollectionMap[C][];
    },
    async get(c, id) {
      const record = await records.get(c, id);
      return record ? (entityOf(c, record) as CollectionMap[typeof c]) : null;
    },
    ...dataPortWrites(ports, actorId),
  };
}
