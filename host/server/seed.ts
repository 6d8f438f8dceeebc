import { randomUUID } from 'node:crypto';
import type { Snapshot } from '../../plugin/domain/types.ts';
import { hashPassword } from './auth/passwords.ts';
import { withClusterLock } from './cluster/advisory-lock.ts';
import { markDemoSeeded } from './services/host-meta.ts';
import { type MetricBaselineInput, putMetricBaseline } from './services/metric-baselines.ts';
import { type Db, insertSnapshot } from './storage/queries.ts';

export interface SeedAccount {
  login: string;
  personId: string;
  password: string;
}

/** Creates a local account for a person. */
export async function createUser(db: Db, account: SeedAccount, now: Date): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto('users')
    .values({
      id,
      login: account.login,
      password_hash: await hashPassword(account.password),
      person_id: account.personId,
      created_at: now.toISOString(),
    })
    .execute();
  return id;
}

/** What a demo seed adds besides records and accounts. */
export interface DemoSeedOptions {
  /** The accounts are the published demo logins: `GET /api/demo-logins` may list them. */
  demo?: boolean;
  /** The dashboard's "before" figures per cycle. */
  baselines?: MetricBaselineInput[];
}

/**
 * Seeds a snapshot and its accounts when the database holds no people yet (first run).
 * Returns false when there was data already.
 */
export async function seedIfEmpty(
  db: Db,
  snapshot: Snapshot,
  accounts: SeedAccount[],
  now: Date,
  options: DemoSeedOptions = {},
): Promise<boolean> {
  // Instances starting together on an empty PostgreSQL database: one seeds, the others find the data.
  return withClusterLock(db, 'seed', () => seedNow(db, snapshot, accounts, now, options));
}

async function seedNow(
  db: Db,
  snapshot: Snapshot,
  accounts: SeedAccount[],
  now: Date,
  options: DemoSeedOptions,
): Promise<boolean> {
  const any = await db.selectFrom('people').select('id').limit(1).executeTakeFirst();
  if (any) return false;
  // Hash outside the transaction: scrypt is slow on purpose and would hold the write lock. Demo
  // accounts share one published password, so one hash per distinct password is enough.
  const hashes = new Map<string, Promise<string>>();
  for (const a of accounts) if (!hashes.has(a.password)) hashes.set(a.password, hashPassword(a.password));
  const hashed = await Promise.all(
    accounts.map(async (a) => ({ ...a, hash: await hashes.get(a.password)! })),
  );
  await db.transaction().execute(async (trx) => {
    await insertSnapshot(trx, snapshot);
    for (const a of hashed) {
      await trx
        .insertInto('users')
        .values({
          id: randomUUID(),
          login: a.login,
          password_hash: a.hash,
          person_id: a.personId,
          created_at: now.toISOString(),
        })
        .execute();
    }
    for (const b of options.baselines ?? []) await putMetricBaseline(trx, b, now, null);
    if (options.demo) await markDemoSeeded(trx, now);
  });
  return true;
}
