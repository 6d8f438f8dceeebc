import { type Kysely, type Migration, type MigrationProvider, Migrator, sql } from 'kysely';
import { withClusterLock } from '../cluster/advisory-lock.ts';
import type { Database } from './schema.ts';

export type DialectName = 'sqlite' | 'postgres';

/** The table of one versioned document's versions (schema.ts `VersionTable`). */
const createVersionTable = (db: Kysely<unknown>, name: string) =>
  db.schema
    .createTable(name)
    .addColumn('version', 'integer', (c) => c.primaryKey())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('document', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('author_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text')
    .addColumn('published_by_id', 'text')
    .addColumn('rollback_of', 'integer')
    .execute();

/** Migrations live in code (no files to find at run time) and are named so they sort in order. */
function migrations(dialect: DialectName): Record<string, Migration> {
  const serial = dialect === 'postgres' ? sql`serial` : sql`integer`;
  return {
    '0001-entities': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('regions')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('name', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('people')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('role', 'text', (c) => c.notNull())
          .addColumn('region_id', 'text', (c) => c.references('regions.id'))
          .addColumn('manager_id', 'text', (c) => c.references('people.id'))
          .addColumn('base_bonus_cents', 'bigint', (c) => c.notNull().defaultTo(0))
          .execute();
        await db.schema
          .createTable('users')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('login', 'text', (c) => c.notNull().unique())
          .addColumn('password_hash', 'text', (c) => c.notNull())
          .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('sessions')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('expires_at', 'text', (c) => c.notNull())
          .addColumn('scope', 'text')
          .execute();
        await db.schema
          .createTable('cycles')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('start_date', 'text', (c) => c.notNull())
          .addColumn('end_date', 'text', (c) => c.notNull())
          .addColumn('locked', 'integer', (c) => c.notNull().defaultTo(0))
          .execute();
        await db.schema
          .createTable('objectives')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('cycle_id', 'text', (c) => c.notNull().references('cycles.id'))
          .addColumn('title', 'text', (c) => c.notNull())
          .addColumn('owner_id', 'text', (c) => c.notNull().references('people.id'))
          .addColumn('focus_tags', 'text', (c) => c.notNull())
          .addColumn('weight', 'double precision', (c) => c.notNull())
          .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
          .execute();
        await db.schema
          .createTable('key_results')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('cycle_id', 'text', (c) => c.notNull().references('cycles.id'))
          .addColumn('owner_type', 'text', (c) => c.notNull())
          .addColumn('owner_id', 'text', (c) => c.notNull())
          .addColumn('title', 'text', (c) => c.notNull())
          .addColumn('metric', 'text', (c) => c.notNull())
          .addColumn('baseline', 'double precision', (c) => c.notNull())
          .addColumn('target', 'double precision', (c) => c.notNull())
          .addColumn('unit', 'text', (c) => c.notNull())
          .addColumn('focus_tags', 'text', (c) => c.notNull())
          .addColumn('rationale', 'text', (c) => c.notNull())
          .addColumn('rationale_at', 'text')
          .addColumn('evidence', 'text', (c) => c.notNull())
          .addColumn('confirmed_at', 'text')
          .addColumn('update_interval_days', 'integer')
          .addColumn('target_history', 'text', (c) => c.notNull())
          .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
          .execute();
        await db.schema.createIndex('key_results_owner').on('key_results').columns(['owner_id']).execute();
        await db.schema
          .createTable('kr_links')
          .addColumn('kr_id', 'text', (c) => c.notNull().references('key_results.id').onDelete('cascade'))
          .addColumn('objective_id', 'text', (c) => c.notNull().references('objectives.id'))
          .addColumn('weight', 'double precision', (c) => c.notNull())
          .addColumn('linked_at', 'text', (c) => c.notNull())
          .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
          .addPrimaryKeyConstraint('kr_links_pk', ['kr_id', 'objective_id'])
          .execute();
        await db.schema
          .createTable('check_ins')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('kr_id', 'text', (c) => c.notNull().references('key_results.id').onDelete('cascade'))
          .addColumn('month', 'text', (c) => c.notNull())
          .addColumn('value', 'double precision', (c) => c.notNull())
          .addColumn('self_colour', 'text')
          .addColumn('colour_note', 'text', (c) => c.notNull())
          .addColumn('submitted_at', 'text', (c) => c.notNull())
          .addColumn('blockers', 'text', (c) => c.notNull())
          .addColumn('resource_request', 'text')
          .addColumn('confidence', 'double precision', (c) => c.notNull())
          .addUniqueConstraint('check_ins_kr_month', ['kr_id', 'month'])
          .execute();
        await db.schema
          .createTable('escalations')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('kr_id', 'text', (c) => c.notNull().references('key_results.id').onDelete('cascade'))
          .addColumn('raised_by_id', 'text', (c) => c.notNull().references('people.id'))
          .addColumn('assignee_id', 'text', (c) => c.references('people.id'))
          .addColumn('month', 'text', (c) => c.notNull())
          .addColumn('reason', 'text', (c) => c.notNull())
          .addColumn('detail', 'text', (c) => c.notNull())
          .addColumn('raised_at', 'text', (c) => c.notNull())
          .addColumn('resolved_at', 'text')
          .addColumn('resolution', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('activities')
          .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
          .addColumn('month', 'text', (c) => c.notNull())
          .addColumn('deals_signed', 'integer', (c) => c.notNull())
          .addColumn('deals_amount_cents', 'bigint', (c) => c.notNull())
          .addColumn('high_margin_amount_cents', 'bigint', (c) => c.notNull())
          .addColumn('client_visits', 'integer', (c) => c.notNull())
          .addColumn('proposals_sent', 'integer', (c) => c.notNull())
          .addColumn('proposals_won', 'integer', (c) => c.notNull())
          .addColumn('collections_cents', 'bigint', (c) => c.notNull())
          .addPrimaryKeyConstraint('activities_pk', ['person_id', 'month'])
          .execute();
        await db.schema
          .createTable('key_accounts')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('owner_id', 'text', (c) => c.notNull().references('people.id'))
          .addColumn('last_contact_at', 'text')
          .execute();
        await db.schema
          .createTable('peer_reviews')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('quarter', 'text', (c) => c.notNull())
          .addColumn('reviewer_id', 'text', (c) => c.notNull().references('people.id'))
          .addColumn('reviewee_id', 'text', (c) => c.notNull().references('people.id'))
          .addColumn('scores', 'text', (c) => c.notNull())
          .addColumn('comment', 'text', (c) => c.notNull())
          .addUniqueConstraint('peer_reviews_once', ['quarter', 'reviewer_id', 'reviewee_id'])
          .execute();
      },
      async down(db: Kysely<unknown>) {
        for (const t of [
          'peer_reviews',
          'key_accounts',
          'activities',
          'escalations',
          'check_ins',
          'kr_links',
          'key_results',
          'objectives',
          'cycles',
          'sessions',
          'users',
          'people',
          'regions',
        ]) {
          await db.schema.dropTable(t).ifExists().execute();
        }
      },
    },
    '0002-host-records': {
      async up(db: Kysely<unknown>) {
        await createVersionTable(db, 'settings_versions');
        await db.schema
          .createTable('form_overlays')
          .addColumn('form_id', 'text', (c) => c.primaryKey())
          .addColumn('overlay', 'text', (c) => c.notNull())
          .addColumn('version', 'integer', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .addColumn('updated_by_id', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('audit_log')
          .addColumn('id', serial, (c) =>
            dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement(),
          )
          .addColumn('at', 'text', (c) => c.notNull())
          .addColumn('actor_id', 'text')
          .addColumn('action', 'text', (c) => c.notNull())
          .addColumn('subject_type', 'text', (c) => c.notNull())
          .addColumn('subject_id', 'text', (c) => c.notNull())
          .addColumn('before', 'text')
          .addColumn('after', 'text')
          .execute();
        await db.schema
          .createIndex('audit_log_subject')
          .on('audit_log')
          .columns(['subject_type', 'subject_id'])
          .execute();
        await db.schema
          .createTable('notifications')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('subject', 'text', (c) => c.notNull())
          .addColumn('params', 'text', (c) => c.notNull())
          .addColumn('dedup_key', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('read_at', 'text')
          .addUniqueConstraint('notifications_once', ['person_id', 'dedup_key'])
          .execute();
        await db.schema
          .createTable('pool_runs')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('quarter', 'text', (c) => c.notNull().unique())
          .addColumn('cycle_id', 'text', (c) => c.notNull().references('cycles.id'))
          .addColumn('state', 'text', (c) => c.notNull())
          .addColumn('pool_cents', 'bigint')
          .addColumn('settings_version', 'integer')
          .addColumn('result', 'text')
          .addColumn('computed_at', 'text')
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('created_by_id', 'text', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
          .execute();
        await db.schema
          .createTable('pool_allocations')
          .addColumn('run_id', 'text', (c) => c.notNull().references('pool_runs.id').onDelete('cascade'))
          .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
          .addColumn('cents', 'bigint', (c) => c.notNull())
          .addColumn('ideal_cents', 'double precision', (c) => c.notNull())
          .addColumn('floor_applied', 'integer', (c) => c.notNull())
          .addColumn('cap_applied', 'integer', (c) => c.notNull())
          .addColumn('statement', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('pool_allocations_pk', ['run_id', 'person_id'])
          .execute();
        await db.schema
          .createTable('rule_events')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('at', 'text', (c) => c.notNull())
          .addColumn('evaluated_at', 'text', (c) => c.notNull())
          .addColumn('type', 'text', (c) => c.notNull())
          .addColumn('subject', 'text', (c) => c.notNull())
          .addColumn('params', 'text', (c) => c.notNull())
          .addColumn('dedup_key', 'text', (c) => c.notNull().unique())
          .addColumn('settings_version', 'integer', (c) => c.notNull())
          .execute();
      },
      async down(db: Kysely<unknown>) {
        for (const t of [
          'rule_events',
          'pool_allocations',
          'pool_runs',
          'notifications',
          'audit_log',
          'form_overlays',
          'settings_versions',
        ]) {
          await db.schema.dropTable(t).ifExists().execute();
        }
      },
    },
    // Values of HR-added form fields (forms/README.md: kept under `custom`), a JSON object or null;
    // host facts such as "seeded with the demo"; and the "before" line of the dashboard per cycle.
    '0003-custom-values-meta-baselines': {
      async up(db: Kysely<unknown>) {
        for (const table of ['check_ins', 'key_results', 'objectives']) {
          await db.schema.alterTable(table).addColumn('custom', 'text').execute();
        }
        await db.schema
          .createTable('host_meta')
          .addColumn('key', 'text', (c) => c.primaryKey())
          .addColumn('value', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('metric_baselines')
          .addColumn('cycle_id', 'text', (c) => c.primaryKey().references('cycles.id'))
          .addColumn('alignment_rate', 'double precision')
          .addColumn('average_response_days', 'double precision')
          .addColumn('high_margin_share', 'double precision')
          .addColumn('source', 'text', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .addColumn('updated_by_id', 'text')
          .execute();
      },
      async down(db: Kysely<unknown>) {
        await db.schema.dropTable('metric_baselines').ifExists().execute();
        await db.schema.dropTable('host_meta').ifExists().execute();
        for (const table of ['check_ins', 'key_results', 'objectives']) {
          await db.schema.alterTable(table).dropColumn('custom').execute();
        }
      },
    },
    // Who joined a board with which kickoff QR code: each person once per code (realtime/board-invites.ts).
    '0004-board-invite-uses': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('board_invite_uses')
          .addColumn('nonce', 'text', (c) => c.notNull())
          .addColumn('person_id', 'text', (c) => c.notNull())
          .addColumn('board_id', 'text', (c) => c.notNull())
          .addColumn('used_at', 'text', (c) => c.notNull())
          .addColumn('expires_at', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('board_invite_uses_pk', ['nonce', 'person_id'])
          .execute();
      },
      async down(db: Kysely<unknown>) {
        await db.schema.dropTable('board_invite_uses').ifExists().execute();
      },
    },
    // People get their first and last day (pool tenure) and a row version (leave and move are
    // compare-and-sets); each move of region or manager is kept in person_moves.
    '0010-people-tenure': {
      async up(db: Kysely<unknown>) {
        await db.schema.alterTable('people').addColumn('joined_on', 'text').execute();
        await db.schema.alterTable('people').addColumn('left_on', 'text').execute();
        await db.schema
          .alterTable('people')
          .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
          .execute();
        await db.schema
          .createTable('person_moves')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
          .addColumn('from_region_id', 'text')
          .addColumn('to_region_id', 'text', (c) => c.notNull())
          .addColumn('from_manager_id', 'text')
          .addColumn('to_manager_id', 'text')
          .addColumn('on_date', 'text', (c) => c.notNull())
          .addColumn('reason', 'text', (c) => c.notNull())
          .addColumn('krs', 'text', (c) => c.notNull())
          .addColumn('at', 'text', (c) => c.notNull())
          .addColumn('by_id', 'text')
          .execute();
        await db.schema
          .createIndex('person_moves_person')
          .on('person_moves')
          .columns(['person_id', 'on_date'])
          .execute();
      },
      async down(db: Kysely<unknown>) {
        await db.schema.dropTable('person_moves').ifExists().execute();
        for (const column of ['version', 'left_on', 'joined_on'])
          await db.schema.alterTable('people').dropColumn(column).execute();
      },
    },
    // Escalations get a row version (assign and resolve are compare-and-sets) and a comment thread.
    '0005-escalation-threads': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .alterTable('escalations')
          .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
          .execute();
        await db.schema
          .createTable('escalation_comments')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('escalation_id', 'text', (c) =>
            c.notNull().references('escalations.id').onDelete('cascade'),
          )
          .addColumn('author_id', 'text', (c) => c.notNull().references('people.id'))
          .addColumn('text', 'text', (c) => c.notNull())
          .addColumn('at', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createIndex('escalation_comments_escalation')
          .on('escalation_comments')
          .columns(['escalation_id', 'at'])
          .execute();
      },
      async down(db: Kysely<unknown>) {
        await db.schema.dropTable('escalation_comments').ifExists().execute();
        await db.schema.alterTable('escalations').dropColumn('version').execute();
      },
    },
    // When a KR was proposed: months before it do not count against it (plugin/domain/kr-lifetime.ts).
    // Rows made before it was kept get the cycle start at 00:00Z, which is what they counted from.
    '0006-key-result-created-at': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .alterTable('key_results')
          .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(''))
          .execute();
        await sql`update key_results set created_at = (select start_date || 'T00:00:00Z' from cycles where cycles.id = key_results.cycle_id)`.execute(
          db,
        );
      },
      async down(db: Kysely<unknown>) {
        await db.schema.alterTable('key_results').dropColumn('created_at').execute();
      },
    },
    // Accounts an admin creates or hands over as a one-time sign-in link; a disabled account cannot sign in.
    '0007-accounts-setup': {
      async up(db: Kysely<unknown>) {
        await db.schema.alterTable('users').addColumn('disabled_at', 'text').execute();
        await db.schema
          .createTable('account_links')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('expires_at', 'text', (c) => c.notNull())
          .addColumn('used_at', 'text')
          .execute();
      },
      async down(db: Kysely<unknown>) {
        await db.schema.dropTable('account_links').ifExists().execute();
        await db.schema.alterTable('users').dropColumn('disabled_at').execute();
      },
    },
    // Comments on a key result, with the people they @mention (each of whom is notified).
    '0012-kr-comments': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('kr_comments')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('kr_id', 'text', (c) => c.notNull().references('key_results.id').onDelete('cascade'))
          .addColumn('author_id', 'text', (c) => c.notNull().references('people.id'))
          .addColumn('text', 'text', (c) => c.notNull())
          .addColumn('mention_ids', 'text', (c) => c.notNull().defaultTo('[]'))
          .addColumn('at', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('kr_comments_kr').on('kr_comments').columns(['kr_id', 'at']).execute();
      },
      async down(db: Kysely<unknown>) {
        await db.schema.dropTable('kr_comments').ifExists().execute();
      },
    },
    // A quarter's peer-review window: HR (or the schedule) opens and closes it; reviews only while open.
    '0009-peer-review-windows': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('peer_review_windows')
          .addColumn('quarter', 'text', (c) => c.primaryKey())
          .addColumn('state', 'text', (c) => c.notNull())
          .addColumn('closes_on', 'text')
          .addColumn('cross_region', 'text', (c) => c.notNull().defaultTo('[]'))
          .addColumn('opened_at', 'text', (c) => c.notNull())
          .addColumn('opened_by_id', 'text')
          .addColumn('closed_at', 'text')
          .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
          .execute();
      },
      async down(db: Kysely<unknown>) {
        await db.schema.dropTable('peer_review_windows').ifExists().execute();
      },
    },
    // Objectives get a description; objectives and KRs are archived instead of deleted once they have
    // history; a manager's send-back of a KR is kept with it until the owner edits it.
    '0008-objective-description-archive': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .alterTable('objectives')
          .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
          .execute();
        await db.schema.alterTable('objectives').addColumn('archived_at', 'text').execute();
        await db.schema.alterTable('key_results').addColumn('archived_at', 'text').execute();
        await db.schema.alterTable('key_results').addColumn('sent_back', 'text').execute();
      },
      async down(db: Kysely<unknown>) {
        await db.schema.alterTable('key_results').dropColumn('sent_back').execute();
        await db.schema.alterTable('key_results').dropColumn('archived_at').execute();
        await db.schema.alterTable('objectives').dropColumn('archived_at').execute();
        await db.schema.alterTable('objectives').dropColumn('description').execute();
      },
    },
    // HR's automations (plugin/automations), versioned like the settings; each step of each event is
    // stored under its key before it acts (a second run skips it); a wait is a row the ticker picks up.
    '0011-automations': {
      async up(db: Kysely<unknown>) {
        await createVersionTable(db, 'automation_versions');
        await db.schema
          .createTable('automation_runs')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('run_key', 'text', (c) => c.notNull().unique())
          .addColumn('event_id', 'text', (c) => c.notNull())
          .addColumn('automation_id', 'text', (c) => c.notNull())
          .addColumn('step_index', 'integer', (c) => c.notNull())
          .addColumn('action', 'text', (c) => c.notNull())
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('next_attempt_at', 'text', (c) => c.notNull())
          .addColumn('last_error', 'text')
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('done_at', 'text')
          .execute();
        await db.schema
          .createIndex('automation_runs_due')
          .on('automation_runs')
          .columns(['status', 'next_attempt_at'])
          .execute();
        await db.schema
          .createTable('automation_waits')
          .addColumn('run_key', 'text', (c) => c.primaryKey())
          .addColumn('automation_id', 'text', (c) => c.notNull())
          .addColumn('event', 'text', (c) => c.notNull())
          .addColumn('resume_at', 'integer', (c) => c.notNull())
          .addColumn('due_date', 'text', (c) => c.notNull())
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('settled_at', 'text')
          .execute();
        await db.schema
          .createIndex('automation_waits_due')
          .on('automation_waits')
          .columns(['status', 'due_date'])
          .execute();
      },
      async down(db: Kysely<unknown>) {
        for (const t of ['automation_waits', 'automation_runs', 'automation_versions'])
          await db.schema.dropTable(t).ifExists().execute();
      },
    },
    '0013-custom-rules': {
      async up(db: Kysely<unknown>) {
        await createVersionTable(db, 'rule_versions');
      },
      async down(db: Kysely<unknown>) {
        await db.schema.dropTable('rule_versions').ifExists().execute();
      },
    },
  };
}

class InCodeProvider implements MigrationProvider {
  constructor(private readonly dialect: DialectName) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    return migrations(this.dialect);
  }
}

/** Brings the schema to the latest version; throws with the failing migration's name. */
export async function migrateToLatest(
  db: Kysely<Database>,
  dialect: DialectName,
  pgSchema?: string,
): Promise<string[]> {
  // With a PostgreSQL schema, the migration tables must live in it too: Kysely looks for them across
  // all schemas, so a parallel run in another schema would otherwise hide them.
  const migrator = new Migrator({
    db,
    provider: new InCodeProvider(dialect),
    ...(pgSchema ? { migrationTableSchema: pgSchema } : {}),
  });
  // Instances starting together on an empty database migrate one after the other (the migrator's own
  // lock comes after it creates its tables, which would otherwise collide).
  const { error, results } = await withClusterLock(db, 'migrations', () => migrator.migrateToLatest());
  const failed = results?.find((r) => r.status === 'Error');
  if (error) {
    const where = failed ? ` in ${failed.migrationName}` : '';
    throw new Error(`storage: migration failed${where}: ${String((error as Error).message ?? error)}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
