import { daysBetween, monthEnd, quarterMonths } from './dates.ts';
import type { PoolTenure, Settings } from './settings.ts';
import type { IsoDate, Person, Quarter } from './types.ts';

/** What a settings document saved before `pool.tenure` existed means: pro-rata, 30 days. */
export const DEFAULT_POOL_TENURE: PoolTenure = { mode: 'pro-rata-days', minDays: 30 };

export const poolTenureOf = (settings: Settings): PoolTenure => settings.pool.tenure ?? DEFAULT_POOL_TENURE;

type QuarterSpan = Readonly<{ start: IsoDate; end: IsoDate; days: number }>;

// A pool run asks for the same quarter's span two or three times per person.
let lastSpan: { quarter: Quarter; span: QuarterSpan } | undefined;

/** First and last day of a quarter and its number of days. */
export function quarterSpan(quarter: Quarter): QuarterSpan {
  if (lastSpan?.quarter === quarter) return lastSpan.span;
  const months = quarterMonths(quarter);
  const start = `${months[0]}-01`;
  const end = monthEnd(months[2]!);
  const span = Object.freeze({ start, end, days: daysBetween(start, end) + 1 });
  lastSpan = { quarter, span };
  return span;
}

/**
 * Days of `quarter` the person was at the company: from `joinedOn` to `leftOn`, both days included
 * (null or absent: before the records began / still here). 0 when they were not there at all.
 */
export function daysPresent(person: Pick<Person, 'joinedOn' | 'leftOn'>, quarter: Quarter): number {
  const span = quarterSpan(quarter);
  const from = person.joinedOn && person.joinedOn > span.start ? person.joinedOn : span.start;
  const to = person.leftOn && person.leftOn < span.end ? person.leftOn : span.end;
  return from > to ? 0 : daysBetween(from, to) + 1;
}

/** How one person's presence counts in a quarter's pool. */
export interface PoolPresence {
  /** Days at the company in the quarter. */
  days: number;
  quarterDays: number;
  /** Days their share and base bonus count for: `days` (pro-rata), `quarterDays` (full) or 0 (excluded). */
  countedDays: number;
  /** i18n key of the exclusion reason when `countedDays` is 0. */
  excludedReason: string | null;
}

export const EXCLUDED_NOT_PRESENT = 'statement.excluded.notPresent';
export const EXCLUDED_NOT_PRESENT_ON_END = 'statement.excluded.notPresentOnEnd';
export const EXCLUDED_UNDER_MIN_DAYS = 'statement.excluded.underMinDays';

/** Applies HR's tenure rule (`settings.pool.tenure`) to one person's days in `quarter`. */
export function poolPresence(
  person: Pick<Person, 'joinedOn' | 'leftOn'>,
  quarter: Quarter,
  rule: PoolTenure,
): PoolPresence {
  const quarterDays = quarterSpan(quarter).days;
  const days = daysPresent(person, quarter);
  const result = (countedDays: number, excludedReason: string | null): PoolPresence => ({
    days,
    quarterDays,
    countedDays,
    excludedReason,
  });
  if (days === 0) return result(0, EXCLUDED_NOT_PRESENT);
  switch (rule.mode) {
    case 'pro-rata-days':
      return result(days, null);
    case 'full-if-present-on-end': {
      const { end } = quarterSpan(quarter);
      const onEnd = !person.leftOn || person.leftOn >= end;
      return onEnd ? result(quarterDays, null) : result(0, EXCLUDED_NOT_PRESENT_ON_END);
    }
    case 'exclude-if-under-days':
      return days >= rule.minDays ? result(quarterDays, null) : result(0, EXCLUDED_UNDER_MIN_DAYS);
  }
}
