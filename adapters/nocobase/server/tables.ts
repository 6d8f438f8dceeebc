import type { NbDatabase, NbTransaction } from '@nocobase/server';
import type { Row } from '../../../plugin/records/row-codec.ts';
import { type ColumnFilter, isOneOf, type RowTables } from '../../../plugin/records/table-records.ts';

/** Plain-row access to collections, optionally inside one transaction. */
export interface TableAccess {
  find(collection: string, filter?: Record<string, unknown>, sort?: string[]): Promise<Row[]>;
  findOne(collection: string, id: string | number): Promise<Row | null>;
  create(collection: string, values: Row): Promise<Row>;
  update(collection: string, id: string | number, values: Row): Promise<void>;
  /** One `UPDATE … WHERE filter` (plain equality): the number of rows it changed. */
  updateWhere(collection: string, where: Row, values: Row): Promise<number>;
  destroy(collection: string, filter: Record<string, unknown>): Promise<number>;
}

/** Table access plus transactions: every write of a port method runs in one. */
export interface Tables extends TableAccess {
  transaction<T>(fn: (tx: TableAccess) => Promise<T>): Promise<T>;
}

function access(db: NbDatabase, transaction?: NbTransaction): TableAccess {
  const repo = (name: string) => db.getRepository(name);
  return {
    async find(collection, filter, sort) {
      const found = await repo(collection).find({ filter, sort, transaction });
      return found.map((m) => m.toJSON());
    },
    async findOne(collection, id) {
      const found = await repo(collection).findOne({ filterByTk: id, transaction });
      return found ? found.toJSON() : null;
    },
    async create(collection, values) {
      return (await repo(collection).create({ values, transaction })).toJSON();
    },
    async update(collection, id, values) {
      await repo(collection).update({ filterByTk: id, values, transaction });
    },
    async updateWhere(collection, where, values) {
      const [count] = await db.getModel(collection).update(values, { where, transaction, hooks: false });
      return Number(count);
    },
    async destroy(collection, filter) {
      return repo(collection).destroy({ filter, transaction });
    },
  };
}

/** Tables over a NocoBase database; `transaction` uses Sequelize managed transactions. */
export function nocobaseTables(db: NbDatabase): Tables {
  return {
    ...access(db),
    transaction: (fn) => db.sequelize.transaction((t) => fn(access(db, t))),
  };
}

/** A pack filter in NocoBase's filter language: a list of values is `$in`. */
const filterOf = (where: ColumnFilter) =>
  Object.fromEntries(Object.entries(where).map(([k, v]) => [k, isOneOf(v) ? { $in: v.in } : v]));

const isUnique = (error: unknown) => (error as { name?: string })?.name === 'SequelizeUniqueConstraintError';

/** The pack's row port over NocoBase repositories, inside `tx` (a transaction or none). */
export const rowTables = (tx: TableAccess): RowTables => ({
  find: (table, where) => tx.find(table, filterOf(where)),
  insert: (table, row) =>
    tx.create(table, row).then(
      () => true,
      (error: unknown) => {
        if (isUnique(error)) return false;
        throw error;
      },
    ),
  update: (table, where, values) => tx.updateWhere(table, filterOf(where), values),
  remove: (table, where) => tx.destroy(table, filterOf(where)),
});
