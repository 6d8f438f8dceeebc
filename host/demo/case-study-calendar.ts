import type { Cycle, IsoDateTime, Month } from '../../plugin/domain/types.ts';

export const cycle: Cycle = {
  id: 'cycle-2026-h1',
  name: '2026 上半年',
  start: '2026-01-01',
  end: '2026-06-30',
  locked: false,
};

export const months: Month[] = ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06'];

/** The kickoff meeting (09:00 in Beijing), where every KR of the case was proposed: before any link. */
export const KICKOFF: IsoDateTime = '2026-01-08T01:00:00Z';

/** The month after the cycle, when June is calibrated. */
export const calibrationMonthOf = (monthIndex: number): Month =>
  monthIndex + 1 < months.length ? (months[monthIndex + 1] as Month) : '2026-07';

const pad = (n: number): string => String(n).padStart(2, '0');

/**
 * An instant in a month. Demo instants stay between day 2 and day 27 and in Beijing office hours,
 * so "as of month end" and time-zone readings never move them into another month.
 */
export function stamp(month: Month, day: number, hourUtc: number, minute = 0): IsoDateTime {
  if (day < 2 || day > 27) throw new Error(`demo calendar: day ${day} is outside 2..27`);
  return `${month}-${pad(day)}T${pad(hourUtc)}:${pad(minute)}:00Z`;
}

export function addDays(instant: IsoDateTime, days: number): IsoDateTime {
  const ms = Date.parse(instant) + Math.round(days * 1440) * 60_000;
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

export const monthIndexOf = (month: Month): number => months.indexOf(month);
