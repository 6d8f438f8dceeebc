import { recordsDataPort } from '../../../plugin/records/records-data-port.ts';
import type { DataPort } from '../../../plugin/sdk/index.ts';
import { nocobaseRecords, nocobaseUnitOfWork } from './app-records.ts';
import type { ScopedRealtime } from './realtime.ts';
import type { Tables } from './tables.ts';

/** Who writes through a data port, and where its committed writes are announced. */
export interface DataPortOptions {
  /** The person acting; audit entries of a port without one name `system`. */
  personId?: string;
  realtime?: ScopedRealtime;
}

/** The pack's `DataPort` over NocoBase repositories; committed KR and link writes go to the KR's board. */
export const createDataPort = (
  tables: Tables,
  clock: { today(): string; now(): string },
  options: DataPortOptions = {},
): DataPort =>
  recordsDataPort(
    {
      records: nocobaseRecords(tables),
      uow: nocobaseUnitOfWork(tables),
      publish: (boardId, message, about) => options.realtime?.publish(boardId, message, about),
      today: clock.today,
      now: clock.now,
    },
    options.personId ?? null,
  );
