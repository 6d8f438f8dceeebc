import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type TestServer } from './helpers.ts';

describe('serving the built web shell', () => {
  const dist = mkdtempSync(join(tmpdir(), 'okr-dist-'));
  let server: TestServer;

  beforeAll(async () => {
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>OKR Align</title>');
    writeFileSync(join(dist, 'app.js'), 'console.log(1)');
    server = await startServer({ seed: false, webDist: dist });
  });
  afterAll(async () => {
    await server.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it('serves files, falls back to index.html for client routes, and keeps /api answers JSON', async () => {
    const client = server.anonymous();
    expect((await client.get('/app.js')).body).toBe('console.log(1)');
    const page = await client.get('/alignment/board');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    const api = await client.get('/api/nothing-here');
    expect(api.status).toBe(404);
    expect(api.body.error).toBe('no-route');
    expect((await client.get('/api/health')).status).toBe(200);
  });
});
