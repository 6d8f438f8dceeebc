import type { Cycle, Snapshot } from '../../domain/types.ts';
import { type RecordFinder, readSnapshot, snapshotCycle } from '../../records/snapshot-read.ts';
import { isOneOf } from '../../records/table-records.ts';
import type { AppRecords, Match, RecordName, Records } from '../ports.ts';

/**
 * `records` as a snapshot reads them: lists of values are matched here, on the rows of the other
 * fields. A query reads its snapshot through its own transaction because the reference host's
 * SQLite has one connection, which the open transaction holds.
 */
export function snapshotFinderOf(records: Pick<Records, 'find'>): RecordFinder {
  return {
    async find<C extends RecordName>(c: C, where: Record<string, unknown> = {}) {
      const equal: Record<string, unknown> = {};
      const lists: [string, ReadonlySet<unknown>][] = [];
      for (const [field, value] of Object.entries(where))
        if (isOneOf(value)) lists.push([field, new Set(value.in)]);
        else equal[field] = value;
      const found = await records.find(c, equal as Match<AppRecords[C]>);
      return found.filter((r) =>
        lists.every(([field, values]) => values.has((r as Record<string, unknown>)[field])),
      );
    },
  };
}

/** The cycle running `today` with its snapshot, read in `records` (a command's transaction); null without one. */
export async function currentSnapshotIn(
  records: Pick<Records, 'find'>,
  today: string,
): Promise<{ cycle: Cycle; snapshot: Snapshot } | null> {
  const finder = snapshotFinderOf(records);
  const cycle = await snapshotCycle(finder, today);
  return cycle ? { cycle, snapshot: await readSnapshot(finder, cycle) } : null;
}
