import { pickCurrentCycle } from '../app/current-cycle.ts';
import type { AppRecords, RecordName } from '../app/ports.ts';
import { cycleMonths, quarterOf } from '../domain/dates.ts';
import type { Cycle, Id, Snapshot } from '../domain/types.ts';
import { entityOf } from './row-codec.ts';
import type { FieldFilter } from './table-records.ts';

/** What a snapshot reads: the records of one kind matching a filter (`TableRecords` on both hosts). */
export interface RecordFinder {
  find<C extends RecordName>(c: C, where?: FieldFilter<AppRecords[C]>): Promise<AppRecords[C][]>;
}

/** The cycle `cycleId`, or the current one on `today`; null when there is none. */
export async function snapshotCycle(
  records: RecordFinder,
  today: string,
  cycleId?: Id,
): Promise<Cycle | null> {
  if (cycleId) return (await records.find('cycles', { id: cycleId }))[0] ?? null;
  return pickCurrentCycle(await records.find('cycles'), today);
}

// Code-unit order (SQLite's BINARY collation), and cheaper than localeCompare.
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const byId = <T extends { id: string }>(a: T, b: T) => cmp(a.id, b.id);

/**
 * Everything of one cycle as the domain and the rules engine read it, the same on every host.
 * Archived objectives and KRs leave the rules and the pool; their rows stay.
 */
export async function readSnapshot(records: RecordFinder, cycle: Cycle): Promise<Snapshot> {
  const entities = async <C extends RecordName>(c: C, where?: FieldFilter<AppRecords[C]>) =>
    (await records.find(c, where)).map((r) => entityOf(c, r));
  const months = cycleMonths(cycle);
  const quarters = [...new Set(months.map(quarterOf))];
  const [regions, people, objectives, keyResults, activities, keyAccounts, peerReviews] = await Promise.all([
    entities('regions'),
    entities('people'),
    entities('objectives', { cycleId: cycle.id }),
    entities('keyResults', { cycleId: cycle.id }),
    entities('activities', { month: { in: months } }),
    entities('keyAccounts'),
    entities('peerReviews', { quarter: { in: quarters } }),
  ]);
  const krs = keyResults.filter((k) => !k.archivedAt).sort(byId);
  const krId = { in: krs.map((k) => k.id) };
  const [checkIns, escalations] = await Promise.all([
    entities('checkIns', { krId }),
    entities('escalations', { krId }),
  ]);
  return {
    cycle,
    regions: regions.sort(byId),
    people: people.sort(byId),
    objectives: objectives.filter((o) => !o.archivedAt).sort(byId),
    keyResults: krs,
    checkIns: checkIns.sort((a, b) => cmp(a.krId, b.krId) || cmp(a.month, b.month) || byId(a, b)),
    escalations: escalations.sort((a, b) => cmp(a.raisedAt, b.raisedAt) || byId(a, b)),
    activities: activities.sort((a, b) => cmp(a.personId, b.personId) || cmp(a.month, b.month)),
    keyAccounts: keyAccounts.sort(byId),
    peerReviews: peerReviews.sort((a, b) => cmp(a.quarter, b.quarter) || byId(a, b)),
  };
}

/** A snapshot as records to write, each kind after the kinds it refers to (managers before their reports). */
export function snapshotRecords(
  s: Snapshot,
): { [C in RecordName]: readonly [C, AppRecords[C][]] }[RecordName][] {
  const people: Snapshot['people'] = [];
  const placed = new Set<string>();
  const pending = [...s.people].sort((a, b) => Number(a.managerId !== null) - Number(b.managerId !== null));
  while (pending.length) {
    const at = pending.findIndex((p) => p.managerId === null || placed.has(p.managerId));
    for (const next of pending.splice(Math.max(at, 0), 1)) {
      people.push(next);
      placed.add(next.id);
    }
  }
  const links = s.keyResults.flatMap((kr) => kr.links.map((l) => ({ ...l, krId: kr.id, version: 1 })));
  return [
    ['regions', s.regions],
    ['people', people],
    ['cycles', s.cycle ? [s.cycle] : []],
    ['objectives', s.objectives as AppRecords['objectives'][]],
    ['keyResults', s.keyResults],
    ['links', links],
    ['checkIns', s.checkIns],
    ['escalations', s.escalations as AppRecords['escalations'][]],
    ['activities', s.activities],
    ['keyAccounts', s.keyAccounts],
    ['peerReviews', s.peerReviews],
  ];
}
