import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type BackoffLimit, FailureBackoff } from './auth/failure-backoff.ts';
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
  /** Password failures per account from any address (a guess spread over many addresses). */
  perAccount: BackoffLimit;
  /** Failures of any sign-in per client address over any account (a guess spread over many logins). */
  perAddress: BackoffLimit;
}

const MINUTE_MS = 60_000;

export const DEFAULT_SIGN_IN_LIMITS: SignInLimits = {
  password: { max: 10, windowMs: 15 * MINUTE_MS },
  qr: { max: 20, windowMs: 15 * MINUTE_MS },
  perAccount: { free: 10, baseMs: 1000, maxMs: 5 * MINUTE_MS, resetMs: 15 * MINUTE_MS },
  // An office shares one address: more failures pass before its waits begin.
  perAddress: { free: 30, baseMs: 1000, maxMs: 5 * MINUTE_MS, resetMs: 15 * MINUTE_MS },
};

/** The backoffs every guard of one app shares, so both password sign-ins count the same account. */
interface SharedBackoff {
  perAccount: FailureBackoff;
  perAddress: FailureBackoff;
}
const backoffOf = new WeakMap<SignInLimits, SharedBackoff>();

function sharedBackoff(limits: SignInLimits): SharedBackoff {
  let shared = backoffOf.get(limits);
  if (!shared) {
    shared = {
      perAccount: new FailureBackoff(limits.perAccount),
      perAddress: new FailureBackoff(limits.perAddress),
    };
    backoffOf.set(limits, shared);
  }
  return shared;
}

/** The rate-limit plugin, on no route by itself: the sign-in routes count through `AttemptGuard`. */
export async function registerRateLimit(app: FastifyInstance): Promise<void> {
  await app.register(rateLimit, { global: false });
}

/** Keys kept locked at most; beyond it expired ones are dropped (the counts live in the plugin's LRU). */
const MAX_LOCKED_KEYS = 10_000;

/**
 * Counts failed sign-ins per client IP and `keyOf(req)` (the login, the board) in the rate-limit
 * plugin's store, and refuses every attempt of a key that used up its window with 429 `rate-limited`.
 * Besides, failures back off exponentially per client IP over every key and, for the password limit,
 * per login over every IP (SignInLimits.perAccount / perAddress), shared by the app's guards.
 * Only failures count, so people who sign in often, or a room of phones behind one IP, are not locked
 * out. Real time, not the server clock: tests and the demo pin that one.
 */
export class AttemptGuard {
  private readonly count: ReturnType<FastifyInstance['createRateLimit']>;
  private readonly lockedUntil = new Map<string, number>();
  private readonly backoff: SharedBackoff;
  /** Whether `keyOf` names an account (the guard enforces the password limit). */
  private readonly perAccount: boolean;

  constructor(
    app: FastifyInstance,
    limit: AttemptLimit,
    private readonly keyOf: (req: FastifyRequest) => string,
  ) {
    this.backoff = sharedBackoff(app.ctx.signInLimits);
    this.perAccount = limit === app.ctx.signInLimits.password;
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
    const leftMs = Math.max(
      this.windowLeftMs(req),
      this.perAccount ? this.backoff.perAccount.waitMs(this.keyOf(req)) : 0,
      this.backoff.perAddress.waitMs(req.ip),
    );
    if (leftMs <= 0) return;
    const retryAfter = Math.ceil(leftMs / 1000);
    reply.header('retry-after', String(retryAfter));
    throw new HttpError(429, 'rate-limited', `auth: too many failed attempts; try again in ${retryAfter} s`, {
      params: { retryAfter, retryAfterMinutes: Math.ceil(retryAfter / 60) },
    });
  }

  private windowLeftMs(req: FastifyRequest): number {
    const key = this.key(req);
    const until = this.lockedUntil.get(key);
    if (until === undefined) return 0;
    const leftMs = until - Date.now();
    if (leftMs <= 0) this.lockedUntil.delete(key);
    return leftMs;
  }

  /** Counts one failed attempt; the last one the window allows locks the key until the window ends. */
  async failed(req: FastifyRequest): Promise<void> {
    if (this.perAccount) this.backoff.perAccount.failed(this.keyOf(req));
    this.backoff.perAddress.failed(req.ip);
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
