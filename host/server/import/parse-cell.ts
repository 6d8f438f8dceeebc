import { MAX_COUNT } from '../../../plugin/app/import-fields.ts';
import type { IsoDate, Month } from '../../../plugin/domain/types.ts';
import type { Cell } from './read-table.ts';

/** Why a cell or row was refused. Stable codes; the words live in `locale/*.json` (`import.reason.<code>`). */
export const ROW_ISSUE_REASONS = [
  'required',
  'not-a-count',
  'not-money',
  'fraction-of-cent',
  'out-of-range',
  'month-format',
  'month-in-future',
  'date-format',
  'date-in-future',
  'too-long',
  'unknown-person',
  'ambiguous-person',
  'person-outside-region',
  'duplicate-row',
  'won-exceeds-sent',
  'high-margin-exceeds-deals',
] as const;
export type RowIssueReason = (typeof ROW_ISSUE_REASONS)[number];

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: RowIssueReason };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const bad = (reason: RowIssueReason): Parsed<never> => ({ ok: false, reason });

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

export function isEmpty(cell: Cell): boolean {
  return cell === null || (typeof cell === 'string' && cell.trim() === '');
}

export function cellText(cell: Cell): string {
  if (cell === null) return '';
  if (cell instanceof Date) return cell.toISOString();
  return String(cell).trim();
}

export function parseCount(cell: Cell): Parsed<number> {
  let n: number;
  if (typeof cell === 'number') n = cell;
  else if (typeof cell === 'string' && /^-?[\d,，]+(\.0+)?$/.test(cell.trim()))
    n = Number(cell.replace(/[,，]/g, ''));
  else return bad('not-a-count');
  if (!Number.isInteger(n)) return bad('not-a-count');
  if (n < 0 || n > MAX_COUNT) return bad('out-of-range');
  return ok(n);
}

/** Money to integer cents without going through binary fractions for text cells. */
export function parseMoney(cell: Cell, unit: 'yuan' | 'cents'): Parsed<number> {
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell)) return bad('not-money');
    if (cell < 0) return bad('out-of-range');
    const scaled = unit === 'yuan' ? cell * 100 : cell;
    const cents = Math.round(scaled);
    // Spreadsheet numbers are binary floats: 12.34 × 100 is 1233.9999…; anything farther from a whole cent is a real fraction.
    if (Math.abs(scaled - cents) > 1e-6) return bad('fraction-of-cent');
    if (!Number.isSafeInteger(cents)) return bad('out-of-range');
    return ok(cents);
  }
  if (typeof cell !== 'string') return bad('not-money');
  const text = cell.replace(/[\s,，¥￥元]|RMB|CNY/gi, '');
  if (/^-\d/.test(text)) return bad('out-of-range');
  const m = /^(\d+)(?:\.(\d+))?$/.exec(text);
  if (!m) return bad('not-money');
  const whole = m[1] ?? '0';
  const frac = m[2] ?? '';
  let cents: number;
  if (unit === 'cents') {
    if (/[1-9]/.test(frac)) return bad('fraction-of-cent');
    cents = Number(whole);
  } else {
    if (frac.length > 2 && /[1-9]/.test(frac.slice(2))) return bad('fraction-of-cent');
    cents = Number(whole) * 100 + Number(frac.slice(0, 2).padEnd(2, '0'));
  }
  if (!Number.isSafeInteger(cents)) return bad('out-of-range');
  return ok(cents);
}

function validMonth(year: number, month: number): boolean {
  return year >= 1970 && year <= 9999 && month >= 1 && month <= 12;
}

/** `YYYY-MM`, `YYYY/MM`, `YYYY.MM`, `YYYY年M月`, or a date cell; not after `latest`. */
export function parseMonth(cell: Cell, latest: Month): Parsed<Month> {
  let year: number;
  let month: number;
  if (cell instanceof Date) {
    year = cell.getUTCFullYear();
    month = cell.getUTCMonth() + 1;
  } else if (typeof cell === 'string') {
    const m = /^(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*月?$/.exec(cell.trim());
    if (!m) return bad('month-format');
    year = Number(m[1]);
    month = Number(m[2]);
  } else {
    return bad('month-format');
  }
  if (!validMonth(year, month)) return bad('month-format');
  const value = `${pad(year, 4)}-${pad(month)}`;
  return value > latest ? bad('month-in-future') : ok(value);
}

/** `YYYY-MM-DD`, `YYYY/M/D`, `YYYY年M月D日`, or a date cell; a real calendar day, not after `latest`. */
export function parseDate(cell: Cell, latest: IsoDate): Parsed<IsoDate> {
  let y: number;
  let mo: number;
  let d: number;
  if (cell instanceof Date) {
    y = cell.getUTCFullYear();
    mo = cell.getUTCMonth() + 1;
    d = cell.getUTCDate();
  } else if (typeof cell === 'string') {
    const m = /^(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})\s*日?$/.exec(cell.trim());
    if (!m) return bad('date-format');
    y = Number(m[1]);
    mo = Number(m[2]);
    d = Number(m[3]);
  } else {
    return bad('date-format');
  }
  if (!validMonth(y, mo)) return bad('date-format');
  const probe = new Date(Date.UTC(y, mo - 1, d));
  if (probe.getUTCMonth() !== mo - 1 || probe.getUTCDate() !== d) return bad('date-format');
  const value = `${pad(y, 4)}-${pad(mo)}-${pad(d)}`;
  return value > latest ? bad('date-in-future') : ok(value);
}

export function parseText(cell: Cell, maxLength: number): Parsed<string> {
  const text = cellText(cell);
  return text.length > maxLength ? bad('too-long') : ok(text);
}
