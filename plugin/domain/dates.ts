import dayjs, { type Dayjs } from 'dayjs';
import utc from 'dayjs/plugin/utc.js';
import type { Cycle, IsoDate, Month, Quarter } from './types.ts';

dayjs.extend(utc);

const MONTH_PATTERN = /^(\d{4})-(\d{2})$/;
const QUARTER_PATTERN = /^(\d{4})-Q([1-4])$/;
const DATE_ONLY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
const MONTHS_PER_QUARTER = 3;
const MS_PER_DAY = 86_400_000;

/** Parses a date or instant as UTC; throws with the offending text when it is not a date. */
export function parseUtc(value: string): Dayjs {
  const parsed = dayjs.utc(value);
  if (!parsed.isValid()) {
    throw new Error(`domain/dates: "${value}" is not an ISO date or date-time; use YYYY-MM-DD or ISO 8601.`);
  }
  return parsed;
}

function parseMonth(month: Month): Dayjs {
  if (!MONTH_PATTERN.test(month)) {
    throw new Error(`domain/dates: "${month}" is not a month; use YYYY-MM.`);
  }
  return dayjs.utc(`${month}-01`);
}

/**
 * The instant an "as of" value stands for, in epoch milliseconds. A calendar date means the end of
 * that day, so a link made on the last day of a month counts in that month's figures.
 */
export function asOfMillis(at: string): number {
  const parsed = parseUtc(at);
  return DATE_ONLY_PATTERN.test(at) ? parsed.endOf('day').valueOf() : parsed.valueOf();
}

/** True when `instant` lies at or before the "as of" value `at` (always true when `at` is undefined). */
export function isAtOrBefore(instant: string, at: string | undefined): boolean {
  return at === undefined || parseUtc(instant).valueOf() <= asOfMillis(at);
}

/** The calendar month `YYYY-MM` of a date or instant (UTC). */
export function monthOf(date: string): Month {
  return parseUtc(date).format('YYYY-MM');
}

/** The month `n` months after `month` (negative `n` goes back). */
export function addMonths(month: Month, n: number): Month {
  return parseMonth(month).add(n, 'month').format('YYYY-MM');
}

/** The last calendar day of `month`. */
export function monthEnd(month: Month): IsoDate {
  return parseMonth(month).endOf('month').format('YYYY-MM-DD');
}

/** The months of a cycle, from the month of `start` to the month of `end` (six for a half year). */
export function cycleMonths(cycle: Cycle): Month[] {
  const first = monthOf(cycle.start);
  const last = monthOf(cycle.end);
  const months: Month[] = [];
  for (let month = first; month <= last; month = addMonths(month, 1)) {
    months.push(month);
  }
  return months;
}

/** Fractional days from `from` to `to` (negative when `to` is earlier). Dates mean midnight UTC. */
export function daysBetween(from: string, to: string): number {
  return (parseUtc(to).valueOf() - parseUtc(from).valueOf()) / MS_PER_DAY;
}

/** The quarter `YYYY-Qn` that `month` belongs to. */
export function quarterOf(month: Month): Quarter {
  const parsed = parseMonth(month);
  return `${parsed.year()}-Q${Math.floor(parsed.month() / MONTHS_PER_QUARTER) + 1}`;
}

/** The three months of a quarter. */
export function quarterMonths(q: Quarter): Month[] {
  const match = QUARTER_PATTERN.exec(q);
  if (!match) {
    throw new Error(`domain/dates: "${q}" is not a quarter; use YYYY-Qn with n from 1 to 4.`);
  }
  const first = `${match[1]}-${String((Number(match[2]) - 1) * MONTHS_PER_QUARTER + 1).padStart(2, '0')}`;
  return [first, addMonths(first, 1), addMonths(first, 2)];
}
