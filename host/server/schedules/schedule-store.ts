import { badRequest, staleVersion } from '../http-error.ts';
import type { NotifyDb } from './notify-tables.ts';
import {
  defaultScheduleDocument,
  loadScheduleDocument,
  type ScheduleDocument,
  ScheduleDocumentError,
} from './schedule-document.ts';

export interface ScheduleVersion {
  version: number;
  document: ScheduleDocument;
  reason: string;
  authorId: string;
  createdAt: string;
}

const defaults = (): ScheduleVersion => ({
  version: 0,
  document: defaultScheduleDocument(),
  reason: 'defaults',
  authorId: 'system',
  createdAt: '',
});

/** Validates a schedule document; an invalid one is a 400 listing every field problem. */
export function validateScheduleDocument(json: unknown, source: string): ScheduleDocument {
  try {
    return loadScheduleDocument(json, source);
  } catch (err) {
    if (err instanceof ScheduleDocumentError)
      throw badRequest('invalid-schedules', err.message, { issues: err.issues });
    throw err;
  }
}

/** The versioned schedule document: every save is a new version with author, time and reason; the newest is in force. */
export class ScheduleStore {
  constructor(
    private readonly db: NotifyDb,
    private readonly now: () => Date,
  ) {}

  /** The document in force; the shipped defaults until HR saves one. */
  async current(): Promise<ScheduleVersion> {
    const row = await this.db
      .selectFrom('schedule_versions')
      .selectAll()
      .orderBy('version', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row ? this.toVersion(row) : defaults();
  }

  /** One stored version; version 0 is the shipped defaults. */
  async at(version: number): Promise<ScheduleVersion> {
    const row = await this.db
      .selectFrom('schedule_versions')
      .selectAll()
      .where('version', '=', version)
      .executeTakeFirst();
    return row ? this.toVersion(row) : defaults();
  }

  async versions(): Promise<ScheduleVersion[]> {
    const rows = await this.db
      .selectFrom('schedule_versions')
      .selectAll()
      .orderBy('version', 'desc')
      .execute();
    return rows.map((r) => this.toVersion(r));
  }

  /**
   * Saves a new version on top of `baseVersion`, the version the editor started from; when someone
   * saved in between, nothing is written and the 409 carries the document now in force.
   */
  async save(json: unknown, reason: string, authorId: string, baseVersion: number): Promise<ScheduleVersion> {
    if (reason.trim().length === 0)
      throw badRequest('reason-required', 'schedules: give a reason for the change (field "reason")');
    const document = validateScheduleDocument(json, 'schedule document');
    try {
      return await this.insertOn(baseVersion, document, reason, authorId);
    } catch (err) {
      // Two saves from the same base at once: the version key lets only one insert through.
      if (isDuplicateKey(err)) throw staleVersion('schedules', baseVersion, await this.current());
      throw err;
    }
  }

  private insertOn(
    baseVersion: number,
    document: ScheduleDocument,
    reason: string,
    authorId: string,
  ): Promise<ScheduleVersion> {
    return this.db.transaction().execute(async (trx) => {
      const newest = await trx
        .selectFrom('schedule_versions')
        .selectAll()
        .orderBy('version', 'desc')
        .limit(1)
        .executeTakeFirst();
      const latest = newest ? Number(newest.version) : 0;
      if (latest !== baseVersion)
        throw staleVersion('schedules', baseVersion, newest ? this.toVersion(newest) : defaults());
      const version = latest + 1;
      const row = {
        version,
        document: JSON.stringify(document),
        reason: reason.trim(),
        author_id: authorId,
        created_at: this.now().toISOString(),
      };
      await trx.insertInto('schedule_versions').values(row).execute();
      return this.toVersion(row);
    });
  }

  private toVersion(r: {
    version: number;
    document: string;
    reason: string;
    author_id: string;
    created_at: string;
  }): ScheduleVersion {
    return {
      version: Number(r.version),
      document: loadScheduleDocument(JSON.parse(r.document), `schedule version ${r.version}`),
      reason: r.reason,
      authorId: r.author_id,
      createdAt: r.created_at,
    };
  }
}

/** A primary-key clash on SQLite (better-sqlite3) or PostgreSQL (unique_violation). */
function isDuplicateKey(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}
