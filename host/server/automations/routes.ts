import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  automationFailureCount,
  automationFailures,
} from '../../../plugin/app/queries/automation-failures.ts';
import { dryRunAutomation, previewAutomations } from '../../../plugin/app/queries/automation-preview.ts';
import { recentAutomationRuns } from '../../../plugin/app/queries/automation-runs.ts';
import { CATALOGUE } from '../../../plugin/automations/catalogue-view.ts';
import {
  checkedDocument,
  discardAutomations,
  proposeAutomations,
  publishAutomations,
  rollbackAutomations,
} from '../../../plugin/automations/commands.ts';
import { retryFailedRun } from '../../../plugin/automations/failed-runs.ts';
import { automationVersionsWithDiff } from '../../../plugin/automations/versions.ts';
import { authorize } from '../auth/request-user.ts';
import type { ServerContext } from '../context.ts';
import { badRequest } from '../http-error.ts';
import { commandRoute } from '../routes/command-route.ts';
import { notifyServicesOf } from '../schedules/notify-services.ts';
import { tickerEnabled, tickMsOf } from '../schedules/schedule-ticker.ts';
import { currentCycle, loadSnapshot } from '../storage/queries.ts';
import { sqlAutomationEventLog } from './preview.ts';
import { startAutomationTicker } from './ticker.ts';
import { toAutomationVersion } from './version-rows.ts';

const HR = ['hr', 'admin'] as const;
const anyObject = { type: 'object', additionalProperties: true } as const;
const versionInPath = (req: FastifyRequest) => {
  const raw = (req.params as { version: string }).version;
  return { version: /^\d{1,9}$/.test(raw) ? Number(raw) : raw };
};

async function orgOf(ctx: ServerContext) {
  const cycle = await currentCycle(ctx.db, ctx.today());
  if (!cycle) throw badRequest('no-cycle', 'automations: no cycle runs today; create one first');
  return loadSnapshot(ctx.db, cycle);
}

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
  app.get('/api/automations/channels', { config: { access: HR } }, async () => {
    const { ndb } = await notifyServicesOf(app, ctx);
    return ndb
      .selectFrom('notify_webhooks')
      .select(['id', 'name', 'platform', 'region_id as regionId'])
      .orderBy('name')
      .execute();
  });
  app.get('/api/automations/catalogue', { config: { access: HR } }, async () => CATALOGUE);
  app.get('/api/automations/schema', { config: { access: HR } }, async () =>
    JSON.parse(readFileSync(join(ctx.packRoot, 'rules', 'automation.schema.json'), 'utf8')),
  );
  app.get('/api/automations/versions', { config: { access: HR } }, async (req) => {
    authorize(req, 'read', { type: 'automation' }, 'automations');
    return automationVersionsWithDiff(await versions());
  });
  app.post<{ Body: { document?: unknown } }>(
    '/api/automations/preview',
    {
      config: { access: HR },
      schema: {
        body: {
          type: 'object',
          required: ['document'],
          additionalProperties: false,
          properties: { document: anyObject },
        },
      },
    },
    async (req) => {
      authorize(req, 'read', { type: 'automation' }, 'automations');
      return previewAutomations(
        sqlAutomationEventLog(ctx.db),
        checkedDocument(req.body.document),
        await orgOf(ctx),
        ctx.today(),
      );
    },
  );
  app.post<{ Body: { document?: unknown; automationId: string } }>(
    '/api/automations/dry-run',
    {
      config: { access: HR },
      schema: {
        body: {
          type: 'object',
          required: ['document', 'automationId'],
          additionalProperties: false,
          properties: { document: anyObject, automationId: { type: 'string', minLength: 1, maxLength: 64 } },
        },
      },
    },
    async (req) => {
      authorize(req, 'run', { type: 'automation' }, 'automations');
      const doc = checkedDocument(req.body.document);
      if (!doc.automations.some((a) => a.id === req.body.automationId))
        throw badRequest(
          'bad-request',
          `automations: no automation "${req.body.automationId}" in the document`,
        );
      return dryRunAutomation(
        sqlAutomationEventLog(ctx.db),
        doc,
        req.body.automationId,
        await orgOf(ctx),
        ctx.today(),
        req.user!.personId,
        (n) => ctx.notifications.notify(n),
      );
    },
  );
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
