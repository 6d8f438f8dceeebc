import { type Kysely, type Migration, type MigrationProvider, Migrator, sql } from 'kysely';
import { withClusterLock } from '../cluster/advisory-lock.ts';
import type { DialectName } from '../storage/migrations.ts';
import type { Db } from '../storage/queries.ts';
import type { Database } from '../storage/schema.ts';

/**
 * Tables of schedules, outgoing channels and reports. They migrate through their own kysely
 * Migrator (own bookkeeping tables) so the core migration list stays untouched; the lead may fold
 * `notifyMigrations` into the core list later.
 */
export type NotifyTables = {
  schedule_versions: {
    version: number;
    document: string;
    reason: string;
    author_id: string;
    created_at: string;
  };
  notify_webhooks: {
    id: string;
    region_id: string | null;
    platform: string;
    name: string;
    url: string;
    secret: string;
    lang: string;
    enabled: number;
    created_at: string;
    updated_at: string;
    version: number;
    /** 1 once `url` and `secret` hold AES-256-GCM sealed text; 0 for rows stored before that. */
    sealed: number;
  };
  notify_deliveries: {
    id: string;
    idem_key: string;
    schedule_id: string;
    occurrence: string;
    recipient: string;
    channel: string;
    webhook_id: string | null;
    message: string;
    status: string;
    attempts: number;
    next_attempt_at: string;
    lease_until: string | null;
    last_error: string | null;
    created_at: string;
    sent_at: string | null;
  };
  calibration_reports: {
    month: string;
    generated_at: string;
    settings_version: number;
    report: string;
  };
};

export type NotifyDb = Kysely<Database & NotifyTables>;

/** The core database seen with the tables of this module added. */
export const notifyDb = (db: Db): NotifyDb => db.withTables<NotifyTables>() as unknown as NotifyDb;

export function notifyMigrations(_dialect: DialectName): Record<string, Migration> {
  return {
    '0001-schedules-channels-reports': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('schedule_versions')
          .addColumn('version', 'integer', (c) => c.primaryKey())
          .addColumn('document', 'text', (c) => c.notNull())
          .addColumn('reason', 'text', (c) => c.notNull())
          .addColumn('author_id', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('notify_webhooks')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('region_id', 'text', (c) => c.references('regions.id'))
          .addColumn('platform', 'text', (c) => c.notNull())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('url', 'text', (c) => c.notNull())
          .addColumn('secret', 'text', (c) => c.notNull())
          .addColumn('lang', 'text', (c) => c.notNull())
          .addColumn('enabled', 'integer', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
          .execute();
        await db.schema
          .createTable('notify_deliveries')
          .addColumn('id', 'text', (c) => c.primaryKey())
          // Stored before anything is sent: a second runner's insert of the same key does nothing.
          .addColumn('idem_key', 'text', (c) => c.notNull().unique())
          .addColumn('schedule_id', 'text', (c) => c.notNull())
          .addColumn('occurrence', 'text', (c) => c.notNull())
          .addColumn('recipient', 'text', (c) => c.notNull())
          .addColumn('channel', 'text', (c) => c.notNull())
          .addColumn('webhook_id', 'text')
          .addColumn('message', 'text', (c) => c.notNull())
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('next_attempt_at', 'text', (c) => c.notNull())
          .addColumn('lease_until', 'text')
          .addColumn('last_error', 'text')
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('sent_at', 'text')
          .execute();
        await db.schema
          .createIndex('notify_deliveries_due')
          .on('notify_deliveries')
          .columns(['status', 'next_attempt_at'])
          .execute();
        await db.schema
          .createTable('calibration_reports')
          .addColumn('month', 'text', (c) => c.primaryKey())
          .addColumn('generated_at', 'text', (c) => c.notNull())
          .addColumn('settings_version', 'integer', (c) => c.notNull())
          .addColumn('report', 'text', (c) => c.notNull())
          .execute();
      },
      async down(db: Kysely<unknown>) {
        for (const t of [
          'calibration_reports',
          'notify_deliveries',
          'notify_webhooks',
          'schedule_versions',
        ]) {
          await db.schema.dropTable(t).ifExists().execute();
        }
      },
    },
    // Rows from before keep 0 and are sealed by `WebhookStore.sealPlainRows` at start: the
    // migration has no key, the server does.
    '0002-webhook-secrets-sealed': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .alterTable('notify_webhooks')
          .addColumn('sealed', 'integer', (c) => c.notNull().defaultTo(0))
          .execute();
      },
      async down(db: Kysely<unknown>) {
        await db.schema.alterTable('notify_webhooks').dropColumn('sealed').execute();
      },
    },
  };
}

class Provider implements MigrationProvider {
  constructor(private readonly dialect: DialectName) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    return notifyMigrations(this.dialect);
  }
}

/** Brings this module's tables to the latest version; safe to call from several processes at once. */
export async function migrateNotify(db: Db, dialect: DialectName): Promise<void> {
  // Kysely looks for its bookkeeping tables in every PostgreSQL schema; naming ours keeps another
  // schema's tables (parallel test runs) from being mistaken for them.
  const schema =
    dialect === 'postgres'
      ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]?.schema
      : undefined;
  const migrator = new Migrator({
    db,
    provider: new Provider(dialect),
    migrationTableName: 'notify_migration',
    migrationLockTableName: 'notify_migration_lock',
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error, results } = await withClusterLock(db, 'notify-migrations', () => migrator.migrateToLatest());
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new Error(
      `notify: migration failed${failed ? ` in ${failed.migrationName}` : ''}: ${String((error as Error).message ?? error)}`,
    );
  }
}
