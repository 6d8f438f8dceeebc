import type { FastifyInstance } from 'fastify';
import { saveActivity } from '../../../plugin/app/commands/activities.ts';
import { listActivities } from '../../../plugin/app/queries/activities.ts';
import type { ServerContext } from '../context.ts';
import { commandRoute } from './command-route.ts';

/** System data per person per month (entered by hand here; server-live imports files). */
export function activityRoutes(app: FastifyInstance, ctx: ServerContext): void {
  commandRoute(app, ctx, {
    method: 'GET',
    url: '/api/activities',
    access: 'signed-in',
    command: listActivities,
  });
  commandRoute(app, ctx, {
    method: 'PUT',
    url: '/api/activities/:personId/:month',
    access: ['manager', 'hr', 'admin'],
    command: saveActivity,
  });
}
