import type { Cycle, IsoDate } from './types.ts';

/** The half-year cycle of `year` that starts with the January (`1`) or July (`2`) kickoff. */
export function halfYear(year: number, half: 1 | 2): Cycle {
  return {
    id: `cycle-${year}-h${half}`,
    name: `${year} ${half === 1 ? '上半年' : '下半年'}`,
    start: `${year}-${half === 1 ? '01' : '07'}-01`,
    end: `${year}-${half === 1 ? '06-30' : '12-31'}`,
    locked: false,
  };
}

/** The half-year cycle that contains `day`. */
export const halfYearContaining = (day: IsoDate): Cycle =>
  halfYear(Number(day.slice(0, 4)), Number(day.slice(5, 7)) <= 6 ? 1 : 2);
