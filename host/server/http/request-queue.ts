import type { FastifyInstance } from 'fastify';

/**
 * Requests let through per turn of the event loop: a probe waits behind this many at most, and
 * replies still leave in small batches (one per turn served fewer reads per second in bench runs).
 */
const PER_TURN = 8;

/**
 * Requests take turns: their work (hooks, handler, reply) starts a few per turn of the event loop,
 * in the order they came, with the loop's I/O polled in between. Without turns, every request parsed
 * in one poll runs before the loop looks at its sockets again, so under 200 readers a health probe
 * waited behind a whole round of them (p95 85 ms, as long as the reads themselves). With turns a
 * probe exempted here is answered in the poll it arrives in; the others wait as before, in order.
 * The first few of a turn go straight through, so light traffic is timed as without turns.
 * Registered first, before any other hook.
 * @param exempt route URLs answered at once (the health probe)
 */
export function registerRequestQueue(app: FastifyInstance, exempt: readonly string[]): void {
  const skip = new Set(exempt);
  const waiting: (() => void)[] = [];
  let head = 0;
  let started = 0;
  let scheduled = false;
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(turn);
  };
  const turn = () => {
    scheduled = false;
    started = 0;
    for (; started < PER_TURN && head < waiting.length; started++) {
      const next = waiting[head]!;
      waiting[head++] = undefined as never;
      next();
    }
    if (head === waiting.length) {
      waiting.length = 0;
      head = 0;
    } else if (head >= 1024) {
      // Under load that never lets the queue empty, drop the served slots so it stays small.
      waiting.splice(0, head);
      head = 0;
    }
    // Another turn serves what waits, or only counts afresh what this one let through.
    if (waiting.length > 0 || started > 0) schedule();
  };
  app.addHook('onRequest', (req, _reply, done) => {
    if (skip.has(req.routeOptions.url ?? '')) return done();
    // Unhurried traffic goes straight through, as without turns.
    if (head === waiting.length && started < PER_TURN) {
      started += 1;
      schedule();
      return done();
    }
    waiting.push(done);
    schedule();
  });
}
