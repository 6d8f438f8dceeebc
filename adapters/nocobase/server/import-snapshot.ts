import type { Snapshot } from '../../../plugin/domain/types.ts';
import { writeSnapshot } from '../../../plugin/records/snapshot-write.ts';
import { rowTables, type Tables } from './tables.ts';

export { snapshotRows } from '../../../plugin/records/snapshot-write.ts';

/** Writes a snapshot into the pack's collections in one transaction (the pack's `writeSnapshot`). */
export const importSnapshot = (tables: Tables, snapshot: Snapshot): Promise<Record<string, number>> =>
  writeSnapshot((work) => tables.transaction((tx) => work(rowTables(tx))), snapshot);
