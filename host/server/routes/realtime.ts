import { randomBytes } from 'node:crypto';
import websocket from '@fastify/websocket';
import type { FastifyBaseLogger, FastifyInstance, FastifyRequest } from 'fastify';
import { mayJoinBoard } from '../../../plugin/realtime/board-audience.ts';
import { boardOf, type HostUser } from '../../../plugin/sdk/index.ts';
import { requireUser } from '../auth/request-user.ts';
import { SESSION_COOKIE, sessionUser } from '../auth/sessions.ts';
import type { ServerContext } from '../context.ts';
import { originPolicyFromEnv } from '../http/origin-policy.ts';
import { forbidden, HttpError, unauthorized } from '../http-error.ts';
import { type BoardAccess, BoardRealtime, type RealtimeOptions } from '../realtime/board-realtime.ts';
import { registerBoardInviteRoutes } from '../realtime/invite-routes.ts';

const cycleParams = {
  type: 'object',
  required: ['cycleId'],
  properties: { cycleId: { type: 'string', minLength: 1, maxLength: 100 } },
} as const;

const header = (req: FastifyRequest, name: string): string | undefined => {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/** The board a limited (QR) session is held to: the only reason the pack refuses a signed-in user a board. */
const limitedTo = (user: HostUser): string => user.scope?.boardId ?? 'other boards';

/**
 * Test-only: `OKR_BOARD_BENCH=1` (bench/ws-fanout.bench.ts) answers echo frames, the fan-out
 * baseline, and lifts the per-connection frame limit so the bench can write back to back.
 */
function benchOptions(env: NodeJS.ProcessEnv, log: FastifyBaseLogger): Partial<RealtimeOptions> {
  if (env.OKR_BOARD_BENCH !== '1') return {};
  log.warn('realtime: OKR_BOARD_BENCH=1 — echo frames on, frame limit off; never set this in production');
  return { benchEcho: true, frameRate: { burst: 100_000, perSecond: 100_000, closeAfterRefused: 100_000 } };
}

/**
 * The board WebSocket (`GET /api/boards/:cycleId/ws`), presence, and the kickoff QR code's invite
 * and join routes. The invite HMAC key is `OKR_QR_SECRET` or a random one per server start.
 */
export async function realtimeRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  const secret = process.env.OKR_QR_SECRET || randomBytes(32);
  const origins = originPolicyFromEnv(process.env);
  const realtime = new BoardRealtime({
    db: ctx.db,
    bus: ctx.bus,
    now: () => ctx.now(),
    log: ctx.log,
    afterCommit: () => ctx.rules.schedule('board.intent'),
    options: benchOptions(process.env, ctx.log),
  });
  app.decorate('boardRealtime', realtime);
  app.addHook('onClose', async () => realtime.close());

  registerBoardInviteRoutes(app, ctx, secret);

  app.get<{ Params: { cycleId: string } }>(
    '/api/boards/:cycleId/presence',
    { config: { access: 'signed-in', scoped: true }, schema: { params: cycleParams } },
    async (req) => {
      const user = requireUser(req);
      if (!mayJoinBoard(user, boardOf(req.params.cycleId)))
        throw forbidden(`presence: this session is limited to ${limitedTo(user)}`);
      return realtime.hub.presence(req.params.cycleId);
    },
  );

  const accessOf = new WeakMap<FastifyRequest, BoardAccess>();

  await app.register(async (scope) => {
    await scope.register(websocket, { options: { maxPayload: realtime.options.maxMessageBytes } });
    scope.get<{ Params: { cycleId: string } }>(
      '/api/boards/:cycleId/ws',
      {
        websocket: true,
        config: { access: 'public' },
        schema: { params: cycleParams },
        preValidation: async (req) => {
          // A browser on another site may open a socket with our cookie (no CORS for WebSockets).
          const origin = header(req, 'origin');
          if (!origins.allowed(origin, header(req, 'sec-fetch-site'), req.host)) {
            const allowed = [`${req.protocol}://${req.host}`, ...origins.extraOrigins].join(', ');
            throw new HttpError(
              403,
              'cross-origin',
              `realtime: a board connection from ${origin ?? 'another site'} is refused; open the board from ${allowed}`,
              { params: { origin: origin ?? '', allowed } },
            );
          }
          const token = req.cookies?.[SESSION_COOKIE];
          const session = token ? await sessionUser(ctx.db, token, ctx.now()) : null;
          if (!req.user || !session)
            throw unauthorized('realtime: sign in first, or join from the board QR code');
          if (!mayJoinBoard(req.user, boardOf(req.params.cycleId)))
            throw forbidden(`realtime: this session is limited to ${limitedTo(req.user)}`);
          accessOf.set(req, {
            user: req.user,
            via: req.user.scope ? 'qr' : 'session',
            expiresAt: session.expiresAt,
          });
        },
      },
      (socket, req) => {
        const access = accessOf.get(req);
        if (!access) {
          socket.close(4401, 'realtime: not signed in');
          return;
        }
        realtime.accept(socket, access, req.params.cycleId).catch((e: unknown) => {
          ctx.log.error(e, 'realtime: accepting a board connection failed');
          socket.close(1011, 'realtime: internal error');
        });
      },
    );
  });
}

declare module 'fastify' {
  interface FastifyInstance {
    boardRealtime?: BoardRealtime;
  }
}
