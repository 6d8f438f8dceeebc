import { DuplicateRecord, type RecordName } from '../app/ports.ts';
import { refuseCheckInsBeforeKrs } from '../app/snapshot-check-ins.ts';
import type { Snapshot } from '../domain/types.ts';
import { validateSnapshot } from '../engine/index.ts';
import { RECORD_SCHEMA } from './record-schema.ts';
import { CAMEL_ROWS, encodeRow, type Row, type RowFormat, specOf } from './row-codec.ts';
import { snapshotRecords } from './snapshot-read.ts';
import type { RowTables } from './table-records.ts';

/** Rows per record kind of a snapshot, in an order that writes referenced records first. */
export const snapshotRows = (s: Snapshot, format: RowFormat = CAMEL_ROWS): [RecordName, Row[]][] =>
  snapshotRecords(s).map(([c, records]) => [c, records.map((r) => encodeRow(c, r as never, format))]);

/** The non-empty host columns (a person's sign-in account) of the rows with `ids`, by id. */
async function hostColumnsOf(tables: RowTables, c: RecordName, table: string, ids: string[]) {
  const columns = Object.keys(specOf(c).hostColumns ?? {});
  const kept = new Map<string, Row>();
  if (columns.length === 0 || ids.length === 0) return kept;
  for (const row of await tables.find(table, { id: { in: ids } })) {
    const values = columns.filter((k) => row[k] != null).map((k) => [k, row[k]]);
    if (values.length > 0) kept.set(String(row.id), Object.fromEntries(values));
  }
  return kept;
}

/**
 * Writes a snapshot (e.g. the case-study demo) into a host's tables in one transaction of
 * `inTransaction`, once it is checked (a refused one opens none): records with the same ids are
 * replaced, and every link of the snapshot's KRs (links made since the snapshot was taken go too). A
 * replaced row keeps its host columns: a re-import signs nobody out. Returns the rows written per kind.
 */
export async function writeSnapshot(
  inTransaction: <T>(work: (tables: RowTables) => Promise<T>) => Promise<T>,
  snapshot: Snapshot,
  format: RowFormat = CAMEL_ROWS,
): Promise<Record<string, number>> {
  validateSnapshot(snapshot, 'imported snapshot');
  refuseCheckInsBeforeKrs(snapshot, 'imported snapshot');
  const krIds = snapshot.keyResults.map((k) => k.id);
  const krColumn = format.column('links', 'krId', RECORD_SCHEMA.links.fields.krId);
  return inTransaction(async (tables) => {
    const counts: Record<string, number> = {};
    for (const [c, rows] of snapshotRows(snapshot, format)) {
      const table = format.table(c);
      const ids = rows.map((r) => r.id as string);
      const kept = await hostColumnsOf(tables, c, table, ids);
      if (c === 'links' && krIds.length) await tables.remove(table, { [krColumn]: { in: krIds } });
      else if (ids.length) await tables.remove(table, { id: { in: ids } });
      for (const row of rows)
        if (!(await tables.insert(table, { ...row, ...kept.get(row.id as string) })))
          throw new DuplicateRecord(table);
      counts[c] = rows.length;
    }
    return counts;
  });
}
