import { alignmentScore } from '../../plugin/domain/alignment.ts';
import { cycleMonths, monthEnd, quarterOf } from '../../plugin/domain/dates.ts';
import { type Health, healthOf, medianHealth, teamHealth } from '../../plugin/domain/health.ts';
import { type CycleMetrics, metricsByMonth } from '../../plugin/domain/metrics.ts';
import { krColours } from '../../plugin/domain/pace.ts';
import { computePoolRun, type PoolRunResult } from '../../plugin/domain/pool.ts';
import type { Settings } from '../../plugin/domain/settings.ts';
import type { Month, Objective, Snapshot } from '../../plugin/domain/types.ts';
import type { AlignmentCard } from '../AlignmentBoard/board-model.ts';
import type { CalibrationRow } from '../CalibrationBoard/calibration-model.ts';
import type { MetricsBaseline } from '../MetricsDashboard/metrics-option.ts';

/** The case study's values before the change (38 % aligned, 11 days to respond, 41 % high-margin). */
export const CASE_BASELINE: MetricsBaseline = {
  alignmentRate: 0.38,
  averageResponseDays: 11,
  highMarginShare: 0.41,
};

export interface GalleryData {
  at: string;
  months: Month[];
  objectives: Objective[];
  cards: AlignmentCard[];
  calibrationRows: CalibrationRow[];
  radar: { rep?: { name: string; health: Health }; team?: Health; median?: Health; month: Month };
  pool: PoolRunResult;
  people: { id: string; name: string }[];
  metrics: CycleMetrics[];
}

/** What a host computes with plugin/domain before handing props to the widgets. */
export function alignmentCards(snapshot: Snapshot, settings: Settings, at: string): AlignmentCard[] {
  const objectives = snapshot.objectives.filter((o) => o.cycleId === snapshot.cycle.id);
  const people = new Map(snapshot.people.map((p) => [p.id, p]));
  const regions = new Map(snapshot.regions.map((r) => [r.id, r.name]));
  return snapshot.keyResults.map((kr) => {
    const person = kr.ownerType === 'person' ? people.get(kr.ownerId) : undefined;
    const regionId = kr.ownerType === 'region' ? kr.ownerId : (person?.regionId ?? null);
    const regionName = regionId === null ? '' : (regions.get(regionId) ?? regionId);
    const score = alignmentScore(kr, objectives, settings, at);
    return {
      kr,
      ownerName: person?.name ?? regionName,
      regionId,
      regionName,
      score,
      belowThreshold: score < settings.alignment.minScore,
    };
  });
}

export function calibrationRows(snapshot: Snapshot, settings: Settings, at: string): CalibrationRow[] {
  const regions = new Map(snapshot.regions.map((r) => [r.id, r.name]));
  const rows: CalibrationRow[] = [];
  for (const person of snapshot.people.filter((p) => p.role === 'sales')) {
    for (const kr of snapshot.keyResults) {
      if (kr.ownerType !== 'person' || kr.ownerId !== person.id) continue;
      rows.push({
        personId: person.id,
        personName: person.name,
        regionId: person.regionId,
        regionName: person.regionId === null ? '' : (regions.get(person.regionId) ?? ''),
        kr,
        colours: krColours(kr, snapshot.checkIns, snapshot.cycle, settings, at),
      });
    }
  }
  return rows.sort(
    (a, b) => a.regionName.localeCompare(b.regionName) || a.personId.localeCompare(b.personId),
  );
}

/** Everything the gallery shows, as of the end of the cycle's last month with check-ins. */
export function galleryData(snapshot: Snapshot, settings: Settings): GalleryData {
  const months = cycleMonths(snapshot.cycle);
  const checkedMonths = months.filter((m) => snapshot.checkIns.some((c) => c.month === m));
  const lastMonth = checkedMonths.at(-1) ?? months[0] ?? '';
  // As of the last check-in, so the newest month with check-ins shows its colours.
  const at =
    [monthEnd(lastMonth), ...snapshot.checkIns.map((c) => c.submittedAt)].sort().at(-1) ??
    monthEnd(lastMonth);
  const sales = snapshot.people.filter((p) => p.role === 'sales');
  const rep = sales[0];
  const ids = sales.map((p) => p.id);
  const completeQuarter = quarterOf(months[2] ?? lastMonth);
  return {
    at,
    months,
    objectives: snapshot.objectives.filter((o) => o.cycleId === snapshot.cycle.id),
    cards: alignmentCards(snapshot, settings, at),
    calibrationRows: calibrationRows(snapshot, settings, at),
    radar: {
      month: lastMonth,
      rep: rep && { name: rep.name, health: healthOf(rep.id, snapshot, settings, lastMonth) },
      team: teamHealth(ids, snapshot, settings, lastMonth) ?? undefined,
      median: medianHealth(ids, snapshot, settings, lastMonth) ?? undefined,
    },
    pool: computePoolRun(snapshot, settings, completeQuarter),
    people: snapshot.people.map((p) => ({ id: p.id, name: p.name })),
    metrics: metricsByMonth(snapshot, settings),
  };
}
