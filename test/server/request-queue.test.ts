/**
 * Requests take turns (host/server/http/request-queue.ts): over a real socket, a burst of slow
 * requests is served one per turn of the event loop in arrival order, and an exempt route (the
 * health probe) is answered in the poll it arrives in instead of after the whole burst.
 */
import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { registerRequestQueue } from '../../host/server/http/request-queue.ts';
import { LOGINS, startServer } from './helpers.ts';

const SLOW_MS = 10;
const BURST = 24;

function busy(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // a request's synchronous work (serialising, SQLite statements)
  }
}

async function appWith(queue: boolean): Promise<{ app: FastifyInstance; base: string }> {
  const app = Fastify();
  if (queue) registerRequestQueue(app, ['/health']);
  app.get<{ Params: { n: string } }>('/slow/:n', async (req) => {
    busy(SLOW_MS);
    return { n: Number(req.params.n) };
  });
  app.get('/health', async () => ({ ok: true }));
  await app.listen({ host: '127.0.0.1', port: 0 });
  return { app, base: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}` };
}

/** Starts a burst of slow requests, then the probe once the server is busy with them; the order they finish in. */
async function finishOrder(base: string): Promise<string[]> {
  const order: string[] = [];
  const get = (path: string) =>
    fetch(`${base}${path}`)
      .then((res) => res.text())
      .then(() => {
        order.push(path);
      });
  const burst = Array.from({ length: BURST }, (_, n) => get(`/slow/${n}`));
  // Half way through the burst's work: the probe's bytes arrive while the server is busy.
  await new Promise((resolve) => setTimeout(resolve, (BURST * SLOW_MS) / 2));
  await Promise.all([...burst, get('/health')]);
  return order;
}

let open: FastifyInstance[] = [];
afterEach(async () => {
  await Promise.all(open.map((app) => app.close()));
  open = [];
});

describe('request turns', () => {
  it('answers the exempt probe before the rest of a burst, and the burst in arrival order', async () => {
    const { app, base } = await appWith(true);
    open.push(app);
    // Warm the connections and the routes up.
    await Promise.all(Array.from({ length: BURST }, () => fetch(`${base}/health`).then((r) => r.text())));
    const order = await finishOrder(base);
    const probe = order.indexOf('/health');
    expect(probe).toBeLessThan(BURST - 4);
    const slow = order.filter((path) => path !== '/health');
    expect(slow).toEqual([...slow].sort((a, b) => Number(a.slice(6)) - Number(b.slice(6))));
  });

  it('without turns the probe waits behind the burst (what the queue is for)', async () => {
    const { app, base } = await appWith(false);
    open.push(app);
    await Promise.all(Array.from({ length: BURST }, () => fetch(`${base}/health`).then((r) => r.text())));
    const order = await finishOrder(base);
    expect(order.indexOf('/health')).toBeGreaterThanOrEqual(BURST - 2);
  });

  it('the app answers its probe and its queued routes as before', async () => {
    const server = await startServer({ seed: true });
    try {
      const admin = await server.login(LOGINS.admin);
      const [list, health, missing] = await Promise.all([
        admin.get<unknown[]>('/api/key-results?cycleId=cycle-2026-h1'),
        server.anonymous().get<{ ok: boolean }>('/api/health'),
        admin.get('/api/no-such-route'),
      ]);
      expect(list.status).toBe(200);
      expect(list.body.length).toBeGreaterThan(0);
      expect(health.status).toBe(200);
      expect(health.body.ok).toBe(true);
      expect(missing.status).toBe(404);
    } finally {
      await server.close();
    }
  });
});
