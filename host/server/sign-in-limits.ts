import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { HttpError } from './http-error.ts';

export interface AttemptLimit {
  /** Failed attempts allowed per key in one window; the next attempt is refused until the window ends. */
  max: number;
  windowMs: number;
}

/** Sign-in rate limits; server options (AppDeps.signInLimits), never fixed in a route. */
export interface SignInLimits {
  /** Password sign-in, per client IP and login. */
  password: AttemptLimit;
  /** QR sign-in, per client IP and board. */
  qr: AttemptLimit;
}

const MINUTE_MS = 60_000;

export const DEFAULT_SIGN_IN_LIMITS: SignInLimits = {
  password: { max: 10, windowMs: 15 * MINUTE_MS },
  qr: { max: 20, windowMs: 15 * MINUTE_MS },
};

/** The rate-limit plugin, on no route by itself: the sign-in routes count through `AttemptGuard`. */
export async function registerRateLimit(app: FastifyInstance): Promise<void> {
  await app.register(rateLimit, { global: false });
}

/** Keys kept locked at most; beyond it expired ones are dropped (the counts live in the plugin's LRU). */
const MAX_LOCKED_KEYS = 10_000;

/**
 * Counts failed sign-ins per client IP and `keyOf(req)` (the login, the board) in the rate-limit
 * plugin's store, and refuses every attempt of a key that used up its window with 429 `rate-limited`.
 * Only failures count, so people who sign in often, or a room of phones behind one IP, are not locked
 * out. Real time, not the server clock: tests and the demo pin that one.
 */
export class AttemptGuard {
  private readonly count: ReturnType<FastifyInstance['createRateLimit']>;
  private readonly lockedUntil = new Map<string, number>();

  constructor(
    app: FastifyInstance,
    limit: AttemptLimit,
    private readonly keyOf: (req: FastifyRequest) => string,
  ) {
    this.count = app.createRateLimit({
      max: limit.max,
      timeWindow: limit.windowMs,
      keyGenerator: (req) => this.key(req),
    });
  }

  private key(req: FastifyRequest): string {
    return `${req.ip}\u0000${this.keyOf(req)}`;
  }

  /** Throws 429 (with `Retry-After`) while the request's key is locked. */
  check(req: FastifyRequest, reply: FastifyReply): void {
    const key = this.key(req);
    const until = this.lockedUntil.get(key);
    if (until === undefined) return;
    const leftMs = until - Date.now();
    if (leftMs <= 0) {
      this.lockedUntil.delete(key);
      return;
    }
    const retryAfter = Math.ceil(leftMs / 1000);
    reply.header('retry-after', String(retryAfter));
    throw new HttpError(429, 'rate-limited', `auth: too many failed attempts; try again in ${retryAfter} s`, {
      params: { retryAfter, retryAfterMinutes: Math.ceil(retryAfter / 60) },
    });
  }

  /** Counts one failed attempt; the last one the window allows locks the key until the window ends. */
  async failed(req: FastifyRequest): Promise<void> {
    const result = await this.count(req);
    if (result.isAllowed || result.remaining > 0) return;
    if (this.lockedUntil.size >= MAX_LOCKED_KEYS) this.dropExpired();
    this.lockedUntil.set(result.key, Date.now() + result.ttl);
  }

  private dropExpired(): void {
    const now = Date.now();
    for (const [key, until] of this.lockedUntil) if (until <= now) this.lockedUntil.delete(key);
  }
}
