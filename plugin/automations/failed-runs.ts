import { defineCommand } from '../app/command.ts';
import { notFound } from '../app/errors.ts';
import type { Records } from '../app/ports.ts';
import type { Snapshot } from '../domain/types.ts';
import { eventContext } from './event-context.ts';
import { listAutomationRuns } from './records-runs.ts';
import type { AutomationDocument, FailedRun } from './types.ts';
import { currentAutomations } from './versions.ts';

/** How many steps wait for the admin; the page's badge. */
export const countFailedRuns = async (records: Pick<Records, 'find'>): Promise<number> =>
  (await records.find('automationRuns', { status: 'failed' })).length;

/** The failed steps, newest first (at most 200), in words from the current cycle's data: never ids. */
export async function listFailedRuns(
  records: Records,
  document: AutomationDocument,
  org: Snapshot | null,
): Promise<FailedRun[]> {
  const titles = new Map(document.automations.map((a) => [a.id, a.title]));
  return (await listAutomationRuns(records, 'failed')).map(({ id, action, event, ...run }) => {
    const words = org ? eventContext(event, org).words : {};
    const personId = event.subject.personId;
    const person = personId ? org?.people.find((p) => p.id === personId)?.name : undefined;
    return {
      id,
      automation: titles.get(action.automationId) ?? null,
      step: action.stepIndex + 1,
      kind: action.kind,
      trigger: event.trigger,
      eventAt: event.at,
      person: person ?? words.owner ?? null,
      kr: words.kr ?? null,
      region: words.region ?? null,
      month: words.month ?? null,
      error: run.lastError,
      attempts: run.attempts,
      createdAt: run.createdAt,
    };
  });
}

/**
 * Sets a failed step back to be tried by the automations' tick at its next pass, with a fresh count
 * of attempts, and audits who asked. Refused (404) unless the step is failed: a second click, or two
 * admins at once, reset it once.
 */
export const retryFailedRun = defineCommand<{ id: string }, { ok: true }>({
  name: 'automations.retry',
  summary: 'Try a failed automation step again at the next tick',
  input: {
    type: 'object',
    required: ['id'],
    additionalProperties: false,
    properties: { id: { type: 'string', minLength: 1, maxLength: 64 } },
  },
  pathParams: ['id'],
  async run(ctx, { id }) {
    ctx.allow('run', { type: 'automation' }, 'automations');
    const run = await ctx.tx.get('automationRuns', id);
    const reset =
      run?.status === 'failed' &&
      (await ctx.tx.update(
        'automationRuns',
        id,
        { status: 'retrying', attempts: 0, nextAttemptAt: ctx.now },
        { status: 'failed' },
      ));
    if (!run || !reset) throw notFound('failed automation step', id);
    const { document } = currentAutomations(await ctx.tx.find('automationVersions', { status: 'published' }));
    await ctx.audit({
      action: 'automations.retry',
      subjectType: 'automations',
      subjectId: id,
      before: { status: 'failed', attempts: run.attempts, error: run.lastError },
      after: {
        status: 'retrying',
        title: document.automations.find((a) => a.id === run.automationId)?.title ?? run.automationId,
        step: run.stepIndex + 1,
      },
    });
    return { ok: true };
  },
});
