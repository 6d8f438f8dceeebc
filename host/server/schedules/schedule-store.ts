import { badRequest } from '../http-error.ts';
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
    if (!row) {
      return {
        version: 0,
        document: defaultScheduleDocument(),
        reason: 'defaults',
        authorId: 'system',
        createdAt: '',
      };
    }
    return this.toVersion(row);
  }

  async versions(): Promise<ScheduleVersion[]> {
    const rows = await this.db
      .selectFrom('schedule_versions')
      .selectAll()
      .orderBy('version', 'desc')
      .execute();
    return rows.map((r) => this.toVersion(r));
  }

  async save(json: unknown, reason: string, authorId: string): Promise<ScheduleVersion> {
    if (reason.trim().length === 0)
      throw badRequest('reason-required', 'schedules: give a reason for the change (field "reason")');
    const document = validateScheduleDocument(json, 'schedule document');
    return this.db.transaction().execute(async (trx) => {
      const max = await trx
        .selectFrom('schedule_versions')
        .select((eb) => eb.fn.max('version').as('max'))
        .executeTakeFirst();
      const version = Number(max?.max ?? 0) + 1;
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
