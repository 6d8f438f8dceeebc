import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { get, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { startServer, type TestServer } from './helpers.ts';

/** A GET with exactly these headers (fetch would add accept-encoding and decode the body itself). */
function rawGet(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((done, fail) => {
    get(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        done({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
      res.on('error', fail);
    }).on('error', fail);
  });
}

const IMMUTABLE = 'public, max-age=31536000, immutable';

const CHUNK = `export const words = ${JSON.stringify('alignment '.repeat(400))};\n`;

describe('serving the built web shell', () => {
  const dist = mkdtempSync(join(tmpdir(), 'okr-dist-'));
  let server: TestServer;

  beforeAll(async () => {
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>OKR Align</title>');
    writeFileSync(join(dist, 'app.js'), 'console.log(1)');
    // What host/web/vite.config.ts writes: a hashed chunk with its brotli and gzip twins.
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'assets', 'index-Ab12Cd34.js'), CHUNK);
    writeFileSync(join(dist, 'assets', 'index-Ab12Cd34.js.br'), brotliCompressSync(CHUNK));
    writeFileSync(join(dist, 'assets', 'index-Ab12Cd34.js.gz'), gzipSync(CHUNK));
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

  it('sends the precompressed twin the client accepts, cached for a year under assets/', async () => {
    const url = `${server.url}/assets/index-Ab12Cd34.js`;
    const br = await rawGet(url, { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.status).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(br.headers['cache-control']).toBe(IMMUTABLE);
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(br.body.length).toBeLessThan(CHUNK.length / 4);
    expect(brotliDecompressSync(br.body).toString()).toBe(CHUNK);

    const gz = await rawGet(url, { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.headers['cache-control']).toBe(IMMUTABLE);
    expect(gunzipSync(gz.body).toString()).toBe(CHUNK);

    const plain = await rawGet(url);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers['cache-control']).toBe(IMMUTABLE);
    expect(plain.body.toString()).toBe(CHUNK);
  });

  it('has the browser ask again for index.html and every client route, and 404s a missing asset', async () => {
    for (const path of ['/', '/index.html', '/alignment/board']) {
      const page = await rawGet(`${server.url}${path}`, { 'accept-encoding': 'gzip, br' });
      expect(page.status, path).toBe(200);
      expect(page.headers['cache-control'], path).toBe('no-cache');
      expect(page.headers['content-type'], path).toMatch(/text\/html/);
    }
    // no-cache means "ask again": the answer is a 304 while the page has not changed.
    const first = await rawGet(`${server.url}/`);
    expect(first.headers.etag).toBeTruthy();
    const again = await rawGet(`${server.url}/`, { 'if-none-match': String(first.headers.etag) });
    expect(again.status).toBe(304);
    expect((await rawGet(`${server.url}/app.js`)).headers['cache-control']).toBe('no-cache');
    const gone = await rawGet(`${server.url}/assets/index-Old00000.js`, { 'accept-encoding': 'br' });
    expect(gone.status).toBe(404);
    expect(gone.headers['content-type']).toMatch(/json/);
  });
});
