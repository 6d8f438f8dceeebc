import type { FieldSpec, RecordSpec } from './record-schema.ts';
import { columnDefault, columnNullable, columnOf } from './row-codec.ts';

/** A table a host creates: a record's spec (`specOf`) or a host table of the same form. */
export type TableSpec = Pick<RecordSpec<Record<string, unknown>>, 'table' | 'key' | 'hostColumns'> & {
  readonly fields: Readonly<Record<string, FieldSpec>>;
};

/** One column of a table, as a host declares it. */
export interface ColumnDef {
  name: string;
  type: FieldSpec['type'];
  primaryKey?: true;
  allowNull?: boolean;
  unique?: true;
  defaultValue?: unknown;
}

const columnDef = (name: string, f: FieldSpec, primaryKey: boolean): ColumnDef => {
  const value = columnDefault(f);
  return {
    name,
    type: f.type,
    ...(primaryKey ? { primaryKey: true } : {}),
    allowNull: !primaryKey && columnNullable(f),
    ...(f.unique ? { unique: true } : {}),
    ...(value === undefined ? {} : { defaultValue: value }),
  };
};

/**
 * The columns of a table: its stored fields (the host's own row timestamps are left out) and the
 * host's columns. A key of parts is also kept joined in an `id` column, for hosts that need one primary key.
 */
export function tableColumns({ key, fields, hostColumns = {} }: TableSpec): ColumnDef[] {
  const pk = key && 'field' in key ? key.field : 'id';
  return [
    ...(key && 'parts' in key ? [columnDef('id', { type: 'string' }, true)] : []),
    ...Object.entries(fields)
      .filter(([, f]) => !f.timestamp)
      .map(([name, f]) => columnDef(columnOf(name, f), f, name === pk)),
    ...Object.entries(hostColumns).map(([name, f]) => columnDef(name, f, false)),
  ];
}
