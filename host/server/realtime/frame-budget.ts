/** How many frames one board connection may send: a token bucket, plus when refusals count as abuse. */
export interface FrameRate {
  /** Frames the bucket holds: a burst of drags and edits passes at once. */
  burst: number;
  /** Frames added back per second. */
  perSecond: number;
  /** Refused frames in a row after which the connection is closed. */
  closeAfterRefused: number;
}

export type FrameVerdict = 'ok' | 'refused' | 'abuse';

/**
 * A token bucket per connection, on real time (the server clock may be pinned in tests and demos).
 * Each non-heartbeat frame takes one token; without one it is refused, and `closeAfterRefused`
 * refusals in a row mean the client does not back off.
 */
export class FrameBudget {
  private tokens: number;
  private refusedInARow = 0;
  private last: number;

  constructor(
    private readonly rate: FrameRate,
    now = Date.now(),
  ) {
    this.tokens = rate.burst;
    this.last = now;
  }

  take(now = Date.now()): FrameVerdict {
    this.tokens = Math.min(this.rate.burst, this.tokens + ((now - this.last) / 1000) * this.rate.perSecond);
    this.last = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      this.refusedInARow = 0;
      return 'ok';
    }
    this.refusedInARow += 1;
    return this.refusedInARow >= this.rate.closeAfterRefused ? 'abuse' : 'refused';
  }
}
