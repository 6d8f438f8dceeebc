import {
  addMonths,
  dayOfMonth,
  monthEnd,
  monthOf,
  quarterMonths,
  quarterOf,
  utcMillis,
} from '../../plugin/domain/dates.ts';
import { halfYearContaining } from '../../plugin/domain/half-year.ts';
import type { Cycle, IsoDate, IsoDateTime, Month, Quarter } from '../../plugin/domain/types.ts';

const MS_PER_DAY = 86_400_000;
const QUARTER_NAMES = ['一', '二', '三', '四'];

/** The half-year cycle (kickoff in January or July) that contains `today`. */
export const cycleContaining = (today: IsoDate): Cycle => halfYearContaining(today);

const monthNumber = (month: Month): number => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;

/** Whole months from `from` to `to`. */
export const monthsBetween = (from: Month, to: Month): number => monthNumber(to) - monthNumber(from);

const isoOf = (millis: number): IsoDateTime =>
  new Date(Math.round(millis / 1000) * 1000).toISOString().replace('.000Z', 'Z');

/**
 * Moves the case's calendar onto another cycle: every month `shift` months later, every instant
 * to the same day and time of its moved month. While `today` is still in the cycle's first month
 * (the kickoff), the kickoff month is pressed into the days so far, order kept, so the board
 * already shows the state after kickoff instead of an empty cycle.
 */
export interface CalendarShift {
  /** Whole months added to every month of the case. */
  readonly shift: number;
  /** The last instant that is not in the future: the end of `today`. */
  readonly cutMillis: number;
  month(month: Month): Month;
  quarter(quarter: Quarter): Quarter;
  /** The moved instant, in epoch milliseconds. */
  millis(instant: IsoDateTime): number;
  instant(instant: IsoDateTime): IsoDateTime;
  /** True when the moved instant is not after the end of `today`. */
  happened(instant: IsoDateTime): boolean;
  /** `later` moved as the same time after the moved `earlier` (response times stay exact). */
  after(earlier: IsoDateTime, later: IsoDateTime): IsoDateTime;
}

export function calendarShift(caseCycle: Cycle, target: Cycle, today: IsoDate): CalendarShift {
  const shift = monthsBetween(monthOf(caseCycle.start), monthOf(target.start));
  const cutMillis = utcMillis(today) + MS_PER_DAY - 1;
  const kickoffStart = utcMillis(target.start);
  const kickoffEnd = utcMillis(`${addMonths(monthOf(target.start), 1)}-01`);
  const pressKickoff = cutMillis < kickoffEnd;

  const moved = (instant: IsoDateTime): number => {
    const from = utcMillis(instant);
    const month = addMonths(monthOf(instant), shift);
    // dayOfMonth keeps the day, or takes the month's last day when the moved month is shorter.
    const day = Number(dayOfMonth(month, Number(instant.slice(8, 10))).slice(8, 10));
    const dayStart = utcMillis(instant.slice(0, 10));
    return utcMillis(`${month}-${String(day).padStart(2, '0')}`) + (from - dayStart);
  };
  const millis = (instant: IsoDateTime): number => {
    const t = moved(instant);
    if (!pressKickoff || t < kickoffStart || t >= kickoffEnd) return t;
    return kickoffStart + ((t - kickoffStart) * (cutMillis - kickoffStart)) / (kickoffEnd - kickoffStart);
  };
  return {
    shift,
    cutMillis,
    month: (month) => addMonths(month, shift),
    quarter: (quarter) => quarterOf(addMonths(quarterMonths(quarter)[0]!, shift)),
    millis,
    instant: (instant) => isoOf(millis(instant)),
    happened: (instant) => millis(instant) <= cutMillis,
    after: (earlier, later) => isoOf(millis(earlier) + utcMillis(later) - utcMillis(earlier)),
  };
}

/** True when the quarter's last day is not after `today`. */
export const quarterEnded = (quarter: Quarter, today: IsoDate): boolean =>
  monthEnd(quarterMonths(quarter)[2]!) <= today;

/** Share of `month` elapsed by the end of `today` (1 for past months, 0 for later ones). */
export function monthElapsed(month: Month, today: IsoDate): number {
  const current = monthOf(today);
  if (month < current) return 1;
  if (month > current) return 0;
  return Number(today.slice(8, 10)) / Number(monthEnd(month).slice(8, 10));
}

/** `date` moved so that it lies as many days before `today` as it lay before `caseEnd`. */
export function sameDaysBefore(date: IsoDate, caseEnd: IsoDate, today: IsoDate): IsoDate {
  const days = Math.round((utcMillis(caseEnd) - utcMillis(date)) / MS_PER_DAY);
  return new Date(utcMillis(today) - days * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Calendar words in the case's texts ("4月", "一季度", "2026 年") renamed with the shift. */
export function renameCalendarWords(
  text: string,
  shift: number,
  caseYear: number,
  targetYear: number,
): string {
  return text
    .replace(/(\d{1,2})月/g, (word, n: string) => {
      const month = Number(n);
      if (month < 1 || month > 12) return word;
      return `${((((month - 1 + shift) % 12) + 12) % 12) + 1}月`;
    })
    .replace(/([一二三四])季度/g, (_word, name: string) => {
      const quarter = QUARTER_NAMES.indexOf(name);
      return `${QUARTER_NAMES[(((quarter + shift / 3) % 4) + 4) % 4]}季度`;
    })
    .replaceAll(`${caseYear} 年`, `${targetYear} 年`);
}
