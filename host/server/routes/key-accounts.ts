import type { FastifyInstance } from 'fastify';
import {
  createKeyAccount,
  deleteKeyAccount,
  touchKeyAccount,
  updateKeyAccount,
} from '../../../plugin/app/commands/key-accounts.ts';
import { listKeyAccounts } from '../../../plugin/app/queries/activities.ts';
import type { ServerContext } from '../context.ts';
import { commandRoute } from './command-route.ts';

export function keyAccountRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const writers = ['sales', 'manager', 'hr', 'admin'] as const;
  commandRoute(app, ctx, {
    method: 'GET',
    url: '/api/key-accounts',
    access: 'signed-in',
    command: listKeyAccounts,
  });
  commandRoute(app, ctx, {
    method: 'POST',
    url: '/api/key-accounts',
    access: writers,
    command: createKeyAccount,
    status: () => 201,
  });
  commandRoute(app, ctx, {
    method: 'PATCH',
    url: '/api/key-accounts/:id',
    access: writers,
    command: updateKeyAccount,
  });
  commandRoute(app, ctx, {
    method: 'POST',
    url: '/api/key-accounts/:id/touch',
    access: writers,
    command: touchKeyAccount,
  });
  commandRoute(app, ctx, {
    method: 'DELETE',
    url: '/api/key-accounts/:id',
    access: ['manager', 'hr', 'admin'],
    command: deleteKeyAccount,
  });
}
