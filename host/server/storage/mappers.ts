import type { AppRecords, RecordName, StoredLink } from '../../../plugin/app/ports.ts';
import type { Activity, KeyAccount, KeyResult, KrLink } from '../../../plugin/domain/types.ts';
import {
  decodeRow,
  encodeRow,
  entityOf,
  type Row,
  type RowFormat,
  specOf,
} from '../../../plugin/records/row-codec.ts';
import type { Database } from './schema.ts';

export type { StoredLink };

export function parseJson<T>(text: string | null, fallback: T): T {
  if (text === null || text === '') return fallback;
  return JSON.parse(text) as T;
}

const snake = (name: string) => name.replace(/[A-Z]/g, (m) => `_${m.toLowerCase()}`);

/** Columns not named as their field in snake_case (the tables are older than the record schema). */
const RENAMED: { readonly [C in RecordName]?: Readonly<Record<string, string>> } = {
  cycles: { start: 'start_date', end: 'end_date' },
  personMoves: { on: 'on_date' },
  peerReviewWindows: { id: 'quarter' },
  formOverlays: { id: 'form_id' },
  settingsVersions: { settings: 'document' },
  automationRuns: { key: 'run_key' },
  automationWaits: { id: 'run_key' },
};

/** This host's rows, portable across SQLite and PostgreSQL: snake_case, JSON as text, booleans as 0/1. */
export const SQL_ROWS: RowFormat = {
  table: (c) => specOf(c).table,
  column: (c, name) => RENAMED[c]?.[name] ?? snake(name),
  jsonAsText: true,
  booleanAsNumber: true,
  reshape: {
    // 0011-automations keeps a run's event inside its `action` column.
    automationRuns: {
      read: ({ action, ...row }) => ({ ...row, ...JSON.parse(action as string) }),
      write: ({ event, ...row }) => ({ ...row, action: `{"action":${row.action},"event":${event}}` }),
    },
  },
};

/** The sdk entity of a row of `c`. */
const entity =
  <C extends RecordName>(c: C) =>
  (r: Row) =>
    entityOf(c, decodeRow(c, r, SQL_ROWS));
/** The row of an entity without its `custom` column, which routes write apart. */
const row = <C extends RecordName, T>(c: C, record: AppRecords[C]): T => {
  const { custom: _c, ...values } = encodeRow(c, record, SQL_ROWS);
  return values as T;
};

export const toLink = (r: Row): StoredLink => decodeRow('links', r, SQL_ROWS);
export const toObjective = (r: Row) => {
  const { custom: _c, ...objective } = decodeRow('objectives', r, SQL_ROWS);
  return objective;
};
/** A key result row with the links given. */
export const toKeyResult = (r: Row, links: KrLink[]): KeyResult => ({
  ...(entity('keyResults')(r) as Omit<KeyResult, 'links'>),
  links,
});
export const toCheckIn = entity('checkIns');
export const toEscalation = entity('escalations');
export const toActivity = entity('activities');
export const toKeyAccount = entity('keyAccounts');
export const fromActivity = (a: Activity) => row<'activities', Database['activities']>('activities', a);
export const fromKeyAccount = (k: KeyAccount) =>
  row<'keyAccounts', Database['key_accounts']>('keyAccounts', k);
