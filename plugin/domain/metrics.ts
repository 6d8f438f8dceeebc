import { alignmentRate, linkedRate } from './alignment.ts';
import { newestCheckIn, newestCheckInOfSorted } from './check-in-order.ts';
import { cycleMonths, monthEnd, monthOf } from './dates.ts';
import { averageResponseDays } from './escalations.ts';
import { owesCheckIn } from './kr-lifetime.ts';
import { keyResultAtMonthEnd, krProgress } from './pace.ts';
import type { Settings } from './settings.ts';
import { indexSnapshot, type SnapshotIndex } from './snapshot-index.ts';
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

/** The personal KRs a person owns that existed in `month` (created in it or before). */
export function personalKeyResultsIn(personId: Id, krs: readonly KeyResult[], month: Month): KeyResult[] {
  return krs.filter((kr) => kr.ownerType === 'person' && kr.ownerId === personId && owesCheckIn(kr, month));
}

/**
 * The check-in of `krId` that counts at the end of `month`: the latest month up to `month`, then the
 * newest submission, then the larger id ({@link isNewerCheckIn}); independent of the order given.
 */
export function latestCheckInUpTo(krId: Id, checkIns: readonly CheckIn[], month: Month): CheckIn | null {
  return newestCheckIn(checkIns.filter((c) => c.krId === krId && c.month <= month));
}

function progressOf(kr: KeyResult, checkIn: CheckIn | null, month: Month): number {
  return checkIn === null ? 0 : krProgress(keyResultAtMonthEnd(kr, month), checkIn.value);
}

/**
 * Progress of a KR at the end of `month` from its newest check-in up to then, against the target
 * in force at the month end; 0 without a check-in (the value is still the baseline).
 */
export function progressAt(kr: KeyResult, checkIns: CheckIn[], month: Month): number {
  return progressOf(kr, latestCheckInUpTo(kr.id, checkIns, month), month);
}

/**
 * Completion rate of a person at the end of `month`: the mean progress of their personal KRs that
 * existed in `month`, each capped at `contribution.progressCapPercent`. Null when there is none.
 * @param index lookups of `snapshot` (see `indexSnapshot`), when the caller has them already
 */
export function completionRate(
  personId: Id,
  snapshot: Snapshot,
  month: Month,
  settings: Settings,
  index?: SnapshotIndex,
): number | null {
  const krs = personalKeyResultsIn(
    personId,
    index ? (index.personalKrsByOwner.get(personId) ?? []) : snapshot.keyResults,
    month,
  );
  if (krs.length === 0) return null;
  const cap = settings.contribution.progressCapPercent / 100;
  const progress = (kr: KeyResult) =>
    index
      ? progressOf(kr, newestCheckInOfSorted(index.checkInsByKr.get(kr.id) ?? [], month), month)
      : progressAt(kr, snapshot.checkIns, month);
  const total = krs.reduce((sum, kr) => sum + Math.min(cap, progress(kr)), 0);
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
  index: SnapshotIndex = indexSnapshot(snapshot),
): CompletionSpread | null {
  const rates = snapshot.people
    .filter((person) => person.role === 'sales')
    .map((person) => completionRate(person.id, snapshot, month, settings, index))
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

/**
 * One `CycleMetrics` per cycle month, each computed as of that month's last day.
 * @param index lookups of `snapshot` (see `indexSnapshot`), when the caller has them already
 */
export function metricsByMonth(
  snapshot: Snapshot,
  settings: Settings,
  index: SnapshotIndex = indexSnapshot(snapshot),
): CycleMetrics[] {
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
      completionSpread: completionSpread(snapshot, month, settings, index)?.spread ?? null,
    };
  });
}
