import type { Db } from '../storage/schema.ts';

export interface AuditEntry {
  actorId: string | null;
  /** e.g. `settings.publish`, `link.update`, `pool.approve`, `overlay.delete`. */
  action: string;
  subjectType: string;
  subjectId: string;
  before: unknown;
  after: unknown;
}

/** Appends to the audit log; call with the transaction of the change so both commit together. */
export async function writeAudit(db: Db, at: Date, e: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      at: at.toISOString(),
      actor_id: e.actorId,
      action: e.action,
      subject_type: e.subjectType,
      subject_id: e.subjectId,
      before: e.before === undefined ? null : JSON.stringify(e.before),
      after: e.after === undefined ? null : JSON.stringify(e.after),
    })
    .execute();
}
