import { isNewerCheckIn } from './check-in-order.ts';
import { addMonths, asOfMillis, cycleMonths, dayOfMonth, monthEnd, utcMillis } from './dates.ts';
import { firstOwedMonth } from './kr-lifetime.ts';
import type { Settings } from './settings.ts';
import type { CheckIn, Colour, Cycle, Id, IsoDate, KeyResult, Month } from './types.ts';

/**
 * Progress of a KR at `value` as a fraction: 0 at the baseline, 1 at the target, above 1 when the
 * target is beaten, never below 0. Works for falling targets too (target below baseline). A
 * milestone, or a KR whose target equals its baseline, is 1 once `value` reaches the target, else 0.
 */
export function krProgress(kr: KeyResult, value: number): number {
  if (kr.metric === 'milestone' || kr.target === kr.baseline) {
    return value >= kr.target ? 1 : 0;
  }
  return Math.max(0, (value - kr.baseline) / (kr.target - kr.baseline));
}

/**
 * The target in force as of `at`: the newest revision made by then, or the target before the first
 * later revision, or the current target when it was never revised.
 */
export function targetAt(kr: KeyResult, at: string): number {
  const atMillis = asOfMillis(at);
  if (kr.targetHistory.length === 0) return kr.target;
  const revisions = [...kr.targetHistory].sort((a, b) => utcMillis(a.at) - utcMillis(b.at));
  let target: number | null = null;
  for (const revision of revisions) {
    if (utcMillis(revision.at) <= atMillis) {
      target = revision.newTarget;
    } else {
      return target ?? revision.previousTarget;
    }
  }
  return target ?? kr.target;
}

/** The KR as it stood at `at`, with the target then in force. */
export function keyResultAt(kr: KeyResult, at: string): KeyResult {
  const target = targetAt(kr, at);
  return target === kr.target ? kr : { ...kr, target };
}

/** The KR as it stood at the end of `month` ({@link keyResultAt} its {@link monthEnd}). */
export function keyResultAtMonthEnd(kr: KeyResult, month: Month): KeyResult {
  // Never revised: the current target is the one in force, whatever the date (and no date is made).
  return kr.targetHistory.length === 0 ? kr : keyResultAt(kr, monthEnd(month));
}

/**
 * Share of the cycle's months elapsed at the end of `month`: 1/6 for the first month of a half year,
 * 1 for the last; 0 before the cycle and 1 after it.
 */
export function expectedProgress(cycle: Cycle, month: Month): number {
  return expectedProgressIn(cycleMonths(cycle), month);
}

/** {@link expectedProgress} over the cycle's months, computed once by the caller. */
function expectedProgressIn(months: readonly Month[], month: Month): number {
  const first = months[0];
  const last = months[months.length - 1];
  if (first === undefined || last === undefined || month < first) return 0;
  if (month > last) return 1;
  return (months.indexOf(month) + 1) / months.length;
}

// Rounding away float noise keeps a pace of exactly a band edge (e.g. 90) from reading 89.999….
const PACE_PRECISION = 1e9;

/** Progress made as a percentage of progress expected; 100 when nothing is expected yet. */
export function pacePercent(progress: number, expected: number): number {
  if (expected <= 0) return 100;
  return Math.round(((100 * progress) / expected) * PACE_PRECISION) / PACE_PRECISION;
}

/** Colour of a pace: green from `greenMinPacePercent`, amber from `amberMinPacePercent`, else red. */
export function colourFromPace(pace: number, settings: Settings): Colour {
  const { greenMinPacePercent, amberMinPacePercent } = settings.calibration;
  if (pace >= greenMinPacePercent) return 'green';
  if (pace >= amberMinPacePercent) return 'amber';
  return 'red';
}

/** The day the check-in of `month` is due: day `calibration.checkinDueDay` of the next month. */
export function checkInDueDate(month: Month, settings: Settings): IsoDate {
  return dayOfMonth(addMonths(month, 1), settings.calibration.checkinDueDay);
}

/** The calibration colour of one KR for one month. */
export interface MonthColour {
  krId: Id;
  month: Month;
  colour: Colour;
  /** Null when the check-in is missing. */
  pacePercent: number | null;
  /** No check-in by the due date: counts as red. */
  missing: boolean;
  checkInId: Id | null;
  /** Consecutive amber months ending with this one (0 when this month is not amber). */
  amberStreak: number;
  /** Consecutive red months ending with this one (0 when this month is not red). */
  redStreak: number;
}

/** The newest check-in per month of one KR, among those submitted by `at`. */
function latestCheckInByMonth(
  krId: Id,
  checkIns: CheckIn[],
  at: string,
): Map<Month, { checkIn: CheckIn; millis: number }> {
  const atMillis = asOfMillis(at);
  const byMonth = new Map<Month, { checkIn: CheckIn; millis: number }>();
  for (const checkIn of checkIns) {
    if (checkIn.krId !== krId) continue;
    const millis = utcMillis(checkIn.submittedAt);
    if (millis > atMillis) continue;
    const previous = byMonth.get(checkIn.month);
    if (!previous || isNewerCheckIn(checkIn, previous.checkIn))
      byMonth.set(checkIn.month, { checkIn, millis });
  }
  return byMonth;
}

/** True once the whole due day of `month`'s check-in lies before the "as of" instant `atMillis`. */
function isPastDue(month: Month, settings: Settings, atMillis: number): boolean {
  return atMillis > asOfMillis(checkInDueDate(month, settings));
}

/**
 * Colours of one KR per cycle month as of `at`: months with a check-in submitted by `at`, and months
 * whose check-in due date has passed (those without a check-in are red and `missing`), from the KR's
 * {@link firstOwedMonth} on (earlier months have no row). Pace compares
 * progress against the target in force at the end of the month. Streaks count consecutive months.
 */
export function krColours(
  kr: KeyResult,
  checkIns: CheckIn[],
  cycle: Cycle,
  settings: Settings,
  at: string,
): MonthColour[] {
  const byMonth = latestCheckInByMonth(kr.id, checkIns, at);
  const atMillis = asOfMillis(at);
  const months = cycleMonths(cycle);
  return monthColours(
    kr,
    months,
    settings,
    (i) => byMonth.get(months[i]!)?.checkIn,
    (i) => isPastDue(months[i]!, settings, atMillis),
    (i) => expectedProgressIn(months, months[i]!),
  );
}

/**
 * The colour rows of one KR over `months`, given, per month index, the check-in that counts, whether
 * its due date has passed, and the progress expected by then: one loop for `krColours` and for the
 * engine's whole-organisation pass, which precomputes the last two.
 */
export function monthColours(
  kr: KeyResult,
  months: readonly Month[],
  settings: Settings,
  checkInOf: (i: number) => CheckIn | undefined,
  isDue: (i: number) => boolean,
  expectedOf: (i: number) => number,
): MonthColour[] {
  const colours: MonthColour[] = [];
  const first = firstOwedMonth(kr);
  let amberStreak = 0;
  let redStreak = 0;
  for (let i = 0; i < months.length; i++) {
    const month = months[i]!;
    // Before the KR existed: nothing is owed, even a stray check-in does not colour the month.
    if (month < first) continue;
    const checkIn = checkInOf(i);
    if (!checkIn && !isDue(i)) {
      amberStreak = 0;
      redStreak = 0;
      continue;
    }
    let colour: Colour = 'red';
    let pace: number | null = null;
    if (checkIn) {
      const progress = krProgress(keyResultAtMonthEnd(kr, month), checkIn.value);
      pace = pacePercent(progress, expectedOf(i));
      colour = colourFromPace(pace, settings);
    }
    amberStreak = colour === 'amber' ? amberStreak + 1 : 0;
    redStreak = colour === 'red' ? redStreak + 1 : 0;
    colours.push({
      krId: kr.id,
      month,
      colour,
      pacePercent: pace,
      missing: !checkIn,
      checkInId: checkIn?.id ?? null,
      amberStreak,
      redStreak,
    });
  }
  return colours;
}

/** A month opens an escalation when it is red or ends an amber streak of `amberStreakToEscalate`. */
export function shouldEscalate(mc: MonthColour, settings: Settings): boolean {
  return mc.colour === 'red' || mc.amberStreak >= settings.calibration.amberStreakToEscalate;
}
