import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addMonths,
  asOfMillis,
  dayOfMonth,
  daysBetween,
  monthEnd,
  monthOf,
  quarterOf,
  utcMillis,
} from './dates.ts';

dayjs.extend(utc);

// The dayjs-only definitions the arithmetic fast paths in dates.ts replace: the oracle.
const dayjsOracle = {
  millis(value: string): number {
    const parsed = dayjs.utc(value);
    if (!parsed.isValid()) throw new Error(`invalid ${value}`);
    return parsed.valueOf();
  },
  asOf(at: string): number {
    const parsed = dayjs.utc(at);
    if (!parsed.isValid()) throw new Error(`invalid ${at}`);
    return /^\d{4}-\d{2}-\d{2}$/.test(at) ? parsed.endOf('day').valueOf() : parsed.valueOf();
  },
  monthOf: (date: string) => dayjs.utc(date).format('YYYY-MM'),
  addMonths: (month: string, n: number) => dayjs.utc(`${month}-01`).add(n, 'month').format('YYYY-MM'),
  monthEnd: (month: string) => dayjs.utc(`${month}-01`).endOf('month').format('YYYY-MM-DD'),
  quarterOf(month: string): string {
    const parsed = dayjs.utc(`${month}-01`);
    return `${parsed.year()}-Q${Math.floor(parsed.month() / 3) + 1}`;
  },
  dayOfMonth(month: string, day: number): string {
    const first = dayjs.utc(`${month}-01`);
    return first.date(Math.min(day, first.daysInMonth())).format('YYYY-MM-DD');
  },
};

/** The same value, or the same failure, from both. */
function outcome<T>(fn: () => T): { value: T } | { error: true } {
  try {
    return { value: fn() };
  } catch {
    return { error: true };
  }
}

const INSTANTS = [
  '2026-01-28T09:00:00Z',
  '2026-01-28T09:00:00.123Z',
  '2026-01-28T09:00:00.123',
  '2026-01-28T09:00:00',
  '2026-01-28T09:00Z',
  '2026-01-28T09:00',
  '2026-01-28',
  '2024-02-29',
  '2024-02-29T23:59:59.999Z',
  '2000-02-29',
  '1900-02-28',
  '2026-12-31T23:59:59Z',
  '1000-01-01',
  '9999-12-31T23:59:59.999Z',
  // Everything below leaves the fast path for dayjs.
  '2026-02-30',
  '2025-02-29',
  '1900-02-29',
  '2026-13-01',
  '2026-00-10',
  '0999-06-15',
  '0050-01-01T00:00:00Z',
  '2026-01-28T24:00:00Z',
  '2026-01-28T23:60:00Z',
  '2026-01-28T09:00:00+08:00',
  '2026-02-01T07:30:00+08:00',
  '2026-01-28T09:00:00.5Z',
  '2026-01-28T09:00:00.123456Z',
  '2026-01-28t09:00:00z',
  '2026-01-28 09:00:00',
  '2026-01-28Z',
  '2026-1-28',
  '20260128',
  '2026-01',
  '2026-01-28T',
  '2026-01-28T09',
  '2026-01-28T09:00:',
  'yesterday',
  '',
];

const MONTHS = [
  '2026-01',
  '2026-12',
  '2024-02',
  '2100-02',
  '1000-01',
  '9999-12',
  '2026-13',
  '2026-00',
  '0999-12',
];

describe('date fast paths agree with dayjs', () => {
  it.each(INSTANTS)('utcMillis, asOfMillis and monthOf of %j', (value) => {
    expect(outcome(() => utcMillis(value))).toEqual(outcome(() => dayjsOracle.millis(value)));
    expect(outcome(() => asOfMillis(value))).toEqual(outcome(() => dayjsOracle.asOf(value)));
    const month = outcome(() => monthOf(value));
    const oracle = outcome(() => dayjsOracle.millis(value));
    // monthOf refuses what dayjs cannot parse, and otherwise formats it as dayjs does.
    expect(month).toEqual('error' in oracle ? { error: true } : { value: dayjsOracle.monthOf(value) });
  });

  it.each(MONTHS)('month arithmetic of %s', (month) => {
    for (const n of [-25, -13, -12, -1, 0, 1, 11, 12, 13, 120]) {
      expect(addMonths(month, n)).toBe(dayjsOracle.addMonths(month, n));
    }
    expect(monthEnd(month)).toBe(dayjsOracle.monthEnd(month));
    expect(quarterOf(month)).toBe(dayjsOracle.quarterOf(month));
    for (const day of [1, 5, 28, 29, 30, 31, 40]) {
      expect(dayOfMonth(month, day)).toBe(dayjsOracle.dayOfMonth(month, day));
    }
  });

  it('daysBetween of mixed forms', () => {
    expect(daysBetween('2026-01-28', '2026-01-28T12:00:00.000Z')).toBe(0.5);
    expect(daysBetween('2026-01-28T12:00', '2026-01-29T12:00:00Z')).toBe(1);
  });

  it('on random dates and instants near the edges of their fields', () => {
    const field = (digits: number, values: number[]) =>
      fc.constantFrom(...values).map((v) => String(v).padStart(digits, '0'));
    const year = field(4, [999, 1000, 1900, 2000, 2024, 2025, 2026, 2100, 9999]);
    const month = field(2, [0, 1, 2, 9, 10, 12, 13]);
    const day = field(2, [0, 1, 28, 29, 30, 31, 32]);
    const hour = field(2, [0, 9, 23, 24]);
    const minute = field(2, [0, 30, 59, 60]);
    const millis = fc.constantFrom('', '.000', '.5', '.123', '.999', '.1234');
    const zone = fc.constantFrom('', 'Z', 'z', '+08:00', '-05:00');
    const instant = fc
      .tuple(year, month, day, fc.option(fc.tuple(hour, minute, fc.option(minute), millis, zone)))
      .map(([y, m, d, time]) => {
        if (time === null) return `${y}-${m}-${d}`;
        const [h, mi, s, ms, z] = time;
        return `${y}-${m}-${d}T${h}:${mi}${s === null ? '' : `:${s}${ms}`}${z}`;
      });
    fc.assert(
      fc.property(instant, (value) => {
        expect(outcome(() => utcMillis(value))).toEqual(outcome(() => dayjsOracle.millis(value)));
        expect(outcome(() => asOfMillis(value))).toEqual(outcome(() => dayjsOracle.asOf(value)));
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(year, month, fc.integer({ min: -150, max: 150 }), (y, m, n) => {
        const value = `${y}-${m}`;
        expect(addMonths(value, n)).toBe(dayjsOracle.addMonths(value, n));
        expect(monthEnd(value)).toBe(dayjsOracle.monthEnd(value));
        expect(quarterOf(value)).toBe(dayjsOracle.quarterOf(value));
      }),
      { numRuns: 1000 },
    );
  });
});
