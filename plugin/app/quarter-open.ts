import { monthEnd, quarterMonths } from '../domain/dates.ts';
import type { Quarter } from '../domain/types.ts';

/** The last day of a quarter (`2026-Q4` → `2026-12-31`). */
export function quarterEndOf(quarter: Quarter): string {
  return monthEnd(quarterMonths(quarter)[2] as string);
}

/**
 * When a pool run was computed before its quarter ended, its numbers are an estimate on part of the
 * quarter's data: statements say so, with the day the quarter ends. Null for a finished quarter.
 */
export function quarterOpenAt(quarter: Quarter, computedAt: string | null): { quarterEndsOn: string } | null {
  if (!computedAt) return null;
  const end = quarterEndOf(quarter);
  return computedAt.slice(0, 10) <= end ? { quarterEndsOn: end } : null;
}
