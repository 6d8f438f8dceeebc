import { dataPortWrites } from '../../../plugin/app/data-port-writes.ts';
import { entityOf } from '../../../plugin/records/row-codec.ts';
import { readSnapshot, snapshotCycle } from '../../../plugin/records/snapshot-read.ts';
import type { CollectionMap, CollectionName, DataPort, Where } from '../../../plugin/sdk/index.ts';
import { nocobaseRecords, nocobaseUnitOfWork } from './app-records.ts';
import { COLLECTIONS } from './collections.ts';
import type { ScopedRealtime } from './realtime.ts';
import type { Tables } from './tables.ts';

/** Who writes through a data port, and where its committed writes are announced. */
export interface DataPortOptions {
  /** The person acting; audit entries of a port without one name `system`. */
  personId?: string;
  realtime?: ScopedRealtime;
}

/**
 * The sdk `DataPort` over NocoBase repositories. `today` gives the date that picks the current cycle;
 * `now` stamps new links. As on the reference host, every committed KR or link write is announced on
 * the KR's board (to the clients who may read that KR), and link writes are audited.
 */
export function createDataPort(
  tables: Tables,
  clock: { today(): string; now(): string },
  options: DataPortOptions = {},
): DataPort {
  const records = nocobaseRecords(tables);
  return {
    async snapshot(cycleId) {
      const cycle = await snapshotCycle(records, clock.today(), cycleId);
      if (!cycle) {
        throw new Error(
          `nocobase adapter: no cycle ${cycleId ?? '(current)'} in ${COLLECTIONS.cycles}; create a cycle first`,
        );
      }
      return readSnapshot(records, cycle);
    },
    async list<C extends CollectionName>(c: C, where?: Where<CollectionMap[C]>) {
      return (await records.find(c, where as never)).map((r) => entityOf(c, r)) as CollectionMap[C][];
    },
    async get(c, id) {
      const record = await records.get(c, id);
      return record ? (entityOf(c, record) as CollectionMap[typeof c]) : null;
    },
    ...dataPortWrites(
      {
        uow: nocobaseUnitOfWork(tables),
        publish: (boardId, message, about) => options.realtime?.publish(boardId, message, about),
        now: clock.now,
      },
      options.personId ?? null,
    ),
  };
}
