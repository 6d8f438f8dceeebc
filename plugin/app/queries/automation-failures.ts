import { currentAutomationsOf } from '../../automations/commands.ts';
import { countFailedRuns, listFailedRuns } from '../../automations/failed-runs.ts';
import { defineCommand } from '../command.ts';
import { noInput } from '../input.ts';
import { currentSnapshotIn } from './transaction-snapshot.ts';

export const automationFailures = defineCommand({
  name: 'automation.failures',
  summary: 'The automation steps that failed after their last attempt, in words, with how many there are',
  input: noInput,
  async run(ctx) {
    ctx.allow('read', { type: 'automation' }, 'automations');
    const [{ document }, current, count] = await Promise.all([
      currentAutomationsOf(ctx.tx),
      currentSnapshotIn(ctx.tx, ctx.now.slice(0, 10)),
      countFailedRuns(ctx.tx),
    ]);
    return { count, runs: await listFailedRuns(ctx.tx, document, current?.snapshot ?? null) };
  },
});

export const automationFailureCount = defineCommand({
  name: 'automation.failureCount',
  summary: 'How many automation steps wait for HR or the admin to try them again',
  input: noInput,
  async run(ctx) {
    ctx.allow('read', { type: 'automation' }, 'automations');
    return { count: await countFailedRuns(ctx.tx) };
  },
});
