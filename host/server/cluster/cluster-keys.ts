import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Kysely, sql } from 'kysely';
import {
  loadSecretKey,
  SECRET_KEY_ENV,
  SECRET_KEY_FILE,
} from '../../../plugin/notify/node/secret-key-file.ts';
import type { SecretKey } from '../../../plugin/notify/secret-box.ts';
import { ensureClusterTables } from './cluster-tables.ts';

// biome-ignore lint/suspicious/noExplicitAny: cluster_keys is not part of the app's schema type.
type AnyDb = Kysely<any>;

/** The key that seals webhook addresses and secrets. */
export const SEALING_KEY = 'webhook-sealing';
/** The HMAC key of kickoff QR tokens. */
export const QR_KEY = 'qr-signing';

/**
 * A 32-byte key (base64) shared by every instance: the first instance to ask creates it, the
 * others read the same row (`on conflict do nothing` then read). `initial` is used instead of a
 * random key when given (an existing key file, so secrets sealed before the cluster stay readable).
 */
export async function sharedKey(db: AnyDb, name: string, now: Date, initial?: string): Promise<string> {
  await ensureClusterTables(db);
  const value = initial ?? randomBytes(32).toString('base64');
  await sql`insert into cluster_keys (name, value, created_at) values (${name}, ${value}, ${now.toISOString()})
    on conflict (name) do nothing`.execute(db);
  const { rows } = await sql<{ value: string }>`select value from cluster_keys where name = ${name}`.execute(
    db,
  );
  const stored = rows[0]?.value;
  if (!stored) throw new Error(`cluster: key ${name} could not be stored in cluster_keys`);
  return stored;
}

/** The sealing key file a single PostgreSQL instance wrote before keys moved into the database. */
export function legacyKeyFile(dataDir: string): string | undefined {
  const file = join(dataDir, SECRET_KEY_FILE);
  return existsSync(file) ? readFileSync(file, 'utf8').trim() : undefined;
}

/** Where a key kept in the database is named in messages. */
export const DATABASE_KEY_SOURCE = 'the database (table cluster_keys)';

/**
 * The webhook sealing key on PostgreSQL: `OKR_SECRET_KEY` when set, else one key in the database
 * for every instance (the key file of an earlier single instance becomes that key).
 */
export async function sealingKeyOnPostgres(
  db: AnyDb,
  options: { env: NodeJS.ProcessEnv; dataDir: string; now: Date },
): Promise<SecretKey> {
  if (options.env[SECRET_KEY_ENV]) return loadSecretKey(options);
  const stored = await sharedKey(db, SEALING_KEY, options.now, legacyKeyFile(options.dataDir));
  const key = Buffer.from(stored, 'base64');
  if (key.length !== 32) throw new Error(`secrets: the key in ${DATABASE_KEY_SOURCE} is not 32 bytes`);
  return { key, source: DATABASE_KEY_SOURCE };
}

/**
 * On PostgreSQL, the QR signing key every instance uses: `OKR_QR_SECRET` when set, else made once
 * in the database and put into `OKR_QR_SECRET` for the realtime routes that read it.
 */
export async function shareQrSecret(
  db: AnyDb,
  dialect: 'sqlite' | 'postgres',
  env: NodeJS.ProcessEnv,
  now: Date,
): Promise<void> {
  if (dialect !== 'postgres' || env.OKR_QR_SECRET) return;
  env.OKR_QR_SECRET = await sharedKey(db, QR_KEY, now);
}
