import type { FastifyInstance } from 'fastify';
import { saveCheckIn } from '../../../plugin/app/commands/check-ins.ts';
import { listCheckIns } from '../../../plugin/app/queries/check-ins.ts';
import type { ServerContext } from '../context.ts';
import { commandRoute } from './command-route.ts';

export function checkInRoutes(app: FastifyInstance, ctx: ServerContext): void {
  commandRoute(app, ctx, {
    method: 'GET',
    url: '/api/check-ins',
    access: 'signed-in',
    command: listCheckIns,
  });
  commandRoute(app, ctx, {
    method: 'PUT',
    url: '/api/key-results/:id/check-ins/:month',
    access: ['sales', 'manager', 'admin'],
    params: { id: 'krId' },
    command: saveCheckIn,
    status: (saved) => (saved.created ? 201 : 200),
    reply: (saved) => saved.checkIn,
  });
}
