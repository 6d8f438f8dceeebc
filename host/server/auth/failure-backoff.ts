/** Exponential backoff of failed attempts per key (an account, a client address). */
export interface BackoffLimit {
  /** Failures allowed before any wait; each one after that waits twice as long as the one before. */
  free: number;
  /** Wait after the first failure beyond `free`. */
  baseMs: number;
  /** Longest wait: a real user who mistypes is never locked out for more than this. */
  maxMs: number;
  /** Failures are forgotten once none came for this long. */
  resetMs: number;
}

interface Entry {
  failures: number;
  lastAt: number;
  lockedUntil: number;
}

/** Keys kept at most (a spray over many logins must not grow memory without bound). */
const MAX_KEYS = 20_000;

/**
 * Counts failures per key in memory (per process, like the rate-limit plugin's store) and answers how
 * long the key must still wait. Real time: tests and the demo pin the server clock, not this one.
 */
export class FailureBackoff {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly limit: BackoffLimit,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Milliseconds the key must still wait; 0 when it may try now. */
  waitMs(key: string): number {
    const entry = this.entries.get(key);
    return entry ? Math.max(0, entry.lockedUntil - this.clock()) : 0;
  }

  failed(key: string): void {
    const now = this.clock();
    const before = this.entries.get(key);
    const failures = before && now - before.lastAt <= this.limit.resetMs ? before.failures + 1 : 1;
    const beyond = failures - this.limit.free;
    const waitMs = beyond > 0 ? Math.min(this.limit.baseMs * 2 ** (beyond - 1), this.limit.maxMs) : 0;
    // Re-inserted, so the map's order is oldest-touched first.
    this.entries.delete(key);
    this.entries.set(key, { failures, lastAt: now, lockedUntil: now + waitMs });
    if (this.entries.size > MAX_KEYS) this.forget(now);
  }

  private forget(now: number): void {
    for (const [key, entry] of this.entries) {
      if (this.entries.size <= MAX_KEYS * 0.9) return;
      if (now - entry.lastAt > this.limit.resetMs) this.entries.delete(key);
    }
    // Still full: drop the keys touched longest ago.
    for (const key of this.entries.keys()) {
      if (this.entries.size <= MAX_KEYS * 0.9) return;
      this.entries.delete(key);
    }
  }
}
