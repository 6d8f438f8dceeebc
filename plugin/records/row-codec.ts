import type { AppRecords, RecordName } from '../app/ports.ts';
import { type FieldSpec, RECORD_SCHEMA, type RecordSpec } from './record-schema.ts';

/** A stored row with camelCase columns, as NocoBase's `model.toJSON()` returns it. */
export type Row = Record<string, unknown>;

const show = (value: unknown): string => {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
};

/** A stored row that does not read as its record: a data problem to fix where the row lives. */
export class RowError extends Error {
  readonly code = 'bad-row';
  constructor(
    readonly record: RecordName,
    readonly field: string,
    readonly value: unknown,
  ) {
    super(
      `records: field "${field}" holds ${show(value)} in a ${record} row; fix the record in the data source`,
    );
    this.name = 'RowError';
  }
}

/** How a host lays its rows out; the pack's codec reads and writes every host's rows through one. */
export interface RowFormat {
  /** The table of a record kind (the schema's `table`, with a host prefix). */
  table(c: RecordName): string;
  /** The column of a record field. */
  column(c: RecordName, name: string, f: FieldSpec): string;
  /** JSON is stored as text ('' reads as null), not in a JSON column. */
  readonly jsonAsText?: true;
  /** Booleans are stored as 0/1. */
  readonly booleanAsNumber?: true;
  /** A key of parts is also stored joined in an `id` column (NocoBase needs one primary key). */
  readonly joinedId?: true;
  /** `timestamp` fields are the host's own: read as instants, never written. */
  readonly hostTimestamps?: true;
  /** Rows of a record kind that a host lays out its own way (columns merged into one…), as the schema's. */
  readonly reshape?: { readonly [C in RecordName]?: { read(row: Row): Row; write(row: Row): Row } };
}

export const specOf = (c: RecordName) => RECORD_SCHEMA[c] as RecordSpec<Row>;
export const fieldsOf = (c: RecordName) => Object.entries(specOf(c).fields) as [string, FieldSpec][];
export const columnOf = (name: string, f: FieldSpec): string => f.column ?? name;
export const columnNullable = (f: FieldSpec): boolean =>
  Boolean(f.null || f.allowNull || (f.optional && f.type !== 'text'));
export const columnDefault = (f: FieldSpec): unknown =>
  f.type === 'text' ? '' : f.type === 'boolean' ? false : f.default;

/** NocoBase's rows: `okr_<table>` collections, camelCase columns, JSON columns, host timestamps. */
export const CAMEL_ROWS: RowFormat = {
  table: (c) => `okr_${specOf(c).table}`,
  column: (_c, name, f) => columnOf(name, f),
  joinedId: true,
  hostTimestamps: true,
};

type Layout = readonly (readonly [name: string, f: FieldSpec, column: string])[];
const layouts = new WeakMap<RowFormat, Map<RecordName, Layout>>();

/** Each field of `c` with its column in `format` (worked out once per format and record kind). */
function layoutOf(c: RecordName, format: RowFormat): Layout {
  const byRecord = layouts.get(format) ?? new Map<RecordName, Layout>();
  layouts.set(format, byRecord);
  let layout = byRecord.get(c);
  if (!layout) {
    layout = fieldsOf(c).map(([name, f]) => [name, f, format.column(c, name, f)] as const);
    byRecord.set(c, layout);
  }
  return layout;
}

const OMIT = Symbol('omit');
const BAD = Symbol('bad');

/** The value of a column, or `BAD` when it does not read as the field's type. */
function decodeValue(f: FieldSpec, v: unknown): unknown {
  switch (f.type) {
    case 'string':
    case 'text':
      return typeof v === 'string' ? v : BAD;
    case 'boolean':
      return v === true || v === 1;
    case 'json':
      if (typeof v !== 'string') return v;
      try {
        return JSON.parse(v);
      } catch {
        return BAD;
      }
    default: {
      // PostgreSQL BIGINT comes back as a string; numbers must stay exact (integers: safe integers).
      const x = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
      if (typeof x !== 'number' || !Number.isFinite(x)) return BAD;
      return f.type === 'double' || Number.isSafeInteger(x) ? x : BAD;
    }
  }
}

function readField(c: RecordName, name: string, f: FieldSpec, v: unknown, format: RowFormat): unknown {
  if (v === '' && f.type === 'json' && format.jsonAsText) v = null;
  if (f.timestamp && format.hostTimestamps) {
    const at = v == null ? null : new Date(v as string);
    if (at && Number.isNaN(at.getTime())) throw new RowError(c, name, v);
    return at ? at.toISOString() : '';
  }
  if (f.optional && !v) return OMIT;
  if (v == null) {
    if (f.null) return null;
    if ('empty' in f) return structuredClone(f.empty);
    const fallback = columnDefault(f);
    if (fallback !== undefined) return fallback;
    throw new RowError(c, name, v);
  }
  const value = decodeValue(f, v);
  if (value === BAD) throw new RowError(c, name, v);
  return value;
}

/** The record of a row (a key result without its links: they are `links` records). */
export function decodeRow<C extends RecordName>(c: C, stored: Row, format = CAMEL_ROWS): AppRecords[C] {
  const row = format.reshape?.[c]?.read(stored) ?? stored;
  const out: Row = {};
  for (const [name, f, column] of layoutOf(c, format)) {
    const value = readField(c, name, f, row[column], format);
    if (value !== OMIT) out[name] = value;
  }
  return out as unknown as AppRecords[C];
}

/** The sdk entity of a record: without the row version and custom values kept beside it. */
export function entityOf<T extends object>(c: RecordName, record: T): T {
  const meta = metaOf(c);
  if (meta.size === 0) return record;
  // Copied field by field, not deleted from a copy: objects the engine reads stay fast.
  const out: Row = {};
  for (const name in record) if (!meta.has(name)) out[name] = (record as Row)[name];
  return out as T;
}

/** The meta fields of each record kind. */
const META = new Map(
  Object.entries(RECORD_SCHEMA).map(([c, spec]) => [
    c as RecordName,
    new Set(
      Object.entries(spec.fields as Record<string, FieldSpec>).flatMap(([n, f]) => (f.meta ? [n] : [])),
    ),
  ]),
);
const metaOf = (c: RecordName): ReadonlySet<string> => META.get(c) ?? new Set();

/** The id a record is stored under: its `id`, its key field, or its key parts joined. */
export function keyOf<C extends RecordName>(c: C, record: AppRecords[C]): string {
  const key = specOf(c).key;
  const r = record as unknown as Row;
  if (!key) return String(r.id);
  if ('field' in key) return String(r[key.field]);
  return key.parts.map((p) => String(r[p])).join(key.separator);
}

/** The field values a record id stands for (columns and fields share names on every key). */
export function keyFields(c: RecordName, id: string): Row {
  const key = specOf(c).key;
  if (!key) return { id };
  if ('field' in key)
    return { [key.field]: specOf(c).fields[key.field]?.type === 'string' ? id : Number(id) };
  const at = id.lastIndexOf(key.separator);
  const [a, b] = at < 0 ? [id, ''] : [id.slice(0, at), id.slice(at + key.separator.length)];
  return { [key.parts[0]]: a, [key.parts[1]]: b };
}

/** A value as `format` stores it: JSON as text, booleans as 0/1 where it says so. */
function storedValue(f: FieldSpec, v: unknown, format: RowFormat): unknown {
  if (v == null) return v;
  if (f.type === 'json' && format.jsonAsText) return JSON.stringify(v);
  if (f.type === 'boolean' && format.booleanAsNumber) return v ? 1 : 0;
  return v;
}

/** The row of a record: every column but the host's timestamps, with an `id` column for a key of parts. */
export function encodeRow<C extends RecordName>(c: C, record: AppRecords[C], format = CAMEL_ROWS): Row {
  const r = record as unknown as Row;
  const key = specOf(c).key;
  const row: Row = key && 'parts' in key && format.joinedId ? { id: keyOf(c, record) } : {};
  for (const [name, f, column] of layoutOf(c, format)) {
    if (f.timestamp && format.hostTimestamps) continue;
    const v = r[name] !== undefined ? r[name] : columnNullable(f) ? null : columnDefault(f);
    row[column] = storedValue(f, v, format);
  }
  return format.reshape?.[c]?.write(row) ?? row;
}

/** One of a list of values, in a filter. */
export interface OneOf<T = unknown> {
  readonly in: readonly T[];
}

export const isOneOf = (v: unknown): v is OneOf =>
  typeof v === 'object' && v !== null && Array.isArray((v as OneOf).in);

/** A filter on record fields as a filter on columns, each value (or list of values) as `format` stores it. */
export function toColumns(c: RecordName, where: Row | undefined, format = CAMEL_ROWS): Row | undefined {
  if (!where || Object.keys(where).length === 0) return undefined;
  const fields = specOf(c).fields;
  return Object.fromEntries(
    Object.entries(where).map(([name, v]) => {
      const f = fields[name];
      if (!f) return [name, v];
      const value = isOneOf(v)
        ? { in: v.in.map((x) => storedValue(f, x, format)) }
        : storedValue(f, v, format);
      return [format.column(c, name, f), value];
    }),
  );
}
