// NocoBase tables in memory for the adapter's unit tests: equality, `$in`, `$or`, `$lt/$lte/$gt`
// filters, sorting, and the unique keys of the collection definitions (a duplicate throws as Sequelize does).
import { COLLECTION_DEFS } from '../../../adapters/nocobase/server/collections.ts';
import type { Row } from '../../../adapters/nocobase/server/records.ts';
import type { TableAccess, Tables } from '../../../adapters/nocobase/server/tables.ts';

type Filter = Record<string, unknown>;

const test = (value: unknown, cond: unknown): boolean => {
  if (cond === null) return value == null;
  if (typeof cond !== 'object' || Array.isArray(cond)) return value === cond;
  return Object.entries(cond as Record<string, unknown>).every(([op, v]) => {
    const a = value as string | number;
    const b = v as string | number;
    if (op === '$in') return (v as unknown[]).includes(value);
    if (op === '$lt') return a < b;
    if (op === '$lte') return a <= b;
    if (op === '$gt') return a > b;
    if (op === '$gte') return a >= b;
    if (op === '$eq') return value === v;
    throw new Error(`memory tables: no operator ${op}`);
  });
};

const matches = (row: Row, filter: Filter = {}): boolean =>
  Object.entries(filter).every(([k, cond]) => {
    if (k === '$or') return (cond as Filter[]).some((f) => matches(row, f));
    if (k === '$and') return (cond as Filter[]).every((f) => matches(row, f));
    return test(row[k], cond);
  });

const sortBy = (rows: Row[], sort: string[] = []) =>
  [...rows].sort((x, y) => {
    for (const s of sort) {
      const desc = s.startsWith('-');
      const k = desc ? s.slice(1) : s;
      const a = String(x[k] ?? '');
      const b = String(y[k] ?? '');
      if (a !== b) return (a < b ? -1 : 1) * (desc ? -1 : 1);
    }
    return 0;
  });

export function memoryTables(rows: Record<string, Row[]> = {}): Tables & { rows: Record<string, Row[]> } {
  const keyOf = (c: string) =>
    COLLECTION_DEFS.find((d) => d.name === c)?.fields.find((f) => f.primaryKey)?.name ?? 'id';
  const uniques = (c: string) => [
    keyOf(c),
    ...(COLLECTION_DEFS.find((d) => d.name === c)
      ?.fields.filter((f) => f.unique)
      .map((f) => f.name) ?? []),
  ];
  const table = (c: string) => {
    rows[c] ??= [];
    return rows[c];
  };
  const access: TableAccess = {
    find: async (c, filter, sort) =>
      sortBy(
        table(c).filter((r) => matches(r, filter)),
        sort,
      ).map((r) => ({ ...r })),
    findOne: async (c, id) => {
      const found = table(c).find((r) => r[keyOf(c)] === id);
      return found ? { ...found } : null;
    },
    create: async (c, values) => {
      for (const u of uniques(c))
        if (values[u] !== undefined && table(c).some((r) => r[u] === values[u]))
          throw Object.assign(new Error(`${c}.${u} must be unique`), {
            name: 'SequelizeUniqueConstraintError',
          });
      table(c).push({ ...values });
      return { ...values };
    },
    update: async (c, id, values) => {
      const found = table(c).find((r) => r[keyOf(c)] === id);
      if (found) Object.assign(found, values);
    },
    updateWhere: async (c, where, values) => {
      const hit = table(c).filter((r) => matches(r, where));
      for (const r of hit) Object.assign(r, values);
      return hit.length;
    },
    destroy: async (c, filter) => {
      const before = table(c).length;
      rows[c] = table(c).filter((r) => !matches(r, filter));
      return before - table(c).length;
    },
  };
  return { ...access, transaction: (fn) => fn(access), rows };
}
