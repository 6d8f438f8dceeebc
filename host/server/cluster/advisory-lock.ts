import { type Kysely, PostgresAdapter, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: the locks work on any schema.
type AnyDb = Kysely<any>;

export function isPostgres(db: AnyDb): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** The lock key is per schema, so tests sharing one database in separate schemas do not wait on each other. */
const keyOf = (name: string) => sql`hashtext(current_schema() || ':okr-align:' || ${name})`;

/**
 * Runs `task` while holding the PostgreSQL session advisory lock `name`, waiting for it: one
 * instance of the cluster at a time. On SQLite (one process) `task` simply runs.
 */
export async function withClusterLock<T>(db: AnyDb, name: string, task: () => Promise<T>): Promise<T> {
  if (!isPostgres(db)) return task();
  return db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(${keyOf(name)})`.execute(conn);
    try {
      return await task();
    } finally {
      await sql`select pg_advisory_unlock(${keyOf(name)})`.execute(conn);
    }
  });
}

/**
 * Runs `task` only if no other instance holds the lock `name` right now; returns whether it ran.
 * For work that one instance does for the whole cluster (a scheduler tick): the others skip it.
 */
export async function ifClusterLockFree(
  db: AnyDb,
  name: string,
  task: () => Promise<void>,
): Promise<boolean> {
  if (!isPostgres(db)) {
    await task();
    return true;
  }
  return db.connection().execute(async (conn) => {
    const { rows } = await sql<{ ok: boolean }>`select pg_try_advisory_lock(${keyOf(name)}) as ok`.execute(
      conn,
    );
    if (!rows[0]?.ok) return false;
    try {
      await task();
      return true;
    } finally {
      await sql`select pg_advisory_unlock(${keyOf(name)})`.execute(conn);
    }
  });
}
