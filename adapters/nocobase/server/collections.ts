/**
 * The pack's collections as NocoBase collection options (plain data, written by the build to
 * `dist/server/collections/*.js`), derived from the pack's record schema (plugin/records). Ids are our
 * own string ids, so NocoBase must not add its own. Dates and instants are kept as ISO strings: they
 * round-trip exactly, whatever the server time zone.
 */
import type { RecordName } from '../../../plugin/app/ports.ts';
import { type FieldSpec, RECORD_NAMES } from '../../../plugin/records/record-schema.ts';
import {
  columnDefault,
  columnNullable,
  columnOf,
  fieldsOf,
  specOf,
} from '../../../plugin/records/row-codec.ts';
import { AUTOMATION_COLLECTION_DEFS, AUTOMATION_COLLECTIONS } from './automation-collections.ts';

export type FieldType = FieldSpec['type'];

export interface FieldDef {
  name: string;
  type: FieldType;
  primaryKey?: true;
  allowNull?: boolean;
  unique?: true;
  defaultValue?: unknown;
}

export interface CollectionDef {
  name: string;
  /** i18n key of the title (locale files of the client bundle). */
  title: string;
  autoGenId: false;
  timestamps: boolean;
  fields: FieldDef[];
}

const S = { type: 'string' } as const;
const SN = { type: 'string', null: true } as const;
const J = { type: 'json' } as const;

/** Host tables beside the records: the audit trail, rule events and in-app notifications. */
const HOST_TABLES = {
  audit: { table: 'audit', fields: { id: S, at: S, actorId: S, action: S, subject: S, detail: J } },
  // One row per rule event and subject: a NocoBase workflow can trigger on "record created" here.
  ruleEvents: {
    table: 'rule_events',
    fields: {
      id: S,
      type: S,
      krId: SN,
      personId: SN,
      accountId: SN,
      month: SN,
      params: J,
      at: S,
      dedupKey: { ...S, unique: true },
    },
  },
  notifications: {
    table: 'notifications',
    fields: {
      id: S,
      personId: S,
      kind: S,
      params: J,
      subject: J,
      createdAt: S,
      readAt: SN,
      dedupKey: S,
    },
  },
} as const satisfies Record<string, { table: string; fields: Record<string, FieldSpec> }>;

type Role = RecordName | keyof typeof HOST_TABLES;
const nameOf = (table: string) => `okr_${table}`;

/** Collection names by role in the adapter. */
export const COLLECTIONS = Object.fromEntries([
  ...RECORD_NAMES.map((c) => [c, nameOf(specOf(c).table)]),
  ...Object.entries(HOST_TABLES).map(([role, t]) => [role, nameOf(t.table)]),
  ...Object.entries(AUTOMATION_COLLECTIONS),
]) as Record<Role, string>;

export type CollectionKey = Role;

const fieldDef = (name: string, f: FieldSpec, primaryKey: boolean): FieldDef => {
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

const def = (table: string, fields: FieldDef[]): CollectionDef => ({
  name: nameOf(table),
  title: `collections.${nameOf(table)}`,
  autoGenId: false,
  // Our own createdAt (an ISO string) would clash with NocoBase's timestamp columns.
  timestamps: !fields.some((f) => f.name === 'createdAt' || f.name === 'updatedAt'),
  fields,
});

function recordDef(c: RecordName): CollectionDef {
  const { key, table, hostColumns = {} } = specOf(c);
  const pk = key && 'field' in key ? key.field : 'id';
  const fields = [
    ...(key && 'parts' in key ? [fieldDef('id', S, true)] : []),
    ...fieldsOf(c)
      .filter(([, f]) => !f.timestamp)
      .map(([name, f]) => fieldDef(columnOf(name, f), f, name === pk)),
    ...Object.entries(hostColumns).map(([name, f]) => fieldDef(name, f, false)),
  ];
  return def(table, fields);
}

export const COLLECTION_DEFS: readonly CollectionDef[] = [
  ...RECORD_NAMES.map(recordDef),
  ...Object.values(HOST_TABLES).map((t) =>
    def(
      t.table,
      Object.entries(t.fields).map(([name, f]) => fieldDef(name, f, name === 'id')),
    ),
  ),
  ...AUTOMATION_COLLECTION_DEFS,
];
