import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { type DialectName, migrateToLatest } from './migrations.ts';
import type { Database } from './schema.ts';
import { cacheStatements } from './statement-cache.ts';

export interface StorageOptions {
  /** Folder of the SQLite file (created when missing). Ignored when `databaseUrl` is set. */
  dataDir?: string;
  /** PostgreSQL connection string; when set, PostgreSQL is used instead of SQLite. */
  databaseUrl?: string;
  /** PostgreSQL schema to use (created when missing); lets parallel test runs share one database. */
  pgSchema?: string;
}

export interface Storage {
  db: Kysely<Database>;
  dialect: DialectName;
  /** PostgreSQL schema in use, when one was given. */
  pgSchema?: string;
  /** Where the data lives, for the start-up message. */
  location: string;
  close(): Promise<void>;
}

export const SQLITE_FILE = 'okr-align.sqlite';

const PG_INT8 = 20;
const PG_NUMERIC = 1700;

/** Opens the database (SQLite by default, PostgreSQL with `databaseUrl`) and runs the migrations. */
export async function openStorage(options: StorageOptions): Promise<Storage> {
  const storage = options.databaseUrl
    ? await openPostgres(options.databaseUrl, options.pgSchema)
    : openSqlite(options);
  await migrateToLatest(storage.db, storage.dialect, storage.pgSchema);
  return storage;
}

function openSqlite(options: StorageOptions): Storage {
  const dir = resolve(options.dataDir ?? './data');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, SQLITE_FILE);
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  // WAL with synchronous NORMAL survives a killed process; only a power cut can lose the last commits.
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: cacheStatements(sqlite) }) });
  return { db, dialect: 'sqlite', location: file, close: () => db.destroy() };
}

async function openPostgres(url: string, schema: string | undefined): Promise<Storage> {
  if (schema !== undefined && !/^[a-z_][a-z0-9_]*$/.test(schema)) {
    throw new Error(`storage: PostgreSQL schema name "${schema}" must match [a-z_][a-z0-9_]*`);
  }
  if (schema) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    } finally {
      await client.end();
    }
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === PG_INT8 || oid === PG_NUMERIC
          ? (v: string) => Number(v)
          : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  // An idle connection killed by the server (restart, failover, DROP … WITH FORCE) must not end the
  // process: the pool drops it and opens a new one for the next query.
  pool.on('error', (err) =>
    console.error(`storage: a PostgreSQL connection was lost (${err.message}); reconnecting on next use`),
  );
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const location = `${url.replace(/\/\/[^@]*@/, '//')}${schema ? ` (schema ${schema})` : ''}`;
  return {
    db,
    dialect: 'postgres',
    location,
    close: () => db.destroy(),
    ...(schema ? { pgSchema: schema } : {}),
  };
}

/** Drops a PostgreSQL schema and everything in it (tests clean up their own schema). */
export async function dropPgSchema(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}
