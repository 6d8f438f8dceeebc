import type { Db } from '../storage/queries.ts';

const DEMO_SEEDED = 'demo-seeded';

/** Records that this database was seeded with the published demo (its logins may be shown). */
export async function markDemoSeeded(db: Db, at: Date): Promise<void> {
  await db.insertInto('host_meta').values({ key: DEMO_SEEDED, value: at.toISOString() }).execute();
}

export async function isDemoSeeded(db: Db): Promise<boolean> {
  const row = await db
    .selectFrom('host_meta')
    .select('key')
    .where('key', '=', DEMO_SEEDED)
    .executeTakeFirst();
  return row !== undefined;
}
