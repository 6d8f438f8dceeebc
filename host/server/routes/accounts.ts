import type { FastifyInstance } from 'fastify';
import { MAX_PASSWORD_LENGTH } from '../../../plugin/app/password-rule.ts';
import { LOGIN_PATTERN } from '../auth/account-rules.ts';
import {
  createAccount,
  linkAccount,
  listAccounts,
  redeemLink,
  resetAccount,
  setAccountDisabled,
} from '../auth/accounts.ts';
import { authorize } from '../auth/request-user.ts';
import { signInAs } from '../auth/sign-in.ts';
import type { ServerContext } from '../context.ts';
import { id, text } from './support.ts';

const ADMIN = ['admin'] as const;
const password = text(MAX_PASSWORD_LENGTH, 1);
const token = { type: 'string', minLength: 20, maxLength: 200, pattern: '^[A-Za-z0-9_-]+$' } as const;
const personParams = {
  type: 'object',
  required: ['personId'],
  properties: { personId: id },
} as const;

/**
 * Sign-in accounts of people (the host's identity), for admins: create one with a password or a
 * one-time link (72 h), reset it the same way, disable it. The link's owner sets their password
 * through the public link routes; the token travels in bodies, never in a URL a log could keep.
 */
export function accountRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get('/api/accounts', { config: { access: ADMIN } }, async (req) => {
    authorize(req, 'read', { type: 'person' }, 'account');
    return listAccounts(ctx.db, ctx.now());
  });

  app.post<{ Body: { personId: string; login: string; password?: string } }>(
    '/api/accounts',
    {
      config: { access: ADMIN },
      schema: {
        body: {
          type: 'object',
          required: ['personId', 'login'],
          additionalProperties: false,
          properties: { personId: id, login: { type: 'string', pattern: LOGIN_PATTERN }, password },
        },
      },
    },
    async (req, reply) => {
      const admin = authorize(req, 'create', { type: 'person' }, 'account');
      const created = await createAccount(ctx.db, ctx.now(), { ...req.body, actorId: admin.personId });
      return reply.status(201).send(created);
    },
  );

  app.post<{ Params: { personId: string }; Body: { password?: string } }>(
    '/api/accounts/:personId/reset',
    {
      config: { access: ADMIN },
      schema: {
        params: personParams,
        body: { type: 'object', additionalProperties: false, properties: { password } },
      },
    },
    async (req) => {
      const admin = authorize(req, 'update', { type: 'person' }, 'account');
      return resetAccount(ctx.db, ctx.now(), {
        actorId: admin.personId,
        personId: req.params.personId,
        ...(req.body?.password !== undefined ? { password: req.body.password } : {}),
      });
    },
  );

  app.post<{ Params: { personId: string }; Body: { disabled: boolean } }>(
    '/api/accounts/:personId/disabled',
    {
      config: { access: ADMIN },
      schema: {
        params: personParams,
        body: {
          type: 'object',
          required: ['disabled'],
          additionalProperties: false,
          properties: { disabled: { type: 'boolean' } },
        },
      },
    },
    async (req) => {
      const admin = authorize(req, 'update', { type: 'person' }, 'account');
      return setAccountDisabled(ctx.db, ctx.now(), admin.personId, req.params.personId, req.body.disabled);
    },
  );

  // The person holding a link: who it is for, then their own password (and they are signed in).
  app.post<{ Body: { token: string } }>(
    '/api/account-link/check',
    {
      config: { access: 'public' },
      schema: {
        body: { type: 'object', required: ['token'], additionalProperties: false, properties: { token } },
      },
    },
    async (req) => {
      const found = await linkAccount(ctx.db, req.body.token, ctx.now());
      return { name: found.name, login: found.login, expiresAt: found.expiresAt };
    },
  );

  app.post<{ Body: { token: string; password: string } }>(
    '/api/account-link/redeem',
    {
      config: { access: 'public' },
      schema: {
        body: {
          type: 'object',
          required: ['token', 'password'],
          additionalProperties: false,
          properties: { token, password },
        },
      },
    },
    async (req, reply) => {
      const now = ctx.now();
      const userId = await redeemLink(ctx.db, req.body.token, req.body.password, now);
      return signInAs(ctx.db, reply, userId, now);
    },
  );
}
