import { type Kysely, sql } from 'kysely';
import { withClusterLock } from './advisory-lock.ts';

// biome-ignore lint/suspicious/noExplicitAny: these tables sit beside the app's schema, not in it.
type AnyDb = Kysely<any>;

/**
 * PostgreSQL tables the instances of a cluster share: keys made once for all, when each periodic
 * job last ran, and message bodies too large for a NOTIFY payload.
 */
export function ensureClusterTables(db: AnyDb): Promise<void> {
  let made = ready.get(db);
  if (!made) {
    made = createTables(db);
    ready.set(db, made);
    made.catch(() => ready.delete(db));
  }
  return made;
}

const ready = new WeakMap<AnyDb, Promise<void>>();

async function createTables(db: AnyDb): Promise<void> {
  await withClusterLock(db, 'cluster-tables', async () => {
    await sql`create table if not exists cluster_keys (
      name text primary key, value text not null, created_at text not null)`.execute(db);
    await sql`create table if not exists cluster_jobs (
      name text primary key, last_run_at text not null, instance text not null)`.execute(db);
    await sql`create table if not exists cluster_messages (
      id bigserial primary key, body text not null, created_at timestamptz not null default now())`.execute(
      db,
    );
  });
}
