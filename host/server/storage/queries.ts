import { CompiledQuery, type Kysely } from 'kysely';
import { pickCurrentCycle } from '../../../plugin/app/current-cycle.ts';
import type { Cycle, KeyResult, Person, Snapshot } from '../../../plugin/domain/types.ts';
import {
  fromActivity,
  fromCheckIn,
  fromCycle,
  fromEscalation,
  fromKeyAccount,
  fromKeyResult,
  fromObjective,
  fromPeerReview,
  fromPerson,
  plainLink,
  toActivity,
  toCheckIn,
  toCycle,
  toEscalation,
  toKeyAccount,
  toKeyResult,
  toLink,
  toObjective,
  toPeerReview,
  toPerson,
  toRegion,
} from './mappers.ts';
import type { Database } from './schema.ts';

export type Db = Kysely<Database>;

export async function listCycles(db: Db): Promise<Cycle[]> {
  const rows = await db.selectFrom('cycles').selectAll().orderBy('start_date').execute();
  return rows.map(toCycle);
}

/** The cycle containing `today`, else the latest that started before it, else the first. */
export async function currentCycle(db: Db, today: string): Promise<Cycle | null> {
  return pickCurrentCycle(await listCycles(db), today);
}

export async function getCycle(db: Db, id: string): Promise<Cycle | null> {
  const row = await db.selectFrom('cycles').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toCycle(row) : null;
}

export async function getPerson(db: Db, id: string): Promise<Person | null> {
  const row = await db.selectFrom('people').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toPerson(row) : null;
}

export async function listPeople(db: Db): Promise<Person[]> {
  return (await db.selectFrom('people').selectAll().orderBy('id').execute()).map(toPerson);
}

async function attachLinks(db: Db, rows: Database['key_results'][]): Promise<KeyResult[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const links = await db
    .selectFrom('kr_links')
    .selectAll()
    .where('kr_id', 'in', ids)
    .orderBy('kr_id')
    .orderBy('objective_id')
    .execute();
  const byKr = new Map<string, ReturnType<typeof plainLink>[]>();
  for (const l of links) {
    const list = byKr.get(l.kr_id) ?? [];
    list.push(plainLink(toLink(l)));
    byKr.set(l.kr_id, list);
  }
  return rows.map((r) => toKeyResult(r, byKr.get(r.id) ?? []));
}

/** The stored row of the link from a key result to an objective, if there is one. */
export function getLinkRow(db: Db, krId: string, objectiveId: string) {
  return db
    .selectFrom('kr_links')
    .selectAll()
    .where('kr_id', '=', krId)
    .where('objective_id', '=', objectiveId)
    .executeTakeFirst();
}

export async function getKeyResult(db: Db, id: string): Promise<KeyResult | null> {
  const row = await db.selectFrom('key_results').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return null;
  const [kr] = await attachLinks(db, [row]);
  return kr ?? null;
}

export async function listKeyResults(db: Db, cycleId?: string): Promise<KeyResult[]> {
  let q = db.selectFrom('key_results').selectAll().orderBy('id');
  if (cycleId) q = q.where('cycle_id', '=', cycleId);
  return attachLinks(db, await q.execute());
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
  const rows = await q.execute();
  if (!cycleId) return (await attachLinks(db, rows)).map((kr, i) => ({ kr, custom: rows[i]!.custom }));
  // The cycle's links by a join: one SQL text whatever the number of KRs (a reused statement).
  const links = await db
    .selectFrom('kr_links')
    .innerJoin('key_results', 'key_results.id', 'kr_links.kr_id')
    .selectAll('kr_links')
    .where('key_results.cycle_id', '=', cycleId)
    .orderBy('kr_links.kr_id')
    .orderBy('kr_links.objective_id')
    .execute();
  const byKr = new Map<string, ReturnType<typeof plainLink>[]>();
  for (const l of links) {
    const list = byKr.get(l.kr_id);
    if (list) list.push(plainLink(toLink(l)));
    else byKr.set(l.kr_id, [plainLink(toLink(l))]);
  }
  return rows.map((r) => ({ kr: toKeyResult(r, byKr.get(r.id) ?? []), custom: r.custom }));
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

/** Everything of one cycle, as the domain and the rules engine read it. */
export async function loadSnapshot(db: Db, cycle: Cycle): Promise<Snapshot> {
  const [regions, people, objectives, keyResults] = await Promise.all([
    db.selectFrom('regions').selectAll().orderBy('id').execute(),
    db.selectFrom('people').selectAll().orderBy('id').execute(),
    // Archived objectives and KRs leave the rules and the pool; their rows and audit stay.
    db
      .selectFrom('objectives')
      .selectAll()
      .where('cycle_id', '=', cycle.id)
      .where('archived_at', 'is', null)
      .orderBy('id')
      .execute(),
    listKeyResults(db, cycle.id).then((krs) => krs.filter((k) => !k.archivedAt)),
  ]);
  const krIds = keyResults.map((k) => k.id);
  const firstMonth = cycle.start.slice(0, 7);
  const lastMonth = cycle.end.slice(0, 7);
  const [checkIns, escalations, activities, keyAccounts, peerReviews] = await Promise.all([
    krIds.length
      ? db
          .selectFrom('check_ins')
          .selectAll()
          .where('kr_id', 'in', krIds)
          .orderBy('kr_id')
          .orderBy('month')
          .execute()
      : Promise.resolve([]),
    krIds.length
      ? db
          .selectFrom('escalations')
          .selectAll()
          .where('kr_id', 'in', krIds)
          .orderBy('raised_at')
          .orderBy('id')
          .execute()
      : Promise.resolve([]),
    db
      .selectFrom('activities')
      .selectAll()
      .where('month', '>=', firstMonth)
      .where('month', '<=', lastMonth)
      .orderBy('person_id')
      .orderBy('month')
      .execute(),
    db.selectFrom('key_accounts').selectAll().orderBy('id').execute(),
    db.selectFrom('peer_reviews').selectAll().orderBy('quarter').orderBy('id').execute(),
  ]);
  return {
    cycle,
    regions: regions.map(toRegion),
    people: people.map(toPerson),
    objectives: objectives.map(toObjective).map(({ version: _v, ...o }) => o),
    keyResults,
    checkIns: checkIns.map(toCheckIn),
    escalations: escalations.map(toEscalation),
    activities: activities.map(toActivity),
    keyAccounts: keyAccounts.map(toKeyAccount),
    peerReviews: peerReviews.map(toPeerReview),
  };
}

/** Inserts a whole snapshot (demo seed, tests); call inside a transaction. Regions, people, cycle must be new. */
export async function insertSnapshot(db: Db, s: Snapshot): Promise<void> {
  const chunks = <T>(rows: T[], size = 200): T[][] => {
    const out: T[][] = [];
    for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
    return out;
  };
  for (const r of s.regions) await db.insertInto('regions').values(r).execute();
  // Managers first so the manager_id reference holds.
  const people = [...s.people].sort((a, b) => Number(a.managerId !== null) - Number(b.managerId !== null));
  const inserted = new Set<string>();
  const pending = [...people];
  while (pending.length) {
    const idx = pending.findIndex((p) => p.managerId === null || inserted.has(p.managerId));
    const next = idx >= 0 ? pending.splice(idx, 1)[0]! : pending.shift()!;
    await db.insertInto('people').values(fromPerson(next)).execute();
    inserted.add(next.id);
  }
  await db.insertInto('cycles').values(fromCycle(s.cycle)).execute();
  for (const c of chunks(s.objectives))
    await db
      .insertInto('objectives')
      .values(c.map((o) => fromObjective(o)))
      .execute();
  for (const c of chunks(s.keyResults))
    await db.insertInto('key_results').values(c.map(fromKeyResult)).execute();
  const links = s.keyResults.flatMap((k) =>
    k.links.map((l) => ({
      kr_id: k.id,
      objective_id: l.objectiveId,
      weight: l.weight,
      linked_at: l.linkedAt,
      version: 1,
    })),
  );
  for (const c of chunks(links)) await db.insertInto('kr_links').values(c).execute();
  for (const c of chunks(s.checkIns)) await db.insertInto('check_ins').values(c.map(fromCheckIn)).execute();
  for (const c of chunks(s.escalations))
    await db.insertInto('escalations').values(c.map(fromEscalation)).execute();
  for (const c of chunks(s.activities))
    await db.insertInto('activities').values(c.map(fromActivity)).execute();
  for (const c of chunks(s.keyAccounts))
    await db.insertInto('key_accounts').values(c.map(fromKeyAccount)).execute();
  for (const c of chunks(s.peerReviews))
    await db.insertInto('peer_reviews').values(c.map(fromPeerReview)).execute();
}
