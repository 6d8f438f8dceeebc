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
  const schema = db.sequelize.getQueryInterface();
  const added: string[] = [];
  for (const def of defs) {
    const collection = db.getCollection(def.name);
    if (!collection) continue;
    const table = collection.getTableNameWithSchema();
    // No table at all: every field is missing.
    const columns = await schema.describeTable(table).catch(() => ({}));
    const missing = def.fields.filter((f) => !(f.name in columns));
    if (missing.length > 0) await collection.sync();
    added.push(...missing.map((f) => `${def.name}.${f.name}`));
    // A unique key declared on an existing column (`nocobase upgrade` adds it too; a plain restart does not).
    const unique = def.fields.filter((f) => f.unique);
    const indexes = unique.length > 0 ? await schema.showIndex(table) : [];
    for (const { name } of unique) {
      if (indexes.some((i) => i.unique && i.fields?.length === 1 && i.fields[0]?.attribute === name))
        continue;
      try {
        await schema.addIndex(table, [name], { unique: true });
        added.push(`a unique key on ${def.name}.${name}`);
      } catch (error) {
        warn(
          `okr-align: cannot add the unique key on ${def.name}.${name} (duplicate rows?): ${String(error)}`,
        );
      }
    }
  }
  if (added.length > 0)
    warn(
      `okr-align: the database lacked ${added.join(', ')} (plugin updated without \`yarn nocobase upgrade\`); added them`,
    );
  return added;
}
