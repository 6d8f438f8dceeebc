import type { FastifyInstance } from 'fastify';
import type { Role } from '../../../plugin/domain/types.ts';
import { boardOf } from '../../../plugin/sdk/index.ts';
import { verifyPassword } from '../auth/passwords.ts';
import { requireUser } from '../auth/request-user.ts';
import { SESSION_COOKIE } from '../auth/sessions.ts';
import type { ServerContext } from '../context.ts';
import { conflict, forbidden, HttpError, notFound } from '../http-error.ts';
import { writeAudit } from '../services/audit.ts';
import { AttemptGuard } from '../sign-in-limits.ts';
import { getCycle, getPerson } from '../storage/queries.ts';
import {
  INVITE_DEFAULT_TTL_SECONDS,
  INVITE_MAX_TTL_SECONDS,
  INVITE_MIN_TTL_SECONDS,
  joinWithInvite,
} from './board-invites.ts';
import { InviteError, mintBoardInvite, verifyBoardInvite } from './qr-token.ts';

/** Who may show a board's QR code: the people who run a kickoff. */
const INVITE_MINTERS: readonly Role[] = ['strategy', 'manager', 'hr'];

const cycleParams = {
  type: 'object',
  required: ['cycleId'],
  properties: { cycleId: { type: 'string', minLength: 1, maxLength: 100 } },
} as const;
const shortText = (max: number) => ({ type: 'string', minLength: 1, maxLength: max }) as const;

async function openCycle(ctx: ServerContext, cycleId: string) {
  const cycle = await getCycle(ctx.db, cycleId);
  if (!cycle) throw notFound('cycle', cycleId);
  if (cycle.locked) {
    throw conflict('cycle-locked', `board: cycle ${cycle.name} is locked; its board no longer changes`, {
      params: { cycle: cycle.name },
    });
  }
  return cycle;
}

/**
 * The kickoff QR code: `POST /api/boards/:cycleId/invites` makes one invite for the board (no person
 * in it), and `POST /api/boards/:cycleId/join` lets each phone sign in as its own person with that
 * invite, into a session limited to the board that ends with the invite.
 */
export function registerBoardInviteRoutes(
  app: FastifyInstance,
  ctx: ServerContext,
  secret: string | Buffer,
): void {
  const inviteAttempts = new AttemptGuard(app, ctx.signInLimits.qr, (req) =>
    String((req.params as { cycleId?: unknown }).cycleId ?? ''),
  );
  const passwordAttempts = new AttemptGuard(app, ctx.signInLimits.password, (req) =>
    String((req.body as { login?: unknown } | undefined)?.login ?? '')
      .trim()
      .toLowerCase(),
  );

  app.post<{ Params: { cycleId: string }; Body: { ttlSeconds?: number } }>(
    '/api/boards/:cycleId/invites',
    {
      config: { access: INVITE_MINTERS },
      schema: {
        params: cycleParams,
        body: {
          type: 'object',
          additionalProperties: false,
          properties: {
            ttlSeconds: {
              type: 'integer',
              minimum: INVITE_MIN_TTL_SECONDS,
              maximum: INVITE_MAX_TTL_SECONDS,
            },
          },
        },
      },
    },
    async (req) => {
      const user = requireUser(req);
      const cycle = await openCycle(ctx, req.params.cycleId);
      const now = ctx.now();
      const { token, claims } = mintBoardInvite(secret, {
        board: boardOf(cycle.id),
        ttlSeconds: req.body?.ttlSeconds ?? INVITE_DEFAULT_TTL_SECONDS,
        now: now.getTime(),
      });
      const expiresAt = new Date(claims.exp * 1000).toISOString();
      await writeAudit(ctx.db, now, {
        actorId: user.personId,
        action: 'board-invite.mint',
        subjectType: 'board',
        subjectId: claims.board,
        before: undefined,
        after: { nonce: claims.nonce, expiresAt },
      });
      return {
        invite: token,
        boardId: claims.board,
        cycleId: cycle.id,
        cycleName: cycle.name,
        expiresAt,
        path: `/board/${encodeURIComponent(cycle.id)}?qr=${encodeURIComponent(token)}`,
      };
    },
  );

  const checkInvite = (token: string, cycleId: string, now: Date) => {
    try {
      return verifyBoardInvite(secret, token, { board: boardOf(cycleId), now: now.getTime() });
    } catch (e) {
      if (!(e instanceof InviteError)) throw e;
      if (e.reason === 'wrong-board') throw forbidden(e.message);
      throw new HttpError(401, e.reason === 'expired' ? 'qr-token-expired' : 'qr-token-invalid', e.message);
    }
  };

  // What the phone's join page shows before asking for a password: the board's name, until when, and
  // who this browser is already signed in as (then it goes straight to the board).
  app.get<{ Params: { cycleId: string }; Querystring: { invite: string } }>(
    '/api/boards/:cycleId/join',
    {
      config: { access: 'public' },
      schema: {
        params: cycleParams,
        querystring: {
          type: 'object',
          required: ['invite'],
          properties: { invite: shortText(2000) },
        },
      },
    },
    async (req, reply) => {
      inviteAttempts.check(req, reply);
      let invite: ReturnType<typeof checkInvite>;
      try {
        invite = checkInvite(req.query.invite, req.params.cycleId, ctx.now());
      } catch (e) {
        await inviteAttempts.failed(req);
        throw e;
      }
      const cycle = await openCycle(ctx, req.params.cycleId);
      const you = req.user && (!req.user.scope || req.user.scope.boardId === invite.board) ? req.user : null;
      return {
        boardId: invite.board,
        cycleName: cycle.name,
        expiresAt: new Date(invite.exp * 1000).toISOString(),
        you,
      };
    },
  );

  app.post<{ Params: { cycleId: string }; Body: { invite: string; login: string; password: string } }>(
    '/api/boards/:cycleId/join',
    {
      config: { access: 'public' },
      schema: {
        params: cycleParams,
        body: {
          type: 'object',
          required: ['invite', 'login', 'password'],
          additionalProperties: false,
          properties: { invite: shortText(2000), login: shortText(100), password: shortText(200) },
        },
      },
    },
    async (req, reply) => {
      inviteAttempts.check(req, reply);
      passwordAttempts.check(req, reply);
      const now = ctx.now();
      let invite: ReturnType<typeof checkInvite>;
      try {
        invite = checkInvite(req.body.invite, req.params.cycleId, now);
      } catch (e) {
        await inviteAttempts.failed(req);
        throw e;
      }
      const account = await ctx.db
        .selectFrom('users')
        .select(['id', 'person_id', 'password_hash'])
        .where('login', '=', req.body.login)
        .executeTakeFirst();
      if (!account || !(await verifyPassword(req.body.password, account.password_hash))) {
        await passwordAttempts.failed(req);
        throw new HttpError(
          401,
          'wrong-login',
          'board-join: login or password is wrong; check both and try again',
        );
      }
      await openCycle(ctx, req.params.cycleId);
      const person = await getPerson(ctx.db, account.person_id);
      if (!person) throw notFound('person', account.person_id);
      const { token, scope } = await joinWithInvite(
        ctx.db,
        invite,
        { userId: account.id, personId: person.id },
        now,
      );
      await writeAudit(ctx.db, now, {
        actorId: person.id,
        action: 'board.join',
        subjectType: 'board',
        subjectId: invite.board,
        before: undefined,
        after: { nonce: invite.nonce, expiresAt: scope.expiresAt },
      });
      reply.setCookie(SESSION_COOKIE, token, {
        httpOnly: true,
        sameSite: 'lax',
        path: '/',
        expires: new Date(scope.expiresAt),
      });
      return { boardId: invite.board, personId: person.id, name: person.name, expiresAt: scope.expiresAt };
    },
  );
}
