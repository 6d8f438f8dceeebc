import {
  type AutomationDocument,
  type AutomationEvent,
  eventContext,
  type PlannedAction,
} from '../../../plugin/automations/index.ts';
import type { FailedRun } from '../../../plugin/automations/types.ts';
import type { Snapshot } from '../../../plugin/domain/types.ts';
import { notFound } from '../http-error.ts';
import { writeAudit } from '../services/audit.ts';
import type { Db } from '../storage/queries.ts';

// Reads and resets rows of `automation_runs` (automation-runs.ts owns the table) on their own, so the
// admin's list and retry do not depend on how the executor claims and settles its steps.

const LIMIT = 200;

/** How many steps wait for the admin; the page's badge. */
export async function countFailedRuns(db: Db): Promise<number> {
  const row = await db
    .selectFrom('automation_runs')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', '=', 'failed')
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** The failed steps, newest first (at most 200), named from the current cycle's data. */
export async function listFailedRuns(
  db: Db,
  document: AutomationDocument,
  org: Snapshot | null,
): Promise<FailedRun[]> {
  const rows = await db
    .selectFrom('automation_runs')
    .select(['id', 'automation_id', 'step_index', 'action', 'attempts', 'last_error', 'created_at'])
    .where('status', '=', 'failed')
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(LIMIT)
    .execute();
  const titles = new Map(document.automations.map((a) => [a.id, a.title]));
  return rows.map((r) => {
    const { action, event } = JSON.parse(r.action) as { action: PlannedAction; event: AutomationEvent };
    const words = org ? eventContext(event, org).words : {};
    const personId = event.subject.personId;
    const person = personId ? org?.people.find((p) => p.id === personId)?.name : undefined;
    return {
      id: r.id,
      automation: titles.get(r.automation_id) ?? null,
      step: Number(r.step_index) + 1,
      kind: action.kind,
      trigger: event.trigger,
      eventAt: event.at,
      person: person ?? words.owner ?? null,
      kr: words.kr ?? null,
      region: words.region ?? null,
      month: words.month ?? null,
      error: r.last_error,
      attempts: Number(r.attempts),
      createdAt: r.created_at,
    };
  });
}

/**
 * Sets a failed step back to be tried by the automations' ticker at its next pass, with a fresh count
 * of attempts, and audits who asked. Refused (404) unless the step is failed: a second click, or two
 * admins at once, reset it once.
 */
export async function retryFailedRun(
  db: Db,
  id: string,
  actorId: string,
  now: Date,
  document: AutomationDocument,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('automation_runs')
      .select(['automation_id', 'step_index', 'attempts', 'last_error'])
      .where('id', '=', id)
      .where('status', '=', 'failed')
      .executeTakeFirst();
    const reset = await trx
      .updateTable('automation_runs')
      .set({ status: 'retrying', attempts: 0, next_attempt_at: now.toISOString() })
      .where('id', '=', id)
      .where('status', '=', 'failed')
      .executeTakeFirst();
    if (!row || Number(reset.numUpdatedRows) !== 1) throw notFound('failed automation step', id);
    await writeAudit(trx, now, {
      actorId,
      action: 'automations.retry',
      subjectType: 'automations',
      subjectId: id,
      before: { status: 'failed', attempts: Number(row.attempts), error: row.last_error },
      after: {
        status: 'retrying',
        title: document.automations.find((a) => a.id === row.automation_id)?.title ?? row.automation_id,
        step: Number(row.step_index) + 1,
      },
    });
  });
}
