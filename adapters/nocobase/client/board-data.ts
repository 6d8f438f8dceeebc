import { cycleMonths, monthOf } from '../../../plugin/domain/dates.ts';
import { type Health, healthOf, medianHealth, teamHealth } from '../../../plugin/domain/health.ts';
import type { Settings } from '../../../plugin/domain/settings.ts';
import type { Id, Month, Snapshot } from '../../../plugin/domain/types.ts';
import type { Evaluation } from '../../../plugin/engine/evaluate.ts';
import type { AlignmentCard } from '../../../widgets/AlignmentBoard/board-model.ts';
import type { CalibrationRow } from '../../../widgets/CalibrationBoard/calibration-model.ts';

/** What `okrAlign:board` answers: the cycle's data, its evaluation, the settings in force and the date used. */
export interface BoardData {
  snapshot: Snapshot;
  evaluation: Evaluation;
  settings: Settings;
  at: string;
}

const names = (s: Snapshot) => ({
  person: new Map(s.people.map((p) => [p.id, p])),
  region: new Map(s.regions.map((r) => [r.id, r.name])),
});

/** Cards of the alignment board: every KR with its owner, region and alignment score. */
export function alignmentCards(d: BoardData): AlignmentCard[] {
  const n = names(d.snapshot);
  const score = new Map(d.evaluation.alignment.perKr.map((k) => [k.krId, k.score]));
  return d.snapshot.keyResults.map((kr) => {
    const person = kr.ownerType === 'person' ? n.person.get(kr.ownerId) : undefined;
    const regionId = kr.ownerType === 'region' ? kr.ownerId : (person?.regionId ?? null);
    const s = score.get(kr.id) ?? 0;
    return {
      kr,
      ownerName: person?.name ?? (regionId ? (n.region.get(regionId) ?? kr.ownerId) : kr.ownerId),
      regionId,
      regionName: regionId ? (n.region.get(regionId) ?? regionId) : '',
      score: s,
      belowThreshold: s < d.settings.alignment.minScore,
    };
  });
}

/** Rows of the calibration board: personal KRs with their month colours. */
export function calibrationRows(d: BoardData): CalibrationRow[] {
  const n = names(d.snapshot);
  return d.snapshot.keyResults
    .filter((kr) => kr.ownerType === 'person')
    .map((kr) => {
      const person = n.person.get(kr.ownerId);
      const regionId = person?.regionId ?? null;
      return {
        personId: kr.ownerId,
        personName: person?.name ?? kr.ownerId,
        regionId,
        regionName: regionId ? (n.region.get(regionId) ?? regionId) : '',
        kr,
        colours: d.evaluation.colours.filter((c) => c.krId === kr.id),
      };
    });
}

/** Months of the cycle up to the evaluation date. */
export function monthsUpTo(d: BoardData): Month[] {
  const last = monthOf(d.at);
  return cycleMonths(d.snapshot.cycle).filter((m) => m <= last);
}

/** Radar series of one rep (default: the first sales person) against their region. */
export function radarData(
  d: BoardData,
  personId?: Id,
): { rep?: { name: string; health: Health }; team?: Health; median?: Health } {
  const sales = d.snapshot.people.filter((p) => p.role === 'sales');
  const rep = sales.find((p) => p.id === personId) ?? sales[0];
  if (!rep) return {};
  const month = monthsUpTo(d).at(-1) ?? monthOf(d.snapshot.cycle.start);
  const team = sales.filter((p) => p.regionId === rep.regionId).map((p) => p.id);
  return {
    rep: { name: rep.name, health: healthOf(rep.id, d.snapshot, d.settings, month) },
    team: teamHealth(team, d.snapshot, d.settings, month) ?? undefined,
    median: medianHealth(team, d.snapshot, d.settings, month) ?? undefined,
  };
}
