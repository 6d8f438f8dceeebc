import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dropPgSchema, openStorage, type Storage } from '../../host/server/storage/database.ts';

/** A database of the reference host, made by its migrations, for a test to open and throw away. */
export interface StorageBackend {
  name: 'SQLite' | 'PostgreSQL';
  skip: boolean;
  open(): Promise<{ storage: Storage; cleanup(): Promise<void> }>;
}

/** SQLite in a fresh folder, and PostgreSQL (with DATABASE_URL) in a fresh schema. */
export const STORAGE_BACKENDS: StorageBackend[] = [
  {
    name: 'SQLite',
    skip: false,
    async open() {
      const dir = mkdtempSync(join(tmpdir(), 'okr-storage-'));
      const storage = await openStorage({ dataDir: dir });
      return { storage, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
    },
  },
  {
    name: 'PostgreSQL',
    skip: !process.env.DATABASE_URL,
    async open() {
      const url = process.env.DATABASE_URL!;
      const pgSchema = `t_${randomBytes(6).toString('hex')}`;
      const cleanup = () => dropPgSchema(url, pgSchema);
      const storage = await openStorage({ databaseUrl: url, pgSchema }).catch(async (err: unknown) => {
        await cleanup();
        throw err;
      });
      return { storage, cleanup };
    },
  },
];
