import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../context.ts';
import { peopleImportRoutes } from '../import/people-import-routes.ts';
import { accountRoutes } from './accounts.ts';
import { activityRoutes } from './activities.ts';
import { adminRoutes } from './admin.ts';
import { apiReferenceRoutes } from './api-reference.ts';
import { auditRoutes } from './audit.ts';
import { authRoutes } from './auth.ts';
import { channelRoutes } from './channels.ts';
import { checkInRoutes } from './check-ins.ts';
import { demoLoginRoutes } from './demo-logins.ts';
import { escalationRoutes } from './escalations.ts';
import { formOverlayRoutes } from './form-overlays.ts';
import { healthRoutes } from './health.ts';
import { importRoutes } from './import.ts';
import { keyAccountRoutes } from './key-accounts.ts';
import { keyResultRoutes } from './key-results.ts';
import { krDetailRoutes } from './kr-detail.ts';
import { linkRoutes } from './links.ts';
import { metricBaselineRoutes } from './metric-baselines.ts';
import { metricsRoutes } from './metrics.ts';
import { notificationRoutes } from './notifications.ts';
import { objectiveRoutes } from './objectives.ts';
import { peerReviewRoutes } from './peer-reviews.ts';
import { poolRunRoutes } from './pool-runs.ts';
import { primerRoutes } from './primer.ts';
import { realtimeRoutes } from './realtime.ts';
import { referenceRoutes } from './reference.ts';
import { reportRoutes } from './reports.ts';
import { ruleRoutes } from './rules.ts';
import { scheduleRoutes } from './schedules.ts';
import { settingsRoutes } from './settings.ts';
import { setupRoutes } from './setup.ts';

/**
 * Registers every route module. A module is `(app, ctx) => void | Promise<void>`; each route declares
 * `config.access` (and `config.scoped` when a QR session may call it). One line per module.
 */
export async function registerRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  await apiReferenceRoutes(app);
  healthRoutes(app, ctx);
  authRoutes(app, ctx);
  demoLoginRoutes(app, ctx);
  referenceRoutes(app, ctx);
  adminRoutes(app, ctx);
  setupRoutes(app, ctx);
  accountRoutes(app, ctx);
  peopleImportRoutes(app, ctx);
  objectiveRoutes(app, ctx);
  keyResultRoutes(app, ctx);
  krDetailRoutes(app, ctx);
  linkRoutes(app, ctx);
  checkInRoutes(app, ctx);
  escalationRoutes(app, ctx);
  activityRoutes(app, ctx);
  keyAccountRoutes(app, ctx);
  peerReviewRoutes(app, ctx);
  settingsRoutes(app, ctx);
  formOverlayRoutes(app, ctx);
  poolRunRoutes(app, ctx);
  metricsRoutes(app, ctx);
  metricBaselineRoutes(app, ctx);
  auditRoutes(app, ctx);
  notificationRoutes(app, ctx);
  ruleRoutes(app, ctx);
  await realtimeRoutes(app, ctx);
  await importRoutes(app, ctx);
  await channelRoutes(app, ctx);
  await scheduleRoutes(app, ctx);
  await reportRoutes(app, ctx);
  primerRoutes(app, ctx);
}
