import type { NbDatabase } from '@nocobase/server';
import type { CollectionDef } from './collections.ts';

/** The slice of NocoBase's database the check uses (`db.getCollection`, Sequelize's query interface). */
interface SchemaDb {
  getCollection(name: string): { getTableNameWithSchema(): unknown; sync(): Promise<void> } | undefined;
  sequelize: {
    getQueryInterface(): {
      describeTable(table: unknown): Promise<Record<string, unknown>>;
      showIndex(table: unknown): Promise<{ unique?: boolean; fields?: { attribute?: string }[] }[]>;
      addIndex(table: unknown, fields: string[], options: { unique: true }): Promise<void>;
    };
  };
}

/** Declared unique fields without a unique index of their own (a unique key added in an update). */
async function missingUniques(db: SchemaDb, defs: readonly CollectionDef[]) {
  const missing: { collection: string; field: string }[] = [];
  for (const def of defs) {
    const collection = db.getCollection(def.name);
    const unique = def.fields.filter((f) => f.unique);
    if (!collection || unique.length === 0) continue;
    const indexes = await db.sequelize.getQueryInterface().showIndex(collection.getTableNameWithSchema());
    for (const f of unique)
      if (!indexes.some((i) => i.unique && i.fields?.length === 1 && i.fields[0]?.attribute === f.name))
        missing.push({ collection: def.name, field: f.name });
  }
  return missing;
}

/** Declared fields of each collection whose column (or whole table) the database lacks. */
export async function missingColumns(
  db: SchemaDb,
  defs: readonly CollectionDef[],
): Promise<{ collection: string; fields: string[] }[]> {
  const stale: { collection: string; fields: string[] }[] = [];
  for (const def of defs) {
    const collection = db.getCollection(def.name);
    if (!collection) continue;
    let columns: Record<string, unknown> = {};
    try {
      columns = await db.sequelize.getQueryInterface().describeTable(collection.getTableNameWithSchema());
    } catch {
      // No table at all: every field is missing.
    }
    const fields = def.fields.map((f) => f.name).filter((name) => !(name in columns));
    if (fields.length > 0) stale.push({ collection: def.name, fields });
  }
  return stale;
}

/**
 * NocoBase adds a plugin's new tables and columns only in `nocobase upgrade` (or install/enable). A
 * plugin updated through the plugin manager (`pm:update`) and restarted without an upgrade would run
 * new code on the old schema and answer 500 on every write that touches a new column: the plugin adds
 * what is missing to its own collections (additive only, NocoBase's own collection sync) and says so.
 */
export async function addMissingColumns(
  nbDb: NbDatabase,
  defs: readonly CollectionDef[],
  warn: (message: string) => void,
): Promise<string[]> {
  const db = nbDb as unknown as SchemaDb;
  const stale = await missingColumns(db, defs);
  for (const { collection } of stale) await db.getCollection(collection)?.sync();
  const added = stale.flatMap((s) => s.fields.map((f) => `${s.collection}.${f}`));
  // A unique key declared on an existing column (`nocobase upgrade` adds it too; a plain restart does not).
  for (const { collection, field } of await missingUniques(db, defs)) {
    const table = db.getCollection(collection)?.getTableNameWithSchema();
    try {
      await db.sequelize.getQueryInterface().addIndex(table, [field], { unique: true });
      added.push(`a unique key on ${collection}.${field}`);
    } catch (error) {
      warn(
        `okr-align: cannot add the unique key on ${collection}.${field} (duplicate rows?): ${String(error)}`,
      );
    }
  }
  if (added.length > 0)
    warn(
      `okr-align: the database lacked ${added.join(', ')} (plugin updated without \`yarn nocobase upgrade\`); added them`,
    );
  return added;
}
