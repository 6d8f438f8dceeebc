import { randomBytes } from 'node:crypto';
import websocket from '@fastify/websocket';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Role } from '../../../plugin/domain/types.ts';
import { type Action, boardOf, can, type HostUser } from '../../../plugin/sdk/index.ts';
import { requireUser } from '../auth/request-user.ts';
import { createSession, SESSION_COOKIE } from '../auth/sessions.ts';
import type { ServerContext } from '../context.ts';
import { conflict, forbidden, HttpError, notFound, unauthorized } from '../http-error.ts';
import { BoardRealtime } from '../realtime/board-realtime.ts';
import { mintQrToken, QrTokenError, verifyQrToken } from '../realtime/qr-token.ts';
import { writeAudit } from '../services/audit.ts';
import { AttemptGuard } from '../sign-in-limits.ts';
import { getCycle, getPerson } from '../storage/queries.ts';
import { id } from './support.ts';

/** What a kickoff QR sign-in may do on its board: KRs and links only (the policy limits the subjects). */
const QR_ACTIONS: Action[] = ['read', 'create', 'update', 'delete'];
/** Who may show a kickoff QR code. */
const QR_MINTERS: readonly Role[] = ['strategy', 'manager', 'hr'];
export const QR_DEFAULT_TTL_SECONDS = 30 * 60;
export const QR_MAX_TTL_SECONDS = 4 * 60 * 60;

const cycleParams = { type: 'object', required: ['cycleId'], properties: { cycleId: id } } as const;

interface BoardAuth {
  user: HostUser;
  via: 'session' | 'qr';
}

/**
 * The board WebSocket (`GET /api/boards/:cycleId/ws`), presence, and the kickoff QR token:
 * minted by strategy, managers and hr for one board, it signs a phone in for that board only.
 * The HMAC secret is `OKR_QR_SECRET` or a random one per server start (tokens are short-lived anyway).
 */
export async function realtimeRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  const secret = process.env.OKR_QR_SECRET || randomBytes(32);
  const realtime = new BoardRealtime({
    db: ctx.db,
    bus: ctx.bus,
    can,
    now: () => ctx.now(),
    log: ctx.log,
    afterCommit: () => ctx.rules.schedule(),
  });
  app.decorate('boardRealtime', realtime);
  app.addHook('onClose', async () => realtime.close());

  const qrAttempts = new AttemptGuard(app, ctx.signInLimits.qr, (req) =>
    String((req.params as { cycleId?: unknown }).cycleId ?? ''),
  );
  const verify = (token: string, cycleId: string) => {
    try {
      return verifyQrToken(secret, token, { board: boardOf(cycleId), now: ctx.now().getTime() });
    } catch (e) {
      if (!(e instanceof QrTokenError)) throw e;
      if (e.reason === 'wrong-board') throw forbidden(e.message);
      throw new HttpError(401, e.reason === 'expired' ? 'qr-token-expired' : 'qr-token-invalid', e.message);
    }
  };

  app.post<{ Params: { cycleId: string }; Body: { personId?: string; ttlSeconds?: number } }>(
    '/api/boards/:cycleId/qr-tokens',
    {
      config: { access: QR_MINTERS },
      schema: {
        params: cycleParams,
        body: {
          type: 'object',
          additionalProperties: false,
          properties: {
            personId: id,
            ttlSeconds: { type: 'integer', minimum: 30, maximum: QR_MAX_TTL_SECONDS },
          },
        },
      },
    },
    async (req) => {
      const user = requireUser(req);
      const { cycleId } = req.params;
      const cycle = await getCycle(ctx.db, cycleId);
      if (!cycle) throw notFound('cycle', cycleId);
      if (cycle.locked)
        throw conflict(
          'cycle-locked',
          `qr-token: cycle ${cycle.name} is locked; its board no longer changes`,
          { params: { cycle: cycle.name } },
        );
      const personId = req.body?.personId ?? user.personId;
      const person = await getPerson(ctx.db, personId);
      if (!person) throw notFound('person', personId);
      if (user.role === 'manager' && person.id !== user.personId && person.regionId !== user.regionId) {
        throw forbidden(`qr-token: ${person.id} is not in your region; ask their manager for a QR code`);
      }
      const now = ctx.now();
      const { token, claims } = mintQrToken(secret, {
        board: boardOf(cycleId),
        sub: person.id,
        by: user.personId,
        ttlSeconds: req.body?.ttlSeconds ?? QR_DEFAULT_TTL_SECONDS,
        now: now.getTime(),
      });
      await writeAudit(ctx.db, now, {
        actorId: user.personId,
        action: 'qr-token.mint',
        subjectType: 'board',
        subjectId: claims.board,
        before: undefined,
        after: {
          jti: claims.jti,
          personId: claims.sub,
          expiresAt: new Date(claims.exp * 1000).toISOString(),
        },
      });
      return {
        token,
        boardId: claims.board,
        cycleId,
        personId: claims.sub,
        expiresAt: new Date(claims.exp * 1000).toISOString(),
        path: `/board/${encodeURIComponent(cycleId)}?qr=${token}`,
      };
    },
  );

  // A phone that scanned the code trades the token for a session limited to this board.
  app.post<{ Params: { cycleId: string }; Body: { token: string } }>(
    '/api/boards/:cycleId/qr-sign-in',
    {
      config: { access: 'public' },
      schema: {
        params: cycleParams,
        body: {
          type: 'object',
          required: ['token'],
          additionalProperties: false,
          properties: { token: { type: 'string', minLength: 1, maxLength: 2000 } },
        },
      },
    },
    async (req, reply) => {
      qrAttempts.check(req, reply);
      let claims: ReturnType<typeof verify>;
      try {
        claims = verify(req.body.token, req.params.cycleId);
      } catch (e) {
        await qrAttempts.failed(req);
        throw e;
      }
      const account = await ctx.db
        .selectFrom('users')
        .select('id')
        .where('person_id', '=', claims.sub)
        .executeTakeFirst();
      if (!account) {
        throw conflict(
          'no-account',
          `qr-sign-in: ${claims.sub} has no account; connect to the board with the token instead`,
        );
      }
      const now = ctx.now();
      const expiresAt = new Date(claims.exp * 1000).toISOString();
      const { token } = await createSession(ctx.db, account.id, now, {
        ttlMs: claims.exp * 1000 - now.getTime(),
        scope: { boardId: claims.board, actions: QR_ACTIONS, expiresAt },
      });
      reply.setCookie(SESSION_COOKIE, token, {
        httpOnly: true,
        sameSite: 'lax',
        path: '/',
        expires: new Date(expiresAt),
      });
      return { boardId: claims.board, personId: claims.sub, expiresAt };
    },
  );

  app.get<{ Params: { cycleId: string } }>(
    '/api/boards/:cycleId/presence',
    { config: { access: 'signed-in', scoped: true }, schema: { params: cycleParams } },
    async (req) => {
      const user = requireUser(req);
      const boardId = boardOf(req.params.cycleId);
      if (user.scope && user.scope.boardId !== boardId)
        throw forbidden(`presence: this session is limited to ${user.scope.boardId}`);
      return realtime.hub.presence(req.params.cycleId);
    },
  );

  const authOf = new WeakMap<FastifyRequest, BoardAuth>();

  await app.register(async (scope) => {
    await scope.register(websocket, { options: { maxPayload: realtime.options.maxMessageBytes } });
    scope.get<{ Params: { cycleId: string }; Querystring: { token?: string } }>(
      '/api/boards/:cycleId/ws',
      {
        websocket: true,
        config: { access: 'public' },
        schema: {
          params: cycleParams,
          querystring: { type: 'object', properties: { token: { type: 'string', maxLength: 2000 } } },
        },
        preValidation: async (req) => {
          const { cycleId } = req.params;
          if (req.query.token) {
            const claims = verify(req.query.token, cycleId);
            const person = await getPerson(ctx.db, claims.sub);
            if (!person) throw unauthorized(`realtime: the QR code's person ${claims.sub} no longer exists`);
            const user: HostUser = {
              userId: `qr:${claims.jti}`,
              personId: person.id,
              name: person.name,
              role: person.role,
              regionId: person.regionId,
              scope: {
                boardId: claims.board,
                actions: QR_ACTIONS,
                expiresAt: new Date(claims.exp * 1000).toISOString(),
              },
            };
            authOf.set(req, { user, via: 'qr' });
            return;
          }
          if (!req.user) throw unauthorized('realtime: sign in first, or open the board from its QR code');
          if (req.user.scope && req.user.scope.boardId !== boardOf(cycleId)) {
            throw forbidden(`realtime: this session is limited to ${req.user.scope.boardId}`);
          }
          authOf.set(req, { user: req.user, via: req.user.scope ? 'qr' : 'session' });
        },
      },
      (socket, req) => {
        const auth = authOf.get(req);
        if (!auth) {
          socket.close(4401, 'realtime: not signed in');
          return;
        }
        realtime.accept(socket, auth.user, auth.via, req.params.cycleId).catch((e: unknown) => {
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
