import { refuseCheckInsBeforeKrs } from '../../../plugin/app/snapshot-check-ins.ts';
import type { Snapshot } from '../../../plugin/domain/types.ts';
import { validateSnapshot } from '../../../plugin/engine/index.ts';
import { encodeRow, type Row } from '../../../plugin/records/row-codec.ts';
import { snapshotRecords } from '../../../plugin/records/snapshot-read.ts';
import { COLLECTIONS, type CollectionKey } from './collections.ts';
import type { Tables } from './tables.ts';

/** Rows per collection of a snapshot, in an order that writes referenced records first. */
export const snapshotRows = (s: Snapshot): [CollectionKey, Row[]][] =>
  snapshotRecords(s).map(([c, records]) => [c, records.map((r) => encodeRow(c, r as never))]);

/**
 * Writes a snapshot (e.g. the case-study demo) into the pack's collections in one transaction,
 * replacing records with the same ids (and every link of the snapshot's KRs). Returns the number of rows written per collection.
 */
export async function importSnapshot(tables: Tables, snapshot: Snapshot): Promise<Record<string, number>> {
  validateSnapshot(snapshot, 'imported snapshot');
  refuseCheckInsBeforeKrs(snapshot, 'imported snapshot');
  return tables.transaction(async (tx) => {
    const counts: Record<string, number> = {};
    for (const [key, rows] of snapshotRows(snapshot)) {
      const name = COLLECTIONS[key];
      const ids = rows.map((r) => r.id as string);
      // A KR's links are replaced as a whole: links made since the snapshot was taken go too.
      const krIds = snapshot.keyResults.map((k) => k.id);
      // A person keeps the NocoBase user connected to it: a re-import must not sign anyone out of the pack.
      const userOf = new Map<string, unknown>();
      if (key === 'people' && ids.length)
        for (const p of await tx.find(name, { id: { $in: ids } }))
          if (p.userId != null) userOf.set(String(p.id), p.userId);
      if (key === 'links' && krIds.length) await tx.destroy(name, { krId: { $in: krIds } });
      else if (ids.length) await tx.destroy(name, { id: { $in: ids } });
      for (const row of rows) {
        const userId = userOf.get(row.id as string);
        await tx.create(name, userId === undefined ? row : { ...row, userId });
      }
      counts[key] = rows.length;
    }
    return counts;
  });
}
