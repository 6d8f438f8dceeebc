import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { channelNames } from '../../../plugin/app/commands/channels.ts';
import {
  automationFailureCount,
  automationFailures,
} from '../../../plugin/app/queries/automation-failures.ts';
import { automationDryRun, automationPreview } from '../../../plugin/app/queries/automation-preview.ts';
import { recentAutomationRuns } from '../../../plugin/app/queries/automation-runs.ts';
import { CATALOGUE } from '../../../plugin/automations/catalogue-view.ts';
import {
  discardAutomations,
  proposeAutomations,
  publishAutomations,
  rollbackAutomations,
} from '../../../plugin/automations/commands.ts';
import { retryFailedRun } from '../../../plugin/automations/failed-runs.ts';
import { automationVersionsWithDiff } from '../../../plugin/automations/versions.ts';
import { authorize } from '../auth/request-user.ts';
import type { ServerContext } from '../context.ts';
import { commandRoute } from '../routes/command-route.ts';
import { notifyServicesOf } from '../schedules/notify-services.ts';
import { tickerEnabled, tickMsOf } from '../schedules/schedule-ticker.ts';
import { startAutomationTicker } from './ticker.ts';
import { toAutomationVersion } from './version-rows.ts';

const HR = ['hr', 'admin'] as const;
const versionInPath = (req: FastifyRequest) => {
  const raw = (req.params as { version: string }).version;
  return { version: /^\d{1,9}$/.test(raw) ? Number(raw) : raw };
};

/** HR's automations: versions (propose, publish, roll back), preview, dry run, failed steps. */
export async function automationRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  ctx.rules.channels = () => notifyServicesOf(app, ctx);
  const versions = async () =>
    (await ctx.db.selectFrom('automation_versions').selectAll().execute()).map(toAutomationVersion);

  app.get('/api/automations', { config: { access: HR } }, async (req) => {
    authorize(req, 'read', { type: 'automation' }, 'automations');
    return ctx.rules.automations.document();
  });
  // Names of the outgoing channels to pick in a step; addresses and secrets stay the admin's.
  commandRoute(app, ctx, {
    method: 'GET',
    url: '/api/automations/channels',
    access: HR,
    command: channelNames,
  });
  app.get('/api/automations/catalogue', { config: { access: HR } }, async () => CATALOGUE);
  app.get('/api/automations/schema', { config: { access: HR } }, async () =>
    JSON.parse(readFileSync(join(ctx.packRoot, 'rules', 'automation.schema.json'), 'utf8')),
  );
  app.get('/api/automations/versions', { config: { access: HR } }, async (req) => {
    authorize(req, 'read', { type: 'automation' }, 'automations');
    return automationVersionsWithDiff(await versions());
  });
  commandRoute(app, ctx, {
    method: 'POST',
    url: '/api/automations/preview',
    access: HR,
    command: automationPreview,
  });
  commandRoute(app, ctx, {
    method: 'POST',
    url: '/api/automations/dry-run',
    access: HR,
    command: automationDryRun,
  });
  commandRoute(app, ctx, {
    method: 'GET',
    url: '/api/automations/runs',
    access: HR,
    command: recentAutomationRuns,
  });
  // Steps that failed after their last attempt, in words, for HR and the admin to retry.
  commandRoute(app, ctx, {
    method: 'GET',
    url: '/api/automations/failures',
    access: HR,
    command: automationFailures,
  });
  commandRoute(app, ctx, {
    method: 'GET',
    url: '/api/automations/failures/count',
    access: HR,
    command: automationFailureCount,
  });
  commandRoute(app, ctx, {
    method: 'POST',
    url: '/api/automations/failures/:id/retry',
    access: HR,
    command: retryFailedRun,
    // No body: the step is the path's.
    input: (req) => ({ id: (req.params as { id: string }).id }),
  });
  commandRoute(app, ctx, {
    method: 'POST',
    url: '/api/automations/proposals',
    access: HR,
    command: proposeAutomations,
    status: () => 201,
  });
  commandRoute(app, ctx, {
    method: 'POST',
    url: '/api/automations/versions/:version/publish',
    access: HR,
    command: publishAutomations,
    input: versionInPath,
  });
  commandRoute(app, ctx, {
    method: 'POST',
    url: '/api/automations/versions/:version/discard',
    access: HR,
    command: discardAutomations,
    input: versionInPath,
  });
  commandRoute(app, ctx, {
    method: 'POST',
    url: '/api/automations/rollback',
    access: HR,
    command: rollbackAutomations,
  });

  let stop: (() => void) | null = null;
  app.addHook('onListen', async () => {
    if (tickerEnabled(process.env)) stop = startAutomationTicker(ctx, tickMsOf(process.env));
  });
  app.addHook('onClose', async () => stop?.());
}
