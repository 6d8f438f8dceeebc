/**
 * The pack's collections as NocoBase collection options (plain data, written by the build to
 * `dist/server/collections/*.js`), derived from the pack's record schema (plugin/records). Ids are our
 * own string ids, so NocoBase must not add its own. Dates and instants are kept as ISO strings: they
 * round-trip exactly, whatever the server time zone.
 */
import type { RecordName } from '../../../plugin/app/ports.ts';
import { RECORD_NAMES } from '../../../plugin/records/record-schema.ts';
import { specOf } from '../../../plugin/records/row-codec.ts';
import {
  type ColumnDef,
  type TableSpec as PackTable,
  tableColumns,
} from '../../../plugin/records/table-columns.ts';

export interface CollectionDef {
  name: string;
  /** i18n key of the title (locale files of the client bundle). */
  title: string;
  autoGenId: false;
  timestamps: boolean;
  fields: ColumnDef[];
}

type TableSpec = PackTable & {
  /** NocoBase's own row timestamps; default: unless the table keeps a `createdAt` or `updatedAt`. */
  readonly timestamps?: boolean;
};

const S = { type: 'string' } as const;
const SN = { type: 'string', null: true } as const;
const J = { type: 'json' } as const;

/** Host tables beside the records: the audit trail, rule events, in-app notifications, automation cursor. */
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
  // The time of the last audit row whose lifecycle event went to the automations.
  automationCursor: { table: 'automation_cursor', timestamps: false, fields: { id: S, at: S } },
} as const satisfies Record<string, TableSpec>;

const TABLES: Record<RecordName | keyof typeof HOST_TABLES, TableSpec> = {
  ...(Object.fromEntries(RECORD_NAMES.map((c) => [c, specOf(c)])) as Record<RecordName, TableSpec>),
  ...HOST_TABLES,
};

export type CollectionKey = keyof typeof TABLES;
const nameOf = (table: string) => `okr_${table}`;

/** Collection names by role in the adapter. */
export const COLLECTIONS = Object.fromEntries(
  Object.entries(TABLES).map(([role, t]) => [role, nameOf(t.table)]),
) as Record<CollectionKey, string>;

function collectionDef(spec: TableSpec): CollectionDef {
  const fields = tableColumns(spec);
  return {
    name: nameOf(spec.table),
    title: `collections.${nameOf(spec.table)}`,
    autoGenId: false,
    // Our own createdAt (an ISO string) would clash with NocoBase's timestamp columns.
    timestamps: spec.timestamps ?? !fields.some((f) => f.name === 'createdAt' || f.name === 'updatedAt'),
    fields,
  };
}

export const COLLECTION_DEFS: readonly CollectionDef[] = Object.values(TABLES).map(collectionDef);
