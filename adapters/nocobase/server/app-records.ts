import { randomUUID } from 'node:crypto';
import {
  type AppRecords,
  DuplicateRecord,
  type RecordName,
  type Records,
  type StoredAuditEntry,
  type Transaction,
  type UnitOfWork,
} from '../../../plugin/app/ports.ts';
import { decodeRow, encodeRow, keyFields, specOf, toColumns } from '../../../plugin/records/row-codec.ts';
import { COLLECTIONS } from './collections.ts';
import { type Row, toKeyResult, toLink } from './records.ts';
import type { TableAccess, Tables } from './tables.ts';

/** A row as its record; a key result reads its links inside the same transaction. */
async function toRecord<C extends RecordName>(c: C, row: Row, tx: TableAccess): Promise<AppRecords[C]> {
  if (c !== 'keyResults') return decodeRow(c, row);
  const links = (await tx.find(COLLECTIONS.links, { krId: row.id })).map(toLink);
  return toKeyResult(row, links, true) as AppRecords[C];
}

const isUnique = (error: unknown) => (error as { name?: string })?.name === 'SequelizeUniqueConstraintError';

/** The pack's `Records` over NocoBase repositories, inside `tx` (a transaction or none). */
export function nocobaseRecords(tx: TableAccess): Records {
  const self: Records = {
    async get(c, id) {
      const row = (await tx.find(COLLECTIONS[c], keyFields(c, id)))[0];
      return row ? await toRecord(c, row, tx) : null;
    },
    async find(c, match) {
      const rows = await tx.find(COLLECTIONS[c], toColumns(c, match as Row | undefined));
      return Promise.all(rows.map((r) => toRecord(c, r, tx)));
    },
    async insert(c, record) {
      try {
        await tx.create(COLLECTIONS[c], encodeRow(c, record));
      } catch (error) {
        if (isUnique(error)) throw new DuplicateRecord(c);
        throw error;
      }
    },
    async update(c, id, patch, expectedVersion) {
      const { versioned, stateField } = specOf(c);
      const current = await self.get(c, id);
      if (!current) return false;
      const base = versioned ? (expectedVersion ?? (current as { version: number }).version) : undefined;
      const next = { ...current, ...patch } as AppRecords[typeof c];
      if (base !== undefined) (next as { version: number }).version = base + 1;
      const { id: _id, ...values } = encodeRow(c, next);
      // One UPDATE … WHERE version = base: a writer that committed first makes it change nothing.
      const where: Row = { ...keyFields(c, id), ...(base === undefined ? {} : { version: base }) };
      if (stateField) where[stateField] = (current as unknown as Row)[stateField];
      return (await tx.updateWhere(COLLECTIONS[c], where, values)) === 1;
    },
    async remove(c, id, expectedVersion) {
      const key = keyFields(c, id);
      const filter = expectedVersion === undefined ? key : { ...key, version: expectedVersion };
      return (await tx.destroy(COLLECTIONS[c], filter)) >= 1;
    },
  };
  return self;
}

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
        };
        return work(tx);
      }),
  };
}
