import { randomUUID } from 'node:crypto';
import type { PlannedAction } from '../../../plugin/automations/plan.ts';
import type { AutomationRunsPort, RunStatus, StoredRun } from '../../../plugin/automations/ports.ts';
import type { AutomationEvent } from '../../../plugin/automations/types.ts';
import type { Db } from '../storage/queries.ts';
import { toAutomationVersion } from './version-rows.ts';

export type { RunStatus, StoredRun } from '../../../plugin/automations/ports.ts';

type Row = {
  id: string;
  run_key: string;
  status: string;
  attempts: number;
  action: string;
  last_error: string | null;
  next_attempt_at: string;
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
    nextAttemptAt: r.next_attempt_at,
    createdAt: r.created_at,
    doneAt: r.done_at,
  };
};

/** The pack's `AutomationRunsPort` over `automation_runs` and `automation_waits` (SQLite or PostgreSQL). */
export function sqlAutomationRuns(db: Db): AutomationRunsPort {
  return {
    async published() {
      const rows = await db
        .selectFrom('automation_versions')
        .selectAll()
        .where('status', '=', 'published')
        .execute();
      return rows.map(toAutomationVersion);
    },
    async claim(action, event, now) {
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
    },
    async settle(id, patch) {
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
    },
    async due(now, staleBefore, limit) {
      const rows = await db
        .selectFrom('automation_runs')
        .selectAll()
        .where((eb) =>
          eb.or([
            eb.and([eb('status', '=', 'retrying'), eb('next_attempt_at', '<=', now.toISOString())]),
            eb.and([eb('status', '=', 'pending'), eb('next_attempt_at', '<', staleBefore.toISOString())]),
          ]),
        )
        .orderBy('next_attempt_at')
        .limit(limit)
        .execute();
      return rows.map(toRun);
    },
    async take(run, now) {
      const res = await db
        .updateTable('automation_runs')
        .set({ status: 'pending', next_attempt_at: now.toISOString() })
        .where('id', '=', run.id)
        .where('status', '=', run.status)
        .where('next_attempt_at', '=', run.nextAttemptAt)
        .executeTakeFirst();
      return Number(res.numUpdatedRows) === 1;
    },
    async addWait(wait, now) {
      await db
        .insertInto('automation_waits')
        .values({
          run_key: wait.key,
          automation_id: wait.automationId,
          event: JSON.stringify(wait.event),
          resume_at: wait.resumeAt,
          due_date: wait.dueDate,
          status: 'waiting',
          created_at: now.toISOString(),
          settled_at: null,
        })
        .onConflict((oc) => oc.column('run_key').doNothing())
        .execute();
    },
    async dueWaits(today, limit) {
      const rows = await db
        .selectFrom('automation_waits')
        .selectAll()
        .where('status', '=', 'waiting')
        .where('due_date', '<=', today)
        .orderBy('due_date')
        .limit(limit)
        .execute();
      return rows.map((w) => ({
        key: w.run_key,
        automationId: w.automation_id,
        event: JSON.parse(w.event) as AutomationEvent,
        resumeAt: Number(w.resume_at),
        dueDate: w.due_date,
      }));
    },
    async settleWait(key, status, now) {
      const res = await db
        .updateTable('automation_waits')
        .set({ status, settled_at: now.toISOString() })
        .where('run_key', '=', key)
        .where('status', '=', 'waiting')
        .executeTakeFirst();
      return Number(res.numUpdatedRows) === 1;
    },
  };
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
