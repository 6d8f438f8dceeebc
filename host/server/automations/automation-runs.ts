import { randomUUID } from 'node:crypto';
import type { PlannedAction } from '../../../plugin/automations/plan.ts';
import type { AutomationEvent } from '../../../plugin/automations/types.ts';
import type { Db } from '../storage/queries.ts';

export type RunStatus = 'pending' | 'done' | 'skipped' | 'retrying' | 'failed';

/** A claimed step with what it needs to run again after a failure. */
export interface StoredRun {
  id: string;
  key: string;
  status: RunStatus;
  attempts: number;
  action: PlannedAction;
  event: AutomationEvent;
  lastError: string | null;
  createdAt: string;
  doneAt: string | null;
}

/**
 * Stores the step under its key before it acts. False when the key is already stored (an earlier
 * run, another instance): the step is then not run again.
 */
export async function claimRun(
  db: Db,
  action: PlannedAction,
  event: AutomationEvent,
  now: Date,
): Promise<string | null> {
  const id = randomUUID();
  const res = await db
    .insertInto('automation_runs')
    .values({
      id,
      run_key: action.key,
      event_id: action.eventId,
      automation_id: action.automationId,
      step_index: action.stepIndex,
      action: JSON.stringify({ action, event }),
      status: 'pending',
      attempts: 0,
      next_attempt_at: now.toISOString(),
      last_error: null,
      created_at: now.toISOString(),
      done_at: null,
    })
    .onConflict((oc) => oc.column('run_key').doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0n) === 1 ? id : null;
}

export async function settleRun(
  db: Db,
  id: string,
  patch: {
    status: RunStatus;
    attempts?: number;
    nextAttemptAt?: string;
    lastError?: string | null;
    doneAt?: string | null;
  },
): Promise<void> {
  await db
    .updateTable('automation_runs')
    .set({
      status: patch.status,
      ...(patch.attempts === undefined ? {} : { attempts: patch.attempts }),
      ...(patch.nextAttemptAt === undefined ? {} : { next_attempt_at: patch.nextAttemptAt }),
      ...(patch.lastError === undefined ? {} : { last_error: patch.lastError }),
      ...(patch.doneAt === undefined ? {} : { done_at: patch.doneAt }),
    })
    .where('id', '=', id)
    .execute();
}

type Row = {
  id: string;
  run_key: string;
  status: string;
  attempts: number;
  action: string;
  last_error: string | null;
  created_at: string;
  done_at: string | null;
};
const toRun = (r: Row): StoredRun => {
  const { action, event } = JSON.parse(r.action) as { action: PlannedAction; event: AutomationEvent };
  return {
    id: r.id,
    key: r.run_key,
    status: r.status as RunStatus,
    attempts: Number(r.attempts),
    action,
    event,
    lastError: r.last_error,
    createdAt: r.created_at,
    doneAt: r.done_at,
  };
};

/** Steps to try again: failed attempts whose backoff is over, and claims left pending by a crash. */
export async function dueRuns(db: Db, now: Date, staleMs: number): Promise<StoredRun[]> {
  const nowIso = now.toISOString();
  const stale = new Date(now.getTime() - staleMs).toISOString();
  const rows = await db
    .selectFrom('automation_runs')
    .selectAll()
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'retrying'), eb('next_attempt_at', '<=', nowIso)]),
        eb.and([eb('status', '=', 'pending'), eb('created_at', '<', stale)]),
      ]),
    )
    .orderBy('next_attempt_at')
    .limit(200)
    .execute();
  return rows.map(toRun);
}

/** The runs of one status, newest first (the admin's list of failures). */
export async function listRuns(db: Db, status: RunStatus | undefined, limit = 200): Promise<StoredRun[]> {
  let q = db
    .selectFrom('automation_runs')
    .selectAll()
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(limit);
  if (status) q = q.where('status', '=', status);
  return (await q.execute()).map(toRun);
}
