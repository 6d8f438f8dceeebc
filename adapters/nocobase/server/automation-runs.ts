import { randomUUID } from 'node:crypto';
import type { PlannedAction } from '../../../plugin/automations/plan.ts';
import type { AutomationRunsPort, RunStatus, StoredRun } from '../../../plugin/automations/ports.ts';
import type { AutomationEvent } from '../../../plugin/automations/types.ts';
import { AUTOMATION_COLLECTIONS as AC } from './automation-collections.ts';
import { toAutomationVersion } from './automation-rows.ts';
import { COLLECTIONS } from './collections.ts';
import type { Row } from './records.ts';
import type { Tables } from './tables.ts';

const isUnique = (error: unknown) => (error as { name?: string })?.name === 'SequelizeUniqueConstraintError';
const json = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;

export const toRun = (r: Row): StoredRun => ({
  id: String(r.id),
  key: String(r.runKey),
  status: r.status as RunStatus,
  attempts: Number(r.attempts),
  action: json<PlannedAction>(r.action),
  event: json<AutomationEvent>(r.event),
  lastError: (r.lastError as string | null) ?? null,
  nextAttemptAt: String(r.nextAttemptAt),
  createdAt: String(r.createdAt),
  doneAt: (r.doneAt as string | null) ?? null,
});

/** The pack's `AutomationRunsPort` over `okr_automation_runs` and `okr_automation_waits`. */
export function nocobaseAutomationRuns(tables: Tables): AutomationRunsPort {
  return {
    async published() {
      const rows = await tables.find(COLLECTIONS.automationVersions, { status: 'published' });
      return rows.map(toAutomationVersion);
    },
    async claim(action, event, now) {
      const id = randomUUID();
      try {
        // A unique key of its own: on PostgreSQL a refused insert must not abort a shared transaction.
        await tables.create(AC.automationRuns, {
          id,
          runKey: action.key,
          eventId: action.eventId,
          automationId: action.automationId,
          stepIndex: action.stepIndex,
          action,
          event,
          status: 'pending',
          attempts: 0,
          nextAttemptAt: now.toISOString(),
          lastError: null,
          createdAt: now.toISOString(),
          doneAt: null,
        });
        return id;
      } catch (error) {
        if (isUnique(error)) return null;
        throw error;
      }
    },
    async settle(id, patch) {
      await tables.update(AC.automationRuns, id, { ...patch });
    },
    async due(now, staleBefore, limit) {
      const rows = await tables.find(
        AC.automationRuns,
        {
          $or: [
            { status: 'retrying', nextAttemptAt: { $lte: now.toISOString() } },
            { status: 'pending', nextAttemptAt: { $lt: staleBefore.toISOString() } },
          ],
        },
        ['nextAttemptAt'],
      );
      return rows.slice(0, limit).map(toRun);
    },
    async take(run, now) {
      const taken = await tables.updateWhere(
        AC.automationRuns,
        { id: run.id, status: run.status, nextAttemptAt: run.nextAttemptAt },
        { status: 'pending', nextAttemptAt: now.toISOString() },
      );
      return taken === 1;
    },
    async addWait(wait, now) {
      if (await tables.findOne(AC.automationWaits, wait.key)) return;
      try {
        await tables.create(AC.automationWaits, {
          id: wait.key,
          automationId: wait.automationId,
          event: wait.event,
          resumeAt: wait.resumeAt,
          dueDate: wait.dueDate,
          status: 'waiting',
          createdAt: now.toISOString(),
          settledAt: null,
        });
      } catch (error) {
        if (!isUnique(error)) throw error;
      }
    },
    async dueWaits(today, limit) {
      const rows = await tables.find(AC.automationWaits, { status: 'waiting', dueDate: { $lte: today } }, [
        'dueDate',
      ]);
      return rows.slice(0, limit).map((w) => ({
        key: String(w.id),
        automationId: String(w.automationId),
        event: json<AutomationEvent>(w.event),
        resumeAt: Number(w.resumeAt),
        dueDate: String(w.dueDate),
      }));
    },
    async settleWait(key, status, now) {
      const n = await tables.updateWhere(
        AC.automationWaits,
        { id: key, status: 'waiting' },
        { status, settledAt: now.toISOString() },
      );
      return n === 1;
    },
  };
}

/** The stored runs, newest first, of one status or all (what HR and the admin read). */
export async function listAutomationRuns(
  tables: Tables,
  status: RunStatus | undefined,
  limit = 200,
): Promise<StoredRun[]> {
  const rows = await tables.find(AC.automationRuns, status ? { status } : undefined, ['-createdAt', 'id']);
  return rows.slice(0, limit).map(toRun);
}
