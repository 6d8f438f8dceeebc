import { existsSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
import { checkAccess, userFromRequest } from './auth/request-user.ts';
import { automationRoutes } from './automations/routes.ts';
import type { Cluster } from './cluster/cluster.ts';
import type { ServerContext } from './context.ts';
import { errorBody, makeErrorHandler } from './error-handler.ts';
import { type OriginPolicy, originPolicyFromEnv } from './http/origin-policy.ts';
import { registerRequestGuards } from './http/request-guards.ts';
import { registerRequestQueue } from './http/request-queue.ts';
import { frameAncestorsFromEnv } from './http/security-headers.ts';
import { customRuleRoutes } from './routes/custom-rules.ts';
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
  /** The channel shared with the other instances on the same database (host/server/cluster); none alone. */
  cluster?: Cluster | null;
  /** Origins allowed to send changes besides the server's own host (default from OKR_ALLOWED_ORIGINS). */
  originPolicy?: OriginPolicy;
  /** CSP frame-ancestors sources (default from OKR_FRAME_ANCESTORS, else 'none'). */
  frameAncestors?: string[];
}

export const DEFAULT_BODY_LIMIT = 1024 * 1024;

/** Where Vite writes the content-hashed files of the web shell (its `build.assetsDir`). */
const ASSETS_DIR = 'assets';
const IMMUTABLE = 'public, max-age=31536000, immutable';

/** True for a file under `<webDist>/assets/` (its name changes whenever its content does). */
function isHashedAsset(webDist: string, path: string): boolean {
  return path.startsWith(join(webDist, ASSETS_DIR) + sep);
}

/** Builds the reference host's HTTP app; the caller listens (tests on 127.0.0.1 port 0). */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const bodyLimit = deps.bodyLimit ?? DEFAULT_BODY_LIMIT;
  const app = Fastify({
    logger: deps.logger ?? false,
    bodyLimit,
    trustProxy: deps.trustProxy ?? false,
    ajv: { customOptions: { removeAdditional: false, allErrors: false } },
  });
  // First of all hooks: a health probe does not wait behind a round of other requests.
  registerRequestQueue(app, ['/api/health']);
  const now = deps.now ?? (() => new Date());
  const notifications = new StoredNotifications(deps.storage.db, now);
  const evaluator = new Evaluator(deps.evaluateInProcess === true);
  const bus = new BoardBus(deps.cluster);
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
      bus,
    ),
    log: app.log,
    packRoot: resolve(deps.packRoot ?? '.'),
    routes: [],
    signInLimits: { ...DEFAULT_SIGN_IN_LIMITS, ...deps.signInLimits },
  };
  app.decorate('ctx', ctx);
  // A write on one instance makes the evaluation caches of every instance stale.
  ctx.rules.onWrite = () => bus.announceDataChange();
  bus.onDataChange(() => ctx.rules.invalidate());
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
  await registerRequestGuards(app, {
    origins: deps.originPolicy ?? originPolicyFromEnv(process.env),
    frameAncestors: deps.frameAncestors ?? frameAncestorsFromEnv(process.env),
  });
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
  await automationRoutes(app, ctx);
  customRuleRoutes(app, ctx);

  const webDist = resolve(deps.webDist ?? join('host', 'web', 'dist'));
  if (existsSync(join(webDist, 'index.html'))) {
    // The build writes .br and .gz next to each asset (host/web/vite.config.ts); the one the client
    // accepts is sent. Files under assets/ carry a content hash in their name, so they never change:
    // cached for a year without asking. Everything else (index.html) is asked for again each time.
    await app.register(fastifyStatic, {
      root: webDist,
      wildcard: false,
      preCompressed: true,
      cacheControl: false,
      setHeaders: (res, path) => {
        res.setHeader('vary', 'accept-encoding');
        res.setHeader('cache-control', isHashedAsset(webDist, path) ? IMMUTABLE : 'no-cache');
      },
    });
    app.get('/*', (req, reply) => {
      if (req.url.startsWith('/api')) {
        return reply.status(404).send(errorBody(404, 'no-route', `server: no route GET ${req.url}`));
      }
      // A hashed asset that is not there (an old tab after a new build) is a 404, not the page.
      if (req.url.startsWith(`/${ASSETS_DIR}/`)) {
        return reply.status(404).send(errorBody(404, 'no-route', `server: no file GET ${req.url}`));
      }
      return reply.sendFile('index.html');
    });
  }

  app.addHook('onClose', async () => {
    bus.close();
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
