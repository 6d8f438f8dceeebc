import { monthOf, utcMillis } from './dates.ts';
import type { Cycle, IsoDateTime, KeyResult, Month, Snapshot } from './types.ts';

/**
 * Time counts from when a KR exists. The first month a KR owes a check-in is the (UTC) month of its
 * `createdAt`; earlier months are "not yet existing": no colour, no missing check-in, no escalation,
 * no reminder, and the KR is left out of that month's rates and health.
 *
 * Calibration-week boundary: the check-in of month M is due on day `calibration.checkinDueDay` of
 * M + 1, and those first days of M + 1 are M's calibration week. A KR created in that week was not
 * there during M, so it owes M + 1 first, not M; a KR created on the last day of M (any time up to
 * 23:59:59Z) owes M.
 */
export function firstOwedMonth(kr: KeyResult): Month {
  return monthOf(kr.createdAt);
}

/** True when `kr` owes a check-in for `month` (the month of its creation or later). */
export function owesCheckIn(kr: KeyResult, month: Month): boolean {
  return month >= firstOwedMonth(kr);
}

/** True when `kr` had been created by the instant `atMillis` (epoch milliseconds). */
export function existsAt(kr: KeyResult, atMillis: number): boolean {
  return utcMillis(kr.createdAt) <= atMillis;
}

/**
 * Where the time without an update starts for a KR never updated: its creation, or the cycle start
 * when it was created before the cycle began.
 */
export function lifetimeStart(kr: KeyResult, cycle: Cycle): string {
  return utcMillis(kr.createdAt) > utcMillis(cycle.start) ? kr.createdAt : cycle.start;
}

/** What a KR of `cycle` stored before creation dates were kept is taken to have: the cycle start, 00:00Z. */
export function defaultCreatedAt(cycle: Cycle): IsoDateTime {
  return `${cycle.start}T00:00:00Z`;
}

/**
 * Gives every KR of `snapshot` without `createdAt` (snapshot files written before it existed) the
 * cycle start, in place, so an old snapshot behaves exactly as before. The one place the default is
 * applied; the snapshot loader calls it after validation.
 */
export function fillCreationDates<T extends Pick<Snapshot, 'cycle' | 'keyResults'>>(snapshot: T): T {
  for (const kr of snapshot.keyResults as Partial<KeyResult>[]) {
    if (kr.createdAt === undefined) kr.createdAt = defaultCreatedAt(snapshot.cycle);
  }
  return snapshot;
}

/** A check-in of a snapshot for a month before its KR existed: `row` counts from 1 in `checkIns`. */
export interface CheckInBeforeKr {
  row: number;
  krId: string;
  month: Month;
  /** The first month the KR owes. */
  from: Month;
}

/**
 * The check-ins of `snapshot` that every evaluation would ignore because their KR did not exist yet
 * in that month (what `checkIn.save` refuses with `month-before-kr`), in file order. Check-ins of KRs
 * the snapshot does not hold are left to the snapshot's own checks.
 */
export function checkInsBeforeTheirKr(
  snapshot: Pick<Snapshot, 'cycle' | 'keyResults' | 'checkIns'>,
): CheckInBeforeKr[] {
  const krs = new Map(snapshot.keyResults.map((kr) => [kr.id, kr]));
  const found: CheckInBeforeKr[] = [];
  snapshot.checkIns.forEach((c, i) => {
    const kr = krs.get(c.krId);
    if (!kr) return;
    const from = monthOf(kr.createdAt ?? defaultCreatedAt(snapshot.cycle));
    if (c.month < from) found.push({ row: i + 1, krId: c.krId, month: c.month, from });
  });
  return found;
}
