import { cycleMonths } from '../domain/dates.ts';
import type { Cycle, Id, Person } from '../domain/types.ts';
import { badRequest, conflict, notFound } from './errors.ts';
import type { AppRecords, Records } from './ports.ts';

export async function loadKeyResult(
  records: Pick<Records, 'get'>,
  id: Id,
): Promise<AppRecords['keyResults']> {
  const kr = await records.get('keyResults', id);
  if (!kr) throw notFound('key result', id);
  return kr;
}

/** Refuses a region id that names no region; nothing to check without one. */
export async function requireRegion(records: Pick<Records, 'get'>, regionId: Id | null | undefined) {
  if (regionId && !(await records.get('regions', regionId))) throw notFound('region', regionId);
}

/** The cycle, refused when it is locked: its records no longer change. */
export async function openCycle(records: Pick<Records, 'get'>, cycleId: Id): Promise<Cycle> {
  const cycle = await records.get('cycles', cycleId);
  if (!cycle) throw notFound('cycle', cycleId);
  if (cycle.locked)
    throw conflict('cycle-locked', `cycle ${cycle.name}: the cycle is locked; its records no longer change`, {
      params: { cycle: cycle.name },
    });
  return cycle;
}

/** Refuses a month the cycle does not span (a check-in or escalation for 2099-01 in 2026 H1). */
export function monthInCycle(cycle: Cycle, month: string, what: string): void {
  if (!cycleMonths(cycle).includes(month))
    throw badRequest(
      'month-outside-cycle',
      `${what}: month ${month} is not in cycle ${cycle.name}; pick a month of the cycle`,
      { params: { month } },
    );
}

/** People not recorded as leaving: a leaver's work was handed over (person.leave), none goes back to them. */
export const staying = <P extends Pick<Person, 'leftOn'>>(people: Iterable<P>): P[] =>
  [...people].filter((p) => !p.leftOn);
