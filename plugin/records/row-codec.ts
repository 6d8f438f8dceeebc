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

export const specOf = (c: RecordName) => RECORD_SCHEMA[c] as RecordSpec<Row>;
export const fieldsOf = (c: RecordName) => Object.entries(specOf(c).fields) as [string, FieldSpec][];
export const columnOf = (name: string, f: FieldSpec): string => f.column ?? name;
export const columnNullable = (f: FieldSpec): boolean =>
  Boolean(f.null || f.allowNull || (f.optional && f.type !== 'text'));
export const columnDefault = (f: FieldSpec): unknown =>
  f.type === 'text' ? '' : f.type === 'boolean' ? false : f.default;

const OMIT = Symbol('omit');

function decodeValue(c: RecordName, name: string, f: FieldSpec, v: unknown): unknown {
  const bad = (): never => {
    throw new RowError(c, name, v);
  };
  switch (f.type) {
    case 'string':
    case 'text':
      return typeof v === 'string' ? v : bad();
    case 'boolean':
      return v === true || v === 1;
    case 'json':
      if (typeof v !== 'string') return v;
      try {
        return JSON.parse(v);
      } catch {
        return bad();
      }
    default: {
      // PostgreSQL BIGINT comes back as a string; numbers must stay exact (integers: safe integers).
      const x = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
      if (typeof x !== 'number' || !Number.isFinite(x)) return bad();
      return f.type === 'double' || Number.isSafeInteger(x) ? x : bad();
    }
  }
}

function readField(c: RecordName, name: string, f: FieldSpec, row: Row): unknown {
  const v = row[columnOf(name, f)];
  if (f.timestamp) {
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
  return decodeValue(c, name, f, v);
}

/** The record of a row (a key result without its links: they are `links` records). */
export function decodeRow<C extends RecordName>(c: C, row: Row): AppRecords[C] {
  const out: Row = {};
  for (const [name, f] of fieldsOf(c)) {
    const value = readField(c, name, f, row);
    if (value !== OMIT) out[name] = value;
  }
  return out as unknown as AppRecords[C];
}

/** The sdk entity of a record: without the row version and custom values kept beside it. */
export function entityOf<T extends object>(c: RecordName, record: T): T {
  const out = { ...record } as Row;
  for (const [name, f] of fieldsOf(c)) if (f.meta) delete out[name];
  return out as T;
}

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

/** The row of a record: every column but the host's timestamps, with an `id` column for a key of parts. */
export function encodeRow<C extends RecordName>(c: C, record: AppRecords[C]): Row {
  const r = record as unknown as Row;
  const key = specOf(c).key;
  const row: Row = key && 'parts' in key ? { id: keyOf(c, record) } : {};
  for (const [name, f] of fieldsOf(c)) {
    if (f.timestamp) continue;
    const v = r[name];
    row[columnOf(name, f)] = v !== undefined ? v : columnNullable(f) ? null : columnDefault(f);
  }
  return row;
}

/** A filter on record fields as a filter on columns (values, operators included, pass through). */
export function toColumns(c: RecordName, where: Row | undefined): Row | undefined {
  if (!where || Object.keys(where).length === 0) return undefined;
  const fields = specOf(c).fields;
  return Object.fromEntries(
    Object.entries(where).map(([name, v]) => [fields[name] ? columnOf(name, fields[name]) : name, v]),
  );
}
