import { describe, expect, it } from 'vitest';
import {
  addMonths,
  asOfMillis,
  cycleMonths,
  daysBetween,
  isAtOrBefore,
  monthEnd,
  monthOf,
  quarterMonths,
  quarterOf,
} from './dates.ts';
import { makeCycle } from './test-factories.ts';

describe('dates', () => {
  it('cycleMonths lists the six months of each half year', () => {
    expect(cycleMonths(makeCycle())).toEqual([
      '2026-01',
      '2026-02',
      '2026-03',
      '2026-04',
      '2026-05',
      '2026-06',
    ]);
    expect(cycleMonths(makeCycle({ start: '2026-07-01', end: '2026-12-31' }))).toEqual([
      '2026-07',
      '2026-08',
      '2026-09',
      '2026-10',
      '2026-11',
      '2026-12',
    ]);
  });

  it.each([
    { month: '2026-02', end: '2026-02-28' },
    { month: '2028-02', end: '2028-02-29' },
    { month: '2026-12', end: '2026-12-31' },
    { month: '2026-04', end: '2026-04-30' },
  ])('monthEnd($month) = $end', ({ month, end }) => {
    expect(monthEnd(month)).toBe(end);
  });

  it('addMonths crosses years both ways', () => {
    expect(addMonths('2026-11', 3)).toBe('2027-02');
    expect(addMonths('2026-01', -1)).toBe('2025-12');
  });

  it('monthOf reads UTC, not local time', () => {
    expect(monthOf('2026-01-31T23:30:00Z')).toBe('2026-01');
    expect(monthOf('2026-02-01T07:30:00+08:00')).toBe('2026-01');
    expect(monthOf('2026-03-15')).toBe('2026-03');
  });

  it('daysBetween is fractional and signed', () => {
    expect(daysBetween('2026-03-01T00:00:00Z', '2026-03-03T07:12:00Z')).toBeCloseTo(2.3, 12);
    expect(daysBetween('2026-03-03', '2026-03-01')).toBe(-2);
    expect(daysBetween('2026-02-28', '2026-03-01')).toBe(1);
  });

  it.each([
    { month: '2026-01', q: '2026-Q1' },
    { month: '2026-03', q: '2026-Q1' },
    { month: '2026-04', q: '2026-Q2' },
    { month: '2026-12', q: '2026-Q4' },
  ])('quarterOf($month) = $q', ({ month, q }) => {
    expect(quarterOf(month)).toBe(q);
    expect(quarterMonths(q)).toContain(month);
  });

  it('quarterMonths', () => {
    expect(quarterMonths('2026-Q3')).toEqual(['2026-07', '2026-08', '2026-09']);
  });

  it('a calendar date as `at` means the end of that day', () => {
    expect(isAtOrBefore('2026-01-31T23:59:59Z', '2026-01-31')).toBe(true);
    expect(isAtOrBefore('2026-02-01T00:00:00Z', '2026-01-31')).toBe(false);
    expect(isAtOrBefore('2026-02-01T00:00:00Z', undefined)).toBe(true);
    expect(asOfMillis('2026-01-31T12:00:00Z')).toBe(Date.UTC(2026, 0, 31, 12));
  });

  it('refuses malformed input with the offending text', () => {
    expect(() => monthEnd('2026-1')).toThrow(/"2026-1" is not a month/);
    expect(() => quarterMonths('2026-Q5')).toThrow(/"2026-Q5" is not a quarter/);
    expect(() => daysBetween('yesterday', '2026-01-01')).toThrow(/"yesterday" is not an ISO date/);
  });
});
