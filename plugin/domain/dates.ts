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

// Fast paths. Dates are parsed in inner loops (every check-in, every month of every KR), where
// dayjs costs microseconds a call. The plain UTC forms the data uses — `YYYY-MM`, and
// `YYYY-MM-DD[THH:MM[:SS[.mmm]][Z]]` — are read by position with arithmetic; any other text
// (offsets, overflowing days, years before 1000, …) goes to dayjs, so results and errors stay
// exactly those of dayjs. `dates.fast-path.test.ts` holds both paths to the same answers.
const FIRST_FOUR_DIGIT_YEAR = 1000;
const CHAR_CODE_ZERO = 48;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isPlainYear(year: number): boolean {
  return year >= FIRST_FOUR_DIGIT_YEAR && year <= 9999;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days in `month1` (1–12) of `year` (Gregorian). */
function daysInMonth(year: number, month1: number): number {
  return month1 === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month1 - 1]!;
}

/** The number written with `count` ASCII digits from `start` of `text`; -1 when one is not a digit. */
function digitsAt(text: string, start: number, count: number): number {
  let value = 0;
  for (let i = start; i < start + count; i++) {
    const digit = text.charCodeAt(i) - CHAR_CODE_ZERO;
    if (!(digit >= 0 && digit <= 9)) return -1;
    value = value * 10 + digit;
  }
  return value;
}

const DASH = 45;
const COLON = 58;
const DOT = 46;
const LETTER_T = 84;
const LETTER_Z = 90;
const MS_PER_HOUR = 3_600_000;
const MS_PER_MINUTE = 60_000;

/**
 * Days from 1970-01-01 to a Gregorian date (H. Hinnant's days_from_civil): integer arithmetic, the
 * same day number `Date.UTC` gives, without its call.
 */
function daysFromCivil(year: number, month1: number, day: number): number {
  const y = month1 <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month1 > 2 ? month1 - 3 : month1 + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** Epoch milliseconds of a plain UTC date or instant with in-range fields; null for anything else. */
function plainMillis(value: string): number | null {
  const length = value.length;
  if (length < 10 || value.charCodeAt(4) !== DASH || value.charCodeAt(7) !== DASH) return null;
  const year = digitsAt(value, 0, 4);
  const month = digitsAt(value, 5, 2);
  const day = digitsAt(value, 8, 2);
  let hour = 0;
  let minute = 0;
  let second = 0;
  let millis = 0;
  let end = 10;
  if (length > end) {
    if (value.charCodeAt(10) !== LETTER_T || value.charCodeAt(13) !== COLON) return null;
    hour = digitsAt(value, 11, 2);
    minute = digitsAt(value, 14, 2);
    end = 16;
    if (value.charCodeAt(end) === COLON) {
      second = digitsAt(value, end + 1, 2);
      end += 3;
      if (value.charCodeAt(end) === DOT) {
        millis = digitsAt(value, end + 1, 3);
        end += 4;
      }
    }
    if (value.charCodeAt(end) === LETTER_Z) end += 1;
  }
  if (end !== length || !isPlainYear(year) || month < 1 || month > 12) return null;
  if (day < 1 || day > daysInMonth(year, month)) return null;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59 || millis < 0)
    return null;
  return (
    daysFromCivil(year, month, day) * MS_PER_DAY +
    hour * MS_PER_HOUR +
    minute * MS_PER_MINUTE +
    second * 1000 +
    millis
  );
}

/** Year and month (1–12) of a plain `YYYY-MM`; null when dayjs has to decide. */
function plainMonth(month: Month): { year: number; month1: number } | null {
  if (month.length !== 7 || month[4] !== '-') return null;
  const year = digitsAt(month, 0, 4);
  const month1 = digitsAt(month, 5, 2);
  return isPlainYear(year) && month1 >= 1 && month1 <= 12 ? { year, month1 } : null;
}

function formatMonth(year: number, month1: number): Month {
  return `${year}-${String(month1).padStart(2, '0')}`;
}

/** Epoch milliseconds of a date (midnight UTC) or instant; throws like {@link parseUtc}. */
export function utcMillis(value: string): number {
  return plainMillis(value) ?? parseUtc(value).valueOf();
}

/**
 * The instant an "as of" value stands for, in epoch milliseconds. A calendar date means the end of
 * that day, so a link made on the last day of a month counts in that month's figures.
 */
export function asOfMillis(at: string): number {
  const plain = plainMillis(at);
  // A plain value is a date alone exactly when it is 10 characters long.
  if (plain !== null) return at.length === 10 ? plain + MS_PER_DAY - 1 : plain;
  const parsed = parseUtc(at);
  return DATE_ONLY_PATTERN.test(at) ? parsed.endOf('day').valueOf() : parsed.valueOf();
}

/** True when `instant` lies at or before the "as of" value `at` (always true when `at` is undefined). */
export function isAtOrBefore(instant: string, at: string | undefined): boolean {
  return at === undefined || utcMillis(instant) <= asOfMillis(at);
}

/** The calendar month `YYYY-MM` of a date or instant (UTC). */
export function monthOf(date: string): Month {
  return plainMillis(date) === null ? parseUtc(date).format('YYYY-MM') : date.slice(0, 7);
}

/** The month `n` months after `month` (negative `n` goes back). */
export function addMonths(month: Month, n: number): Month {
  const plain = plainMonth(month);
  if (plain !== null && Number.isInteger(n)) {
    const index = plain.year * 12 + plain.month1 - 1 + n;
    const year = Math.floor(index / 12);
    if (isPlainYear(year)) return formatMonth(year, index - year * 12 + 1);
  }
  return parseMonth(month).add(n, 'month').format('YYYY-MM');
}

/** The last calendar day of `month`. */
export function monthEnd(month: Month): IsoDate {
  const plain = plainMonth(month);
  if (plain !== null) return `${month}-${daysInMonth(plain.year, plain.month1)}`;
  return parseMonth(month).endOf('month').format('YYYY-MM-DD');
}

/**
 * Day `day` of `month` as `YYYY-MM-DD`, or its last day when the month is shorter. `day` is a
 * whole number from 1.
 */
export function dayOfMonth(month: Month, day: number): IsoDate {
  const plain = plainMonth(month);
  if (plain !== null && Number.isInteger(day) && day >= 1) {
    return `${month}-${String(Math.min(day, daysInMonth(plain.year, plain.month1))).padStart(2, '0')}`;
  }
  const first = parseUtc(`${month}-01`);
  return first.date(Math.min(day, first.daysInMonth())).format('YYYY-MM-DD');
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
  return (utcMillis(to) - utcMillis(from)) / MS_PER_DAY;
}

/** The quarter `YYYY-Qn` that `month` belongs to. */
export function quarterOf(month: Month): Quarter {
  const plain = plainMonth(month);
  if (plain !== null) return `${plain.year}-Q${Math.floor((plain.month1 - 1) / MONTHS_PER_QUARTER) + 1}`;
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
