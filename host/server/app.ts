import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
import { checkAccess, userFromRequest } from './auth/request-user.ts';
import type { ServerContext } from './context.ts';
import { errorBody, makeErrorHandler } from './error-handler.ts';
import { registerRoutes } from './routes/index.ts';
import { BoardBus } from './services/board-bus.ts';
import { Evaluator } from './services/evaluator.ts';
import { StoredNotifications } from './services/notifications.ts';
import { RulesRunner } from './services/rules-runner.ts';
import { ensureInitialSettings } from './services/settings-service.ts';
import { DEFAULT_SIGN_IN_LIMITS, registerRateLimit, type SignInLimits } from './sign-in-limits.ts';
import type { Storage } from './storage/database.ts';

export interface AppDeps {
  storage: Storage;
  /** Server clock; defaults to the system clock. */
  now?: () => Date;
  /** Fastify logger setting; off in tests. */
  logger?: boolean | { level: string };
  /** Largest accepted request body in bytes (default 1 MiB); a route may allow more. */
  bodyLimit?: number;
  /** Built web shell to serve at `/` when it exists (default host/web/dist). */
  webDist?: string;
  /** Repository root holding forms/ and rules/ (default the working directory). */
  packRoot?: string;
  /** Delay that coalesces rule runs after writes (default 1000 ms: a run evaluates the whole cycle). */
  rulesDebounceMs?: number;
  /** Evaluate on the main thread instead of a worker (one-off scripts). */
  evaluateInProcess?: boolean;
  /** Sign-in attempts allowed per window (default 10 per 15 min per IP and login; see sign-in-limits.ts). */
  signInLimits?: Partial<SignInLimits>;
  /**
   * Fastify's `trustProxy` (true, or the proxies' addresses/CIDRs): behind a reverse proxy the client
   * IP then comes from X-Forwarded-For, so sign-in limits count per real client, not per proxy.
   */
  trustProxy?: boolean | string;
}

export const DEFAULT_BODY_LIMIT = 1024 * 1024;

/** Builds the reference host's HTTP app; the caller listens (tests on 127.0.0.1 port 0). */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const bodyLimit = deps.bodyLimit ?? DEFAULT_BODY_LIMIT;
  const app = Fastify({
    logger: deps.logger ?? false,
    bodyLimit,
    trustProxy: deps.trustProxy ?? false,
    ajv: { customOptions: { removeAdditional: false, allErrors: false } },
  });
  const now = deps.now ?? (() => new Date());
  const notifications = new StoredNotifications(deps.storage.db, now);
  const evaluator = new Evaluator(deps.evaluateInProcess === true);
  const bus = new BoardBus();
  const ctx: ServerContext = {
    db: deps.storage.db,
    dialect: deps.storage.dialect,
    now,
    today: () => now().toISOString().slice(0, 10),
    bus,
    notifications,
    evaluator,
    rules: new RulesRunner(
      deps.storage.db,
      now,
      notifications,
      evaluator,
      app.log,
      deps.rulesDebounceMs ?? 1000,
    ),
    log: app.log,
    packRoot: resolve(deps.packRoot ?? '.'),
    routes: [],
    signInLimits: { ...DEFAULT_SIGN_IN_LIMITS, ...deps.signInLimits },
  };
  app.decorate('ctx', ctx);
  await ensureInitialSettings(ctx.db, now());

  // An action POST may come without a body: treat an empty JSON body as none, then as `{}` so the
  // route's schema names any missing field instead of failing on "body must be object".
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') return done(null, undefined);
    parseJson(req, text, done);
  });
  app.addHook('preValidation', async (req) => {
    if (req.body === undefined && (req.method === 'POST' || req.method === 'PUT' || req.method === 'PATCH')) {
      req.body = {};
    }
  });

  await app.register(cookie);
  await registerRateLimit(app);
  app.decorateRequest('user', null);

  // Every API route must say who may call it; a route without `config.access` fails at start-up.
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api')) return;
    if (route.config?.access === undefined) {
      throw new Error(
        `server: route ${String(route.method)} ${route.url} declares no config.access; add one`,
      );
    }
    for (const method of [route.method].flat()) {
      if (method === 'HEAD') continue;
      ctx.routes.push({
        method,
        url: route.url,
        access: route.config.access,
        scoped: route.config.scoped === true,
      });
    }
  });

  app.addHook('onRequest', async (req) => {
    const config = req.routeOptions.config;
    if (config?.access === undefined) return;
    req.user = await userFromRequest(ctx.db, req, now());
    checkAccess(req, config.access, config.scoped === true);
  });

  app.addHook('onSend', async (req, reply) => {
    reply.header('x-content-type-options', 'nosniff');
    if (req.url.startsWith('/api')) reply.header('cache-control', 'no-store');
  });

  app.setErrorHandler(makeErrorHandler(bodyLimit));

  app.setNotFoundHandler((req, reply) => {
    reply.status(404).send(errorBody(404, 'no-route', `server: no route ${req.method} ${req.url}`));
  });

  await registerRoutes(app, ctx);

  const webDist = resolve(deps.webDist ?? join('host', 'web', 'dist'));
  if (existsSync(join(webDist, 'index.html'))) {
    await app.register(fastifyStatic, { root: webDist, wildcard: false });
    app.get('/*', (req, reply) => {
      if (req.url.startsWith('/api')) {
        return reply.status(404).send(errorBody(404, 'no-route', `server: no route GET ${req.url}`));
      }
      return reply.sendFile('index.html');
    });
  }

  app.addHook('onClose', async () => {
    ctx.rules.stop();
    await ctx.rules.idle();
    await ctx.evaluator.close();
  });
  return app;
}

declare module 'fastify' {
  interface FastifyInstance {
    ctx: ServerContext;
  }
}
