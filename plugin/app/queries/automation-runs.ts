import { RUN_STATUSES, type RunStatus } from '../../automations/ports.ts';
import { listAutomationRuns } from '../../automations/records-runs.ts';
import { defineCommand } from '../command.ts';

export const recentAutomationRuns = defineCommand({
  name: 'automation.runs',
  summary: "The automations' steps run, newest first, of one status or all (a failed one with its reason)",
  input: {
    type: 'object',
    additionalProperties: false,
    properties: { status: { enum: [...RUN_STATUSES] } },
  },
  async run(ctx, q: { status?: RunStatus }) {
    ctx.allow('read', { type: 'automation' }, 'automations');
    return listAutomationRuns(ctx.tx, q.status);
  },
});
