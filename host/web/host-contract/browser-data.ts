import { cycleMonths } from '../../../plugin/domain/dates.ts';
import type { Id, Snapshot } from '../../../plugin/domain/types.ts';
import type { Endpoints } from '../api/endpoints.ts';

/**
 * The browser side of `DataPort.snapshot`: one cycle's data as far as the signed-in user may read it,
 * assembled from the reference host's API. Pay the user may not see comes as 0; peer reviews are
 * never sent to the browser (only aggregates), so the list is empty.
 */
export async function loadSnapshot(api: Endpoints, cycleId?: Id): Promise<Snapshot> {
  const { cycles, currentId } = await api.cycles();
  const id = cycleId ?? currentId;
  const cycle = cycles.find((c) => c.id === id);
  if (!cycle) throw new Error(`web: cycle "${id ?? ''}" does not exist; pick a cycle from the list`);
  const months = new Set(cycleMonths(cycle));
  const [regions, people, objectives, keyResults, checkIns, escalations, activities, keyAccounts] =
    await Promise.all([
      api.regions(),
      api.people(),
      api.objectives(cycle.id),
      api.keyResults(cycle.id),
      api.checkIns({ cycleId: cycle.id }),
      api.escalations({ cycleId: cycle.id }),
      api.activities(),
      api.keyAccounts(),
    ]);
  return {
    cycle,
    regions,
    people: people.map((p) => ({ ...p, baseBonusCents: p.baseBonusCents ?? 0 })),
    objectives: objectives.map(({ version: _v, ...o }) => o),
    keyResults,
    checkIns,
    escalations,
    activities: activities.filter((a) => months.has(a.month)),
    keyAccounts,
    peerReviews: [],
  };
}
