import type { FastifyInstance } from 'fastify';
import { verifyPassword } from '../auth/passwords.ts';
import { createSession, deleteSession, SESSION_COOKIE } from '../auth/sessions.ts';
import type { ServerContext } from '../context.ts';
import { HttpError } from '../http-error.ts';
import { AttemptGuard } from '../sign-in-limits.ts';
import { text } from './support.ts';

const meReply = {
  type: 'object',
  properties: {
    userId: { type: 'string' },
    personId: { type: 'string' },
    name: { type: 'string' },
    role: { type: 'string' },
    regionId: { type: ['string', 'null'] },
    scope: { type: ['object', 'null'], additionalProperties: true },
  },
} as const;

export function authRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const attempts = new AttemptGuard(app, ctx.signInLimits.password, (req) =>
    String((req.body as { login?: unknown } | undefined)?.login ?? '')
      .trim()
      .toLowerCase(),
  );

  app.post<{ Body: { login: string; password: string } }>(
    '/api/auth/login',
    {
      config: { access: 'public' },
      schema: {
        body: {
          type: 'object',
          required: ['login', 'password'],
          additionalProperties: false,
          properties: { login: text(100, 1), password: text(200, 1) },
        },
        response: { 200: meReply },
      },
    },
    async (req, reply) => {
      attempts.check(req, reply);
      const user = await ctx.db
        .selectFrom('users')
        .selectAll()
        .where('login', '=', req.body.login)
        .executeTakeFirst();
      if (!user || !(await verifyPassword(req.body.password, user.password_hash))) {
        await attempts.failed(req);
        throw new HttpError(401, 'wrong-login', 'auth: login or password is wrong; check both and try again');
      }
      if (user.disabled_at)
        throw new HttpError(
          403,
          'account-disabled',
          'auth: this account is disabled; ask your administrator',
        );
      const now = ctx.now();
      const { token, expiresAt } = await createSession(ctx.db, user.id, now);
      reply.setCookie(SESSION_COOKIE, token, {
        httpOnly: true,
        sameSite: 'lax',
        path: '/',
        expires: new Date(expiresAt),
      });
      const person = await ctx.db
        .selectFrom('people')
        .selectAll()
        .where('id', '=', user.person_id)
        .executeTakeFirstOrThrow();
      return {
        userId: user.id,
        personId: person.id,
        name: person.name,
        role: person.role,
        regionId: person.region_id,
        scope: null,
      };
    },
  );

  app.post('/api/auth/logout', { config: { access: 'public' } }, async (req, reply) => {
    const token = req.cookies[SESSION_COOKIE];
    if (token) await deleteSession(ctx.db, token);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true };
  });

  // Who is signed in, if anyone: 200 either way, so the shell's first question logs no 401 in the console.
  app.get(
    '/api/auth/session',
    {
      config: { access: 'public' },
      schema: {
        response: { 200: { type: 'object', properties: { user: { ...meReply, type: ['object', 'null'] } } } },
      },
    },
    async (req) => ({ user: req.user ?? null }),
  );

  app.get(
    '/api/auth/me',
    { config: { access: 'signed-in', scoped: true }, schema: { response: { 200: meReply } } },
    async (req) => req.user,
  );
}
