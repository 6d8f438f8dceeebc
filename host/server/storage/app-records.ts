import type { Kysely } from 'kysely';
import type { Transaction, UnitOfWork } from '../../../plugin/app/ports.ts';
import type { Row } from '../../../plugin/records/row-codec.ts';
import {
  type ColumnFilter,
  isOneOf,
  type RowTables,
  type TableRecords,
  tableRecords,
} from '../../../plugin/records/table-records.ts';
import { sqlAutomationEventLog } from '../automations/preview.ts';
import { writeAudit } from '../services/audit.ts';
import { SQL_ROWS } from './mappers.ts';
import type { Database } from './schema.ts';

type Db = Kysely<Database>;

/** SQLite and PostgreSQL both report a unique-key violation on insert; anything else stays itself. */
function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  return (
    code === '23505' || (typeof code === 'string' && /^SQLITE_CONSTRAINT_(PRIMARYKEY|UNIQUE)$/.test(code))
  );
}

function where<Q extends { where: (...a: never[]) => Q }>(q: Q, filter: ColumnFilter): Q {
  let out = q;
  for (const [column, value] of Object.entries(filter)) {
    const [op, v] = value === null ? ['is', null] : isOneOf(value) ? ['in', value.in] : ['=', value];
    out = (out.where as (c: string, op: string, v: unknown) => Q)(column, op, v);
  }
  return out;
}

/** This host's tables as the pack's row port, inside `db` (a transaction or the database). */
export function sqlTables(db: Db): RowTables {
  // Tables are named at run time, from the record schema.
  const any = db as unknown as Kysely<Record<string, Row>>;
  return {
    find: (table, filter) => where(any.selectFrom(table).selectAll(), filter).execute(),
    async insert(table, row) {
      try {
        await any.insertInto(table).values(row).execute();
        return true;
      } catch (error) {
        if (isUniqueViolation(error)) return false;
        throw error;
      }
    },
    async update(table, filter, values) {
      const result = await where(any.updateTable(table).set(values), filter).executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
    async remove(table, filter) {
      return Number((await where(any.deleteFrom(table), filter).executeTakeFirst()).numDeletedRows);
    },
  };
}

/** The pack's `Records` over this host's tables, inside `db` (a transaction or the database). */
export const sqlRecords = (db: Db): TableRecords => tableRecords(sqlTables(db), SQL_ROWS);

/** One kysely transaction per command: its record writes and audit rows commit together. */
export function sqlUnitOfWork(db: Db): UnitOfWork {
  return {
    transaction: (work) =>
      db.transaction().execute((trx) => {
        const tx: Transaction = {
          ...sqlRecords(trx),
          audit: (e) => writeAudit(trx, new Date(e.at), e),
          automationEvents: sqlAutomationEventLog(trx),
        };
        return work(tx);
      }),
  };
}
