import { type Kysely, sql } from 'kysely';
import { ifClusterLockFree, isPostgres } from './advisory-lock.ts';
import { ensureClusterTables } from './cluster-tables.ts';

// biome-ignore lint/suspicious/noExplicitAny: cluster_jobs is not part of the app's schema type.
type AnyDb = Kysely<any>;

/**
 * Runs a periodic job once per cluster and interval: the instance that gets the lock and finds the
 * last run older than `intervalMs` runs it and records the time; the others skip. Alone on SQLite
 * the job simply runs.
 */
export async function runOncePerInterval(
  db: AnyDb,
  job: { name: string; intervalMs: number; now: Date; instance: string },
  task: () => Promise<void>,
): Promise<boolean> {
  if (!isPostgres(db)) {
    await task();
    return true;
  }
  await ensureClusterTables(db);
  let ran = false;
  await ifClusterLockFree(db, `job:${job.name}`, async () => {
    const { rows } = await sql<{ last_run_at: string }>`
      select last_run_at from cluster_jobs where name = ${job.name}`.execute(db);
    const last = rows[0] ? Date.parse(rows[0].last_run_at) : Number.NEGATIVE_INFINITY;
    if (job.now.getTime() - last < job.intervalMs) return;
    await task();
    await sql`insert into cluster_jobs (name, last_run_at, instance)
      values (${job.name}, ${job.now.toISOString()}, ${job.instance})
      on conflict (name) do update set last_run_at = excluded.last_run_at, instance = excluded.instance`.execute(
      db,
    );
    ran = true;
  });
  return ran;
}
