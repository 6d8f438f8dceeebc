import { alignmentRate, linkedRate } from './alignment.ts';
import { cycleMonths, monthEnd, monthOf, parseUtc } from './dates.ts';
import { averageResponseDays } from './escalations.ts';
import { keyResultAt, krProgress } from './pace.ts';
import type { Settings } from './settings.ts';
import type { Activity, CheckIn, Id, KeyResult, Month, Snapshot } from './types.ts';

/** High-margin share of signed deal amounts (0..1); null when nothing was signed. */
export function highMarginShare(activities: Activity[]): number | null {
  let deals = 0;
  let highMargin = 0;
  for (const activity of activities) {
    deals += activity.dealsAmountCents;
    highMargin += activity.highMarginAmountCents;
  }
  return deals === 0 ? null : highMargin / deals;
}

/** The personal KRs a person owns. */
export function personalKeyResultsOf(personId: Id, krs: KeyResult[]): KeyResult[] {
  return krs.filter((kr) => kr.ownerType === 'person' && kr.ownerId === personId);
}

/** The newest check-in of `krId` for `month` or an earlier month (the newest submission wins a tie). */
export function latestCheckInUpTo(krId: Id, checkIns: CheckIn[], month: Month): CheckIn | null {
  let latest: CheckIn | null = null;
  for (const checkIn of checkIns) {
    if (checkIn.krId !== krId || checkIn.month > month) continue;
    if (
      latest === null ||
      checkIn.month > latest.month ||
      (checkIn.month === latest.month &&
        parseUtc(checkIn.submittedAt).valueOf() >= parseUtc(latest.submittedAt).valueOf())
    ) {
      latest = checkIn;
    }
  }
  return latest;
}

/**
 * Progress of a KR at the end of `month` from its newest check-in up to then, against the target
 * in force at the month end; 0 without a check-in (the value is still the baseline).
 */
export function progressAt(kr: KeyResult, checkIns: CheckIn[], month: Month): number {
  const checkIn = latestCheckInUpTo(kr.id, checkIns, month);
  return checkIn === null ? 0 : krProgress(keyResultAt(kr, monthEnd(month)), checkIn.value);
}

/**
 * Completion rate of a person at the end of `month`: the mean progress of their personal KRs, each
 * capped at `contribution.progressCapPercent`. Null when the person owns no KR.
 */
export function completionRate(
  personId: Id,
  snapshot: Snapshot,
  month: Month,
  settings: Settings,
): number | null {
  const krs = personalKeyResultsOf(personId, snapshot.keyResults);
  if (krs.length === 0) return null;
  const cap = settings.contribution.progressCapPercent / 100;
  const total = krs.reduce((sum, kr) => sum + Math.min(cap, progressAt(kr, snapshot.checkIns, month)), 0);
  return total / krs.length;
}

/** How far apart the completion rates of the sales people are. */
export interface CompletionSpread {
  min: number;
  max: number;
  /** max − min. */
  spread: number;
  /** Population standard deviation. */
  stdev: number;
}

/** Spread of completion rates over the sales people who own KRs; null when there are none. */
export function completionSpread(
  snapshot: Snapshot,
  month: Month,
  settings: Settings,
): CompletionSpread | null {
  const rates = snapshot.people
    .filter((person) => person.role === 'sales')
    .map((person) => completionRate(person.id, snapshot, month, settings))
    .filter((rate): rate is number => rate !== null);
  if (rates.length === 0) return null;
  const min = Math.min(...rates);
  const max = Math.max(...rates);
  const mean = rates.reduce((sum, rate) => sum + rate, 0) / rates.length;
  const variance = rates.reduce((sum, rate) => sum + (rate - mean) ** 2, 0) / rates.length;
  return { min, max, spread: max - min, stdev: Math.sqrt(variance) };
}

/** The case's result metrics at the end of one cycle month. */
export interface CycleMetrics {
  month: Month;
  /** Share (0..1) of personal KRs at or above `alignment.minScore`. */
  alignmentRate: number;
  /** Share (0..1) of personal KRs with an explicit link. */
  linkedRate: number;
  /** Mean response days of the escalations resolved by the month end. */
  averageResponseDays: number | null;
  /** High-margin share (0..1) of the deals signed in the month. */
  highMarginShare: number | null;
  /** max − min of the sales people's completion rates. */
  completionSpread: number | null;
}

/** One `CycleMetrics` per cycle month, each computed as of that month's last day. */
export function metricsByMonth(snapshot: Snapshot, settings: Settings): CycleMetrics[] {
  return cycleMonths(snapshot.cycle).map((month) => {
    const at = monthEnd(month);
    return {
      month,
      alignmentRate: alignmentRate(snapshot.keyResults, snapshot.objectives, settings, at).rate,
      linkedRate: linkedRate(snapshot.keyResults, at).rate,
      // The month's own resolutions, so the trend shows (a running average would hide it).
      averageResponseDays: averageResponseDays(
        snapshot.escalations.filter((e) => e.resolvedAt !== null && monthOf(e.resolvedAt) === month),
      ),
      highMarginShare: highMarginShare(snapshot.activities.filter((activity) => activity.month === month)),
      completionSpread: completionSpread(snapshot, month, settings)?.spread ?? null,
    };
  });
}
