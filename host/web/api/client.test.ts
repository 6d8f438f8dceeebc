import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiError } from './api-error.ts';
import { ApiClient } from './client.ts';

// A real HTTP server on loopback answering the shapes the reference host sends.
const routes: Record<string, { status: number; body?: string; type?: string }> = {
  '/api/ok': { status: 200, body: '{"hello":"world"}' },
  '/api/stale': {
    status: 409,
    body: JSON.stringify({
      statusCode: 409,
      error: 'stale-version',
      message: 'key result kr-1: your version 2 is older than the stored version 3; reload',
      current: { id: 'kr-1', version: 3 },
    }),
  },
  '/api/forbidden': {
    status: 403,
    body: JSON.stringify({
      statusCode: 403,
      error: 'forbidden',
      message: 'auth: role sales may not call POST /api/pool-runs',
    }),
  },
  '/api/crash': { status: 500, body: '<html>Internal Server Error</html>', type: 'text/html' },
  '/api/empty-404': { status: 404 },
  '/api/me': {
    status: 401,
    body: JSON.stringify({ statusCode: 401, error: 'unauthenticated', message: 'auth: sign in first' }),
  },
};

let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    const route = routes[(req.url ?? '').split('?')[0] ?? ''] ?? {
      status: 404,
      body: JSON.stringify({
        statusCode: 404,
        error: 'no-route',
        message: `server: no route ${req.method} ${req.url}`,
      }),
    };
    res.writeHead(route.status, { 'content-type': route.type ?? 'application/json' });
    res.end(route.body ?? '');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const words = (key: string) => `words(${key})`;

async function failure(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  throw new Error('expected the call to fail');
}

describe('ApiClient error mapping', () => {
  it('returns parsed JSON on success', async () => {
    const client = new ApiClient({ baseUrl: base, translate: words });
    expect(await client.get('/api/ok')).toEqual({ hello: 'world' });
  });

  it("keeps the server's message and code, and the current row of a stale write", async () => {
    const e = await failure(
      new ApiClient({ baseUrl: base, translate: words }).patch('/api/stale', { version: 2 }),
    );
    expect(e.status).toBe(409);
    expect(e.isStale).toBe(true);
    expect(e.message).toContain('your version 2 is older');
    expect(e.wordsKey).toBeNull();
    expect(e.extra.current).toEqual({ id: 'kr-1', version: 3 });
  });

  it('uses words chosen by status when the server sent no message', async () => {
    const client = new ApiClient({ baseUrl: base, translate: words });
    const crash = await failure(client.get('/api/crash'));
    expect(crash.message).toBe('words(errors.server)');
    expect(crash.message).not.toMatch(/500/);
    const missing = await failure(client.get('/api/empty-404'));
    expect(missing.message).toBe('words(errors.notFound)');
  });

  it('marks a missing endpoint so pages can say "not available"', async () => {
    const e = await failure(new ApiClient({ baseUrl: base, translate: words }).get('/api/demo-logins'));
    expect(e.isMissingEndpoint).toBe(true);
    expect(e.message).toContain('no route GET /api/demo-logins');
  });

  it('reports an unreachable server in words and tells the shell about expired sessions', async () => {
    const offline = await failure(
      new ApiClient({ baseUrl: 'http://127.0.0.1:1', translate: words }).get('/api/ok'),
    );
    expect(offline.status).toBe(0);
    expect(offline.message).toBe('words(errors.offline)');

    let signedOut = 0;
    const client = new ApiClient({ baseUrl: base, translate: words, onUnauthenticated: () => signedOut++ });
    const e = await failure(client.get('/api/me'));
    expect(e.isUnauthenticated).toBe(true);
    expect(signedOut).toBe(1);
    await failure(client.get('/api/forbidden'));
    expect(signedOut).toBe(1);
  });
});
