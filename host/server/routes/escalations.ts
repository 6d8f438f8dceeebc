import type { FastifyInstance } from 'fastify';
import {
  assignEscalation,
  commentOnEscalation,
  raiseEscalation,
  resolveEscalation,
} from '../../../plugin/app/commands/escalations.ts';
import {
  escalationAssigneesOf,
  escalationComments,
  listEscalations,
} from '../../../plugin/app/queries/escalations.ts';
import type { ServerContext } from '../context.ts';
import { commandRoute } from './command-route.ts';

export function escalationRoutes(app: FastifyInstance, ctx: ServerContext): void {
  commandRoute(app, ctx, {
    method: 'GET',
    url: '/api/escalations',
    access: 'signed-in',
    command: listEscalations,
  });
  commandRoute(app, ctx, {
    method: 'POST',
    url: '/api/escalations',
    access: ['sales', 'manager', 'admin'],
    command: raiseEscalation,
    status: () => 201,
  });
  commandRoute(app, ctx, {
    method: 'GET',
    url: '/api/escalations/:id/assignees',
    access: 'signed-in',
    command: escalationAssigneesOf,
  });
  commandRoute(app, ctx, {
    method: 'POST',
    url: '/api/escalations/:id/assign',
    access: ['manager', 'hr', 'admin'],
    command: assignEscalation,
  });
  commandRoute(app, ctx, {
    method: 'GET',
    url: '/api/escalations/:id/comments',
    access: 'signed-in',
    command: escalationComments,
  });
  commandRoute(app, ctx, {
    method: 'POST',
    url: '/api/escalations/:id/comments',
    access: 'signed-in',
    command: commentOnEscalation,
    status: () => 201,
  });
  commandRoute(app, ctx, {
    method: 'POST',
    url: '/api/escalations/:id/resolve',
    access: 'signed-in',
    command: resolveEscalation,
  });
}
