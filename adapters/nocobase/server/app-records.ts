import { randomUUID } from 'node:crypto';
import type { StoredAuditEntry, Transaction, UnitOfWork } from '../../../plugin/app/ports.ts';
import { CAMEL_ROWS } from '../../../plugin/records/row-codec.ts';
import { type TableRecords, tableRecords } from '../../../plugin/records/table-records.ts';
import { nocobaseAutomationEvents } from './automation-events.ts';
import { COLLECTIONS } from './collections.ts';
import { rowTables, type TableAccess, type Tables } from './tables.ts';

/** The pack's `Records` over NocoBase repositories, inside `tx` (a transaction or none). */
export const nocobaseRecords = (tx: TableAccess): TableRecords => tableRecords(rowTables(tx), CAMEL_ROWS);

const audit = (tx: TableAccess, e: StoredAuditEntry) =>
  tx.create(COLLECTIONS.audit, {
    id: randomUUID(),
    at: e.at,
    actorId: e.actorId ?? 'system',
    action: e.action,
    subject: `${e.subjectType}:${e.subjectId}`,
    detail: { before: e.before ?? null, after: e.after ?? null },
  });

/** One Sequelize transaction per command: its record writes and audit rows commit together. */
export function nocobaseUnitOfWork(tables: Tables): UnitOfWork {
  return {
    transaction: (work) =>
      tables.transaction((access) => {
        const tx: Transaction = {
          ...nocobaseRecords(access),
          audit: (e) => audit(access, e).then(() => undefined),
          automationEvents: nocobaseAutomationEvents(access),
        };
        return work(tx);
      }),
  };
}
