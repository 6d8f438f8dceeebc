import {
  type AppRecords,
  DuplicateRecord,
  type RecordName,
  type Records,
  type StoredLink,
} from '../app/ports.ts';
import {
  decodeRow,
  encodeRow,
  isOneOf,
  keyFields,
  type OneOf,
  type Row,
  type RowFormat,
  specOf,
  toColumns,
} from './row-codec.ts';

export { isOneOf, type OneOf };

/** A filter on columns: each given column equals its value (null: holds none) or is one of a list. */
export type ColumnFilter = Readonly<Record<string, unknown>>;

/** A filter on record fields, as `Records.find` takes it, where a field may also be one of a list. */
export type FieldFilter<T> = { readonly [K in keyof T]?: T[K] | OneOf<T[K]> };

/** The rows of a host's tables: the port each host implements, the pack maps rows to records. */
export interface RowTables {
  find(table: string, where: ColumnFilter): Promise<Row[]>;
  /** False when a unique key refused the row. */
  insert(table: string, row: Row): Promise<boolean>;
  /** One `UPDATE … WHERE`: the number of rows it changed. */
  update(table: string, where: ColumnFilter, values: Row): Promise<number>;
  remove(table: string, where: ColumnFilter): Promise<number>;
}

/** `Records` whose `find` also takes lists of values: what a snapshot reads. */
export interface TableRecords extends Records {
  find<C extends RecordName>(c: C, where?: FieldFilter<AppRecords[C]>): Promise<AppRecords[C][]>;
}

const byObjective = (a: StoredLink, b: StoredLink) =>
  a.objectiveId < b.objectiveId ? -1 : a.objectiveId > b.objectiveId ? 1 : 0;

/** The links of each KR in objective order, as both hosts have read them. */
function linksByKr(links: StoredLink[]) {
  const byKr = new Map<string, { objectiveId: string; weight: number; linkedAt: string }[]>();
  for (const { krId, objectiveId, weight, linkedAt } of links.sort(byObjective)) {
    const list = byKr.get(krId);
    if (list) list.push({ objectiveId, weight, linkedAt });
    else byKr.set(krId, [{ objectiveId, weight, linkedAt }]);
  }
  return byKr;
}

/** The pack's `Records` over a host's tables laid out as `format` says, inside whatever `tables` runs in. */
export function tableRecords(tables: RowTables, format: RowFormat): TableRecords {
  const known = (c: RecordName, filter: Row): Row => {
    const fields = specOf(c).fields;
    for (const name of Object.keys(filter))
      if (!fields[name]) throw new Error(`records: ${c} has no field "${name}" to filter by`);
    return filter;
  };
  const where = (c: RecordName, filter: Row): ColumnFilter => toColumns(c, known(c, filter), format) ?? {};
  const rows = (c: RecordName, filter: ColumnFilter) =>
    // An empty list matches nothing; SQL has no `IN ()`.
    Object.values(filter).some((v) => isOneOf(v) && v.in.length === 0)
      ? Promise.resolve([])
      : tables.find(format.table(c), filter);

  async function records<C extends RecordName>(c: C, found: Row[]): Promise<AppRecords[C][]> {
    const decoded = found.map((r) => decodeRow(c, r, format));
    if (c !== 'keyResults' || decoded.length === 0) return decoded;
    const krs = decoded as AppRecords['keyResults'][];
    const ids = krs.map((k) => k.id);
    const links = linksByKr(await self.find('links', { krId: ids.length === 1 ? ids[0] : { in: ids } }));
    return krs.map((k) => ({ ...k, links: links.get(k.id) ?? [] })) as AppRecords[C][];
  }

  const stored = async (c: RecordName, id: string) =>
    (await rows(c, toColumns(c, keyFields(c, id), format) ?? {}))[0];

  const self: TableRecords = {
    async get(c, id) {
      const row = await stored(c, id);
      return row ? ((await records(c, [row]))[0] ?? null) : null;
    },
    async find(c, match) {
      return records(c, await rows(c, where(c, (match ?? {}) as Row)));
    },
    async insert(c, record) {
      if (!(await tables.insert(format.table(c), encodeRow(c, record, format)))) throw new DuplicateRecord(c);
    },
    async update(c, id, patch, expected) {
      const expectedVersion = typeof expected === 'number' ? expected : undefined;
      const { versioned, stateField } = specOf(c);
      // The row alone: a KR's links are rows of their own, so its update need not read them.
      const row = await stored(c, id);
      if (!row) return false;
      const current = decodeRow(c, row, format) as AppRecords[typeof c] & { version?: number };
      // A versioned record is always written as a compare-and-set, against the sent or the read version.
      const base = versioned ? (expectedVersion ?? current.version) : undefined;
      if (base !== undefined && current.version !== base) return false;
      const next = { ...current, ...patch } as AppRecords[typeof c];
      if (base !== undefined) (next as { version: number }).version = base + 1;
      const { id: _id, ...values } = encodeRow(c, next, format);
      // One UPDATE … WHERE version = base: a writer that committed first makes it change nothing.
      const filter: Row = { ...keyFields(c, id), ...(base === undefined ? {} : { version: base }) };
      if (stateField) filter[stateField] = (current as unknown as Row)[stateField];
      // A record without a version is compared on the field values the writer read.
      if (typeof expected === 'object') Object.assign(filter, known(c, expected as Row));
      return (await tables.update(format.table(c), toColumns(c, filter, format) ?? {}, values)) === 1;
    },
    async remove(c, id, expectedVersion) {
      const key = keyFields(c, id);
      const filter = expectedVersion === undefined ? key : { ...key, version: expectedVersion };
      return (await tables.remove(format.table(c), toColumns(c, filter, format) ?? {})) >= 1;
    },
  };
  return self;
}
