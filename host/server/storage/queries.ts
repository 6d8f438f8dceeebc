import { CompiledQuery, type Kysely } from 'kysely';
import type { Cycle, KeyResult, Person, Snapshot } from '../../../plugin/domain/types.ts';
import { encodeRow, entityOf } from '../../../plugin/records/row-codec.ts';
import { readSnapshot, snapshotCycle, snapshotRecords } from '../../../plugin/records/snapshot-read.ts';
import { sqlRecords } from './app-records.ts';
import { SQL_ROWS, toKeyResult, toLink } from './mappers.ts';
import type { Db } from './schema.ts';

export type { Db };

const byId = <T extends { id: string }>(a: T, b: T) => a.id.localeCompare(b.id);

export async function listCycles(db: Db): Promise<Cycle[]> {
  return (await sqlRecords(db).find('cycles')).sort((a, b) => a.start.localeCompare(b.start));
}

/** The cycle containing `today`, else the latest that started before it, else the first. */
export const currentCycle = (db: Db, today: string): Promise<Cycle | null> =>
  snapshotCycle(sqlRecords(db), today);

export const getCycle = (db: Db, id: string): Promise<Cycle | null> => sqlRecords(db).get('cycles', id);

export async function getPerson(db: Db, id: string): Promise<Person | null> {
  const person = await sqlRecords(db).get('people', id);
  return person && entityOf('people', person);
}

export async function listPeople(db: Db): Promise<Person[]> {
  return (await sqlRecords(db).find('people')).map((p) => entityOf('people', p)).sort(byId);
}

export async function getKeyResult(db: Db, id: string): Promise<KeyResult | null> {
  const kr = await sqlRecords(db).get('keyResults', id);
  return kr && entityOf('keyResults', kr);
}

/**
 * Key results (optionally of one cycle) with the stored `custom` text of each, from one read of
 * key_results and one of kr_links (the list route used to read key_results a second time for it).
 */
export async function listKeyResultsWithCustom(
  db: Db,
  cycleId?: string,
): Promise<{ kr: KeyResult; custom: string | null }[]> {
  let q = db.selectFrom('key_results').selectAll().orderBy('id');
  if (cycleId) q = q.where('cycle_id', '=', cycleId);
  // The cycle's links by a join: one SQL text whatever the number of KRs (a reused statement).
  let links = db
    .selectFrom('kr_links')
    .innerJoin('key_results', 'key_results.id', 'kr_links.kr_id')
    .selectAll('kr_links')
    .orderBy('kr_links.kr_id')
    .orderBy('kr_links.objective_id');
  if (cycleId) links = links.where('key_results.cycle_id', '=', cycleId);
  const [rows, linkRows] = await Promise.all([q.execute(), links.execute()]);
  const byKr = new Map<string, ReturnType<typeof toLink>[]>();
  for (const l of linkRows) {
    const list = byKr.get(l.kr_id);
    if (list) list.push(toLink(l));
    else byKr.set(l.kr_id, [toLink(l)]);
  }
  return rows.map((r) => ({
    kr: toKeyResult(
      r,
      (byKr.get(r.id) ?? []).map(({ objectiveId, weight, linkedAt }) => ({ objectiveId, weight, linkedAt })),
    ),
    custom: r.custom,
  }));
}

const CHANGE_STAMP = CompiledQuery.raw(
  'select total_changes() as c, data_version as v from pragma_data_version',
) as CompiledQuery<{ c: number; v: number }>;

/**
 * A number that changes whenever the SQLite database may have changed: rows changed on this process's
 * one connection (total_changes, counting rolled-back work too) and commits by any other connection
 * (data_version). A validator for conditional reads, as cheap as one tiny query. Null on PostgreSQL
 * (several instances, no such counter): callers hash the reply body instead.
 */
export async function sqliteChangeStamp(db: Db, dialect: string): Promise<string | null> {
  if (dialect !== 'sqlite') return null;
  const row = (await db.executeQuery(CHANGE_STAMP)).rows[0];
  return row ? `${row.v}.${row.c}` : null;
}

/** Everything of one cycle, as the domain and the rules engine read it (the pack's one snapshot read). */
export const loadSnapshot = (db: Db, cycle: Cycle): Promise<Snapshot> => readSnapshot(sqlRecords(db), cycle);

/** Inserts a whole snapshot (demo seed, tests); call inside a transaction. Regions, people, cycle must be new. */
export async function insertSnapshot(db: Db, s: Snapshot): Promise<void> {
  const any = db as unknown as Kysely<Record<string, Record<string, unknown>>>;
  for (const [c, records] of snapshotRecords(s)) {
    // People one by one: a manager's row goes in before their reports refer to it.
    const size = c === 'people' ? 1 : 200;
    for (let i = 0; i < records.length; i += size) {
      const rows = records.slice(i, i + size).map((r) => encodeRow(c, r as never, SQL_ROWS));
      await any.insertInto(SQL_ROWS.table(c)).values(rows).execute();
    }
  }
}
