import { alignmentFactors, alignmentScore } from '../../../../plugin/domain/alignment.ts';
import { biggestGap, type FactorPoints, factorPoints } from '../../../../plugin/domain/alignment-gaps.ts';
import { cycleMonths } from '../../../../plugin/domain/dates.ts';
import { expectedProgress, keyResultAtMonthEnd } from '../../../../plugin/domain/pace.ts';
import type { Settings } from '../../../../plugin/domain/settings.ts';
import type { CheckIn, Cycle, KeyResult, Objective } from '../../../../plugin/domain/types.ts';

export interface ScoreBreakdown {
  score: number;
  minScore: number;
  below: boolean;
  rows: FactorPoints[];
  /** The one action that raises the score most, or null when nothing is missing. */
  best: FactorPoints | null;
}

/** The KR's alignment score by factor, through the domain's own scoring. */
export function scoreBreakdown(kr: KeyResult, objectives: Objective[], settings: Settings): ScoreBreakdown {
  const factors = alignmentFactors(kr, objectives, settings);
  const score = alignmentScore(kr, objectives, settings);
  const { minScore } = settings.alignment;
  return {
    score,
    minScore,
    below: score < minScore,
    rows: factorPoints(factors, settings),
    best: biggestGap(factors, settings),
  };
}

/** Points shown to people: whole or one decimal, never float noise. */
export const points = (n: number) => Math.round(n * 10) / 10;

export interface PaceSeries {
  months: string[];
  /** The checked-in value per month (null: no check-in). */
  actual: (number | null)[];
  /** Where the value should be at each month end to keep pace with the target then in force. */
  expected: number[];
}

/** Check-ins against the expected pace, month by month over the KR's cycle. */
export function paceSeries(kr: KeyResult, checkIns: CheckIn[], cycle: Cycle): PaceSeries {
  const months = cycleMonths(cycle);
  const byMonth = new Map(checkIns.filter((c) => c.krId === kr.id).map((c) => [c.month, c.value]));
  return {
    months,
    actual: months.map((m) => byMonth.get(m) ?? null),
    expected: months.map((m) => {
      const { baseline, target } = keyResultAtMonthEnd(kr, m);
      return points(baseline + expectedProgress(cycle, m) * (target - baseline));
    }),
  };
}
