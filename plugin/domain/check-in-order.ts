import { utcMillis } from './dates.ts';
import type { SnapshotIndex } from './snapshot-index.ts';
import type { CheckIn, Month } from './types.ts';

/**
 * True when `a` supersedes `b`: a later month, then a later submission, then (same instant) the
 * larger id. A total order, so which check-in counts never depends on the snapshot's order.
 */
export function isNewerCheckIn(
  a: Pick<CheckIn, 'id' | 'month' | 'submittedAt'>,
  b: Pick<CheckIn, 'id' | 'month' | 'submittedAt'>,
): boolean {
  if (a.month !== b.month) return a.month > b.month;
  const am = utcMillis(a.submittedAt);
  const bm = utcMillis(b.submittedAt);
  if (am !== bm) return am > bm;
  return a.id > b.id;
}

/** The newest of `checkIns` by {@link isNewerCheckIn}; null when there is none. */
export function newestCheckIn<T extends Pick<CheckIn, 'id' | 'month' | 'submittedAt'>>(
  checkIns: Iterable<T>,
): T | null {
  let newest: T | null = null;
  for (const c of checkIns) if (newest === null || isNewerCheckIn(c, newest)) newest = c;
  return newest;
}

/** The check-in that counts at the end of `month` among one KR's check-ins sorted by month ({@link SnapshotIndex}). */
export function newestCheckInOfSorted(sortedCheckIns: readonly CheckIn[], month: Month): CheckIn | null {
  // newestCheckIn(latestMonthGroup(sortedCheckIns, month)) without copying the group.
  let end = sortedCheckIns.length;
  while (end > 0 && sortedCheckIns[end - 1]!.month > month) end--;
  if (end === 0) return null;
  const groupMonth = sortedCheckIns[end - 1]!.month;
  let start = end - 1;
  while (start > 0 && sortedCheckIns[start - 1]!.month === groupMonth) start--;
  let newest = sortedCheckIns[start]!;
  for (let i = start + 1; i < end; i++) {
    const c = sortedCheckIns[i]!;
    if (isNewerCheckIn(c, newest)) newest = c;
  }
  return newest;
}
