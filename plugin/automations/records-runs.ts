import { randomUUID } from 'node:crypto';
import { DuplicateRecord, type Records } from '../app/ports.ts';
import type { AutomationRunRecord, AutomationRunsPort, RunStatus, StoredRun } from './ports.ts';

const by =
  <T>(field: (x: T) => string) =>
  (a: T, b: T) =>
    field(a) < field(b) ? -1 : field(a) > field(b) ? 1 : 0;

/** A stored run as the executor and HR's list read it: without the parts of its key. */
export const storedRun = ({
  eventId: _event,
  automationId: _automation,
  stepIndex: _step,
  ...run
}: AutomationRunRecord): StoredRun => run;

/**
 * The pack's `AutomationRunsPort` over a host's records (`automationRuns`, `automationWaits`): one
 * implementation for every host. Claims and waits are inserts under their unique key; taking a run
 * over and settling a wait are compare-and-sets on the fields read.
 */
export function recordsAutomationRuns(records: Records): AutomationRunsPort {
  return {
    published: () => records.find('automationVersions', { status: 'published' }),
    async claim(action, event, now) {
      const id = randomUUID();
      const at = now.toISOString();
      try {
        await records.insert('automationRuns', {
          id,
          key: action.key,
          eventId: action.eventId,
          automationId: action.automationId,
          stepIndex: action.stepIndex,
          action,
          event,
          status: 'pending',
          attempts: 0,
          nextAttemptAt: at,
          lastError: null,
          createdAt: at,
          doneAt: null,
        });
        return id;
      } catch (error) {
        if (error instanceof DuplicateRecord) return null;
        throw error;
      }
    },
    async settle(id, patch) {
      await records.update('automationRuns', id, patch);
    },
    async due(now, staleBefore, limit) {
      // Retrying and pending rows are few (done and failed ones are not read).
      const [retrying, pending] = await Promise.all([
        records.find('automationRuns', { status: 'retrying' }),
        records.find('automationRuns', { status: 'pending' }),
      ]);
      const stale = staleBefore.toISOString();
      return [
        ...retrying.filter((r) => r.nextAttemptAt <= now.toISOString()),
        ...pending.filter((r) => r.nextAttemptAt < stale),
      ]
        .sort(by((r) => r.nextAttemptAt))
        .slice(0, limit)
        .map(storedRun);
    },
    take: (run, now) =>
      records.update(
        'automationRuns',
        run.id,
        { status: 'pending', nextAttemptAt: now.toISOString() },
        { status: run.status, nextAttemptAt: run.nextAttemptAt },
      ),
    async addWait(wait, now) {
      try {
        await records.insert('automationWaits', {
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
        if (!(error instanceof DuplicateRecord)) throw error;
      }
    },
    async dueWaits(today, limit) {
      const waiting = await records.find('automationWaits', { status: 'waiting' });
      return waiting
        .filter((w) => w.dueDate <= today)
        .sort(by((w) => w.dueDate))
        .slice(0, limit)
        .map((w) => ({
          key: w.id,
          automationId: w.automationId,
          event: w.event,
          resumeAt: w.resumeAt,
          dueDate: w.dueDate,
        }));
    },
    settleWait: (key, status, now) =>
      records.update('automationWaits', key, { status, settledAt: now.toISOString() }, { status: 'waiting' }),
  };
}

/** The stored runs, newest first, of one status or all (what HR and the admin read). */
export async function listAutomationRuns(
  records: Records,
  status: RunStatus | undefined,
  limit = 200,
): Promise<StoredRun[]> {
  const rows = await records.find('automationRuns', status ? { status } : undefined);
  const created = by((r: AutomationRunRecord) => r.createdAt);
  const id = by((r: AutomationRunRecord) => r.id);
  return rows
    .sort((a, b) => created(b, a) || id(a, b))
    .slice(0, limit)
    .map(storedRun);
}
