import {
  type ContributionDetail,
  crossRegionHelp,
  detailFromParts,
  peerScore,
  type SystemPart,
  systemScoreOfParts,
} from '../domain/contribution.ts';
import { asOfMillis, monthEnd, quarterMonths, utcMillis } from '../domain/dates.ts';
import type { Settings } from '../domain/settings.ts';
import type { SnapshotIndex } from '../domain/snapshot-index.ts';
import type { Id, KeyResult, Objective, Quarter, Snapshot } from '../domain/types.ts';
import type { EvalFrame, MetricSlots } from './org-eval.ts';

const byKrId = (a: KeyResult, b: KeyResult) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Each sales person's contribution detail for the pool run of a full evaluation: the peer score and
 * the cross-region help from the domain functions, the system score (`systemScore`) from the
 * progress the KR pass wrote to `slots`, which is the same number: capped progress at the end of the
 * quarter's last month from the check-in that counts then, against the target then in force.
 * Undefined when that month is not one of the frame's metrics months (the domain computes it then).
 * @param owned each person's personal KRs in snapshot order, with their slots
 */
export function poolDetails(
  snapshot: Snapshot,
  settings: Settings,
  quarter: Quarter,
  index: SnapshotIndex,
  frame: EvalFrame,
  slots: MetricSlots,
  owned: ReadonlyMap<Id, { krs: readonly KeyResult[]; slots: readonly number[] }>,
): ((personId: Id) => ContributionDetail) | undefined {
  const lastMonth = quarterMonths(quarter)[2]!;
  const month = frame.monthIndex.get(lastMonth);
  // A KR without a check-in has progress 0, which its slot holds only when the cap is not negative.
  if (month === undefined || month >= frame.metricMonths || frame.cap < 0) return undefined;
  const quarterEndMillis = asOfMillis(monthEnd(lastMonth));
  // `objectives.find`: the first objective with an id.
  const objectives = new Map<Id, Objective>();
  for (const objective of snapshot.objectives)
    if (!objectives.has(objective.id)) objectives.set(objective.id, objective);
  const partOf = (kr: KeyResult, slot: number): SystemPart => {
    let weight = 0;
    for (const link of kr.links) {
      if (utcMillis(link.linkedAt) > quarterEndMillis) continue;
      const objective = objectives.get(link.objectiveId);
      if (objective) weight += (link.weight / 100) * objective.weight;
    }
    return {
      krId: kr.id,
      progress: slots.progress[slot * frame.metricMonths + month]!,
      strategicWeight: weight,
    };
  };
  return (personId) => {
    const mine = owned.get(personId);
    const parts: SystemPart[] = [];
    if (mine !== undefined) {
      const { krs } = mine;
      let sorted = true;
      for (let i = 1; i < krs.length && sorted; i++) sorted = byKrId(krs[i - 1]!, krs[i]!) <= 0;
      if (sorted) for (let i = 0; i < krs.length; i++) parts.push(partOf(krs[i]!, mine.slots[i]!));
      else {
        // Array.prototype.sort is stable: KRs with the same id keep their snapshot order, as in systemScore.
        const order = krs.map((_, i) => i).sort((a, b) => byKrId(krs[a]!, krs[b]!));
        for (const i of order) parts.push(partOf(krs[i]!, mine.slots[i]!));
      }
    }
    const peer = peerScore(index.reviewsByReviewee.get(personId) ?? [], personId, quarter, settings);
    const help = crossRegionHelp(personId, snapshot, quarter, settings, index);
    return detailFromParts(personId, peer, systemScoreOfParts(parts), help, settings);
  };
}
