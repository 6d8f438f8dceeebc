import { type FieldSpec, fieldsOf, type ImportKind } from '../../../plugin/app/import-fields.ts';
import type { Activity, Id, IsoDate, KeyAccount, Month } from '../../../plugin/domain/types.ts';
import {
  cellText,
  isEmpty,
  type Parsed,
  parseCount,
  parseDate,
  parseMoney,
  parseMonth,
  parseText,
  type RowIssueReason,
} from './parse-cell.ts';
import type { Cell, Table } from './read-table.ts';

/** Source column name → target field name. */
export type ColumnMapping = Record<string, string>;

/** One refused cell or row. `row` is the row number as seen in Excel (header = 1). */
export interface RowIssue {
  row: number;
  /** Source column, or null when the issue is about the whole row. */
  column: string | null;
  field: string | null;
  reason: RowIssueReason;
  /** The cell as read, shortened. */
  value: string;
}

/** The mapping does not fit the file or the import kind; the whole request is refused. */
export class ImportMappingError extends Error {
  constructor(readonly problems: string[]) {
    super(`import: the column mapping does not fit: ${problems.join('; ')}`);
    this.name = 'ImportMappingError';
  }
}

export interface PersonRef {
  id: Id;
  name: string;
}

export interface ValidateOptions {
  people: PersonRef[];
  /** People whose data the importing user may write; null means everyone. */
  allowedPersonIds: ReadonlySet<Id> | null;
  moneyUnit: 'yuan' | 'cents';
  /** Today, `YYYY-MM-DD`: months and dates after it are refused. */
  today: IsoDate;
}

/** Only the mapped fields are present; the rest keep their stored values (or 0 for a new row). */
export type ActivityPatch = Pick<Activity, 'personId' | 'month'> &
  Partial<Omit<Activity, 'personId' | 'month'>>;
export type KeyAccountPatch = Pick<KeyAccount, 'name' | 'ownerId'> &
  Partial<Pick<KeyAccount, 'id' | 'lastContactAt'>>;

export interface ValidatedRow<T> {
  row: number;
  record: T;
}

export interface Validation<T> {
  good: ValidatedRow<T>[];
  bad: RowIssue[];
  /** Rows with at least one issue. */
  badRows: number;
  total: number;
}

/** Checks the mapping against the file headers and the kind's fields. Returns field → column index. */
export function resolveMapping(
  kind: ImportKind,
  headers: string[],
  mapping: ColumnMapping,
): Map<string, number> {
  const fields = fieldsOf(kind);
  const problems: string[] = [];
  const byField = new Map<string, number>();
  for (const [column, field] of Object.entries(mapping)) {
    const index = headers.indexOf(column.trim());
    if (index < 0)
      problems.push(`column "${column}" is not in the file (columns: ${headers.filter(Boolean).join(', ')})`);
    if (!(field in fields)) {
      problems.push(`"${field}" is not a field of ${kind} (fields: ${Object.keys(fields).join(', ')})`);
    } else if (byField.has(field)) {
      problems.push(`field "${field}" is mapped from more than one column`);
    } else if (index >= 0) {
      byField.set(field, index);
    }
  }
  for (const [field, spec] of Object.entries(fields)) {
    if (spec.required && !byField.has(field) && !problems.some((p) => p.includes(`"${field}"`))) {
      problems.push(`required field "${field}" has no column`);
    }
  }
  if (problems.length > 0) throw new ImportMappingError(problems);
  return byField;
}

function personResolver(opts: ValidateOptions): (cell: Cell) => Parsed<Id> {
  const byId = new Map(opts.people.map((p) => [p.id, p]));
  const byName = new Map<string, Id[]>();
  for (const p of opts.people) byName.set(p.name.trim(), [...(byName.get(p.name.trim()) ?? []), p.id]);
  return (cell) => {
    const text = cellText(cell);
    const named = byName.get(text) ?? [];
    const id = byId.has(text) ? text : named.length === 1 ? named[0] : undefined;
    if (id === undefined)
      return { ok: false, reason: named.length > 1 ? 'ambiguous-person' : 'unknown-person' };
    if (opts.allowedPersonIds && !opts.allowedPersonIds.has(id))
      return { ok: false, reason: 'person-outside-region' };
    return { ok: true, value: id };
  };
}

function parseField(
  spec: FieldSpec,
  cell: Cell,
  opts: ValidateOptions,
  person: (c: Cell) => Parsed<Id>,
): Parsed<unknown> {
  switch (spec.type) {
    case 'person':
      return person(cell);
    case 'month':
      return parseMonth(cell, opts.today.slice(0, 7) as Month);
    case 'date':
      return parseDate(cell, opts.today);
    case 'count':
      return parseCount(cell);
    case 'money':
      return parseMoney(cell, opts.moneyUnit);
    case 'text':
      return parseText(cell, spec.maxLength ?? 1000);
  }
}

function shorten(cell: Cell): string {
  const t = cellText(cell);
  return t.length > 100 ? `${t.slice(0, 99)}…` : t;
}

/** Reads every mapped cell of every row; a row is good only when all its cells and cross-checks pass. */
function validateGeneric(
  kind: ImportKind,
  table: Table,
  mapping: ColumnMapping,
  opts: ValidateOptions,
  rowChecks: (values: Record<string, unknown>) => { field: string; reason: RowIssueReason }[],
  keyOf: (values: Record<string, unknown>) => string,
): Validation<Record<string, unknown>> {
  const fields = fieldsOf(kind);
  const columns = resolveMapping(kind, table.headers, mapping);
  const person = personResolver(opts);
  const good: ValidatedRow<Record<string, unknown>>[] = [];
  const bad: RowIssue[] = [];
  const seen = new Map<string, number>();
  let badRows = 0;
  for (const row of table.rows) {
    const values: Record<string, unknown> = {};
    const issues: RowIssue[] = [];
    for (const [field, index] of columns) {
      const spec = fields[field] as FieldSpec;
      const cell = row.cells[index] ?? null;
      const column = table.headers[index] ?? null;
      if (isEmpty(cell)) {
        if (spec.required) issues.push({ row: row.rowNumber, column, field, reason: 'required', value: '' });
        else if (spec.type === 'date') values[field] = null;
        continue;
      }
      const parsed = parseField(spec, cell, opts, person);
      if (parsed.ok) values[field] = parsed.value;
      else issues.push({ row: row.rowNumber, column, field, reason: parsed.reason, value: shorten(cell) });
    }
    if (issues.length === 0) {
      for (const { field, reason } of rowChecks(values)) {
        const index = columns.get(field);
        const column = index === undefined ? null : (table.headers[index] ?? null);
        const cell = index === undefined ? null : (row.cells[index] ?? null);
        issues.push({ row: row.rowNumber, column, field, reason, value: shorten(cell) });
      }
    }
    if (issues.length === 0) {
      const key = keyOf(values);
      if (seen.has(key)) {
        issues.push({
          row: row.rowNumber,
          column: null,
          field: null,
          reason: 'duplicate-row',
          value: `${seen.get(key)}`,
        });
      } else {
        seen.set(key, row.rowNumber);
      }
    }
    if (issues.length > 0) {
      bad.push(...issues);
      badRows++;
    } else {
      good.push({ row: row.rowNumber, record: values });
    }
  }
  return { good, bad, badRows, total: table.rows.length };
}

export function validateActivities(
  table: Table,
  mapping: ColumnMapping,
  opts: ValidateOptions,
): Validation<ActivityPatch> {
  return validateGeneric(
    'activities',
    table,
    mapping,
    opts,
    (v) => {
      const issues: { field: string; reason: RowIssueReason }[] = [];
      if (
        typeof v.proposalsWon === 'number' &&
        typeof v.proposalsSent === 'number' &&
        v.proposalsWon > v.proposalsSent
      ) {
        issues.push({ field: 'proposalsWon', reason: 'won-exceeds-sent' });
      }
      if (
        typeof v.highMarginAmountCents === 'number' &&
        typeof v.dealsAmountCents === 'number' &&
        v.highMarginAmountCents > v.dealsAmountCents
      ) {
        issues.push({ field: 'highMarginAmountCents', reason: 'high-margin-exceeds-deals' });
      }
      return issues;
    },
    (v) => `${v.personId}\u0000${v.month}`,
  ) as Validation<ActivityPatch>;
}

export function validateKeyAccounts(
  table: Table,
  mapping: ColumnMapping,
  opts: ValidateOptions,
): Validation<KeyAccountPatch> {
  return validateGeneric(
    'keyAccounts',
    table,
    mapping,
    opts,
    () => [],
    (v) =>
      typeof v.id === 'string' && v.id !== '' ? `id\u0000${v.id}` : `name\u0000${v.ownerId}\u0000${v.name}`,
  ) as Validation<KeyAccountPatch>;
}
