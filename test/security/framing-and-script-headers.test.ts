import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { frameAncestorsFromEnv } from '../../host/server/http/security-headers.ts';
import { startServer, type TestServer } from '../server/helpers.ts';

// Issue #15: the pages came with no CSP and no frame-ancestors / X-Frame-Options, so any site could
// frame the signed-in product (clickjacking) and injected markup could run scripts.

/** The policy as directive → sources. */
function directives(csp: string | null): Record<string, string[]> {
  return Object.fromEntries(
    (csp ?? '')
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...sources]) => [name, sources]),
  );
}

function getWithHost(url: string, host: string): Promise<Record<string, string | string[] | undefined>> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { host } }, (res) => {
      res.resume();
      resolve(res.headers);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('framing and script headers', () => {
  let server: TestServer;
  let dist: string;
  beforeAll(async () => {
    dist = mkdtempSync(join(tmpdir(), 'okr-dist-'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><div id="root"></div>');
    server = await startServer({ webDist: dist });
  });
  afterAll(async () => {
    await server.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it('serves the shell with a CSP that forbids framing, inline and foreign scripts, plugins and foreign connections', async () => {
    const res = await fetch(`${server.url}/kickoff`);
    expect(res.status).toBe(200);
    const csp = directives(res.headers.get('content-security-policy'));
    const host = new URL(server.url).host;
    expect(csp['frame-ancestors']).toEqual(["'none'"]);
    expect(csp['script-src']).toContain("'self'");
    expect(csp['script-src']).not.toContain("'unsafe-inline'");
    expect(csp['script-src']?.some((s) => s.includes('*') || s.startsWith('http'))).toBe(false);
    expect(csp['script-src-attr']).toEqual(["'none'"]);
    expect(csp['object-src']).toEqual(["'none'"]);
    expect(csp['base-uri']).toEqual(["'self'"]);
    expect(csp['form-action']).toEqual(["'self'"]);
    expect(csp['default-src']).toEqual(["'self'"]);
    expect(csp['connect-src']).toEqual(["'self'", `ws://${host}`, `wss://${host}`]);
    expect(csp['img-src']).toEqual(["'self'", 'data:']);
    expect(csp['style-src']).toEqual(["'self'", "'unsafe-inline'"]);
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    // Not no-referrer: with it the browser sends `Origin: null` on the shell's own writes.
    expect(res.headers.get('referrer-policy')).toBe('same-origin');
  });

  it('sends the same headers on API answers and on refusals', async () => {
    const health = await fetch(`${server.url}/api/health`);
    const refused = await fetch(`${server.url}/api/auth/logout`, {
      method: 'POST',
      headers: { origin: 'http://evil.example' },
    });
    expect(refused.status).toBe(403);
    for (const res of [health, refused]) {
      expect(directives(res.headers.get('content-security-policy'))['frame-ancestors']).toEqual(["'none'"]);
      expect(res.headers.get('x-frame-options')).toBe('DENY');
    }
  });

  it('keeps a forged Host header out of the policy', async () => {
    const headers = await getWithHost(`${server.url}/`, 'evil.example;script-src *');
    expect(String(headers['content-security-policy'])).not.toContain('evil');
    expect(directives(String(headers['content-security-policy']))['script-src']).not.toContain('*');
  });
});

describe('framing by a configured portal', () => {
  it('allows the listed ancestors only, and drops X-Frame-Options (it cannot name them)', async () => {
    const dist = mkdtempSync(join(tmpdir(), 'okr-dist-'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><div id="root"></div>');
    const server = await startServer({
      webDist: dist,
      frameAncestors: frameAncestorsFromEnv({ OKR_FRAME_ANCESTORS: "'self' https://portal.example.com" }),
    });
    try {
      const res = await fetch(`${server.url}/`);
      expect(directives(res.headers.get('content-security-policy'))['frame-ancestors']).toEqual([
        "'self'",
        'https://portal.example.com',
      ]);
      expect(res.headers.get('x-frame-options')).toBeNull();
    } finally {
      await server.close();
      rmSync(dist, { recursive: true, force: true });
    }
  });

  it('stops at start on an OKR_FRAME_ANCESTORS entry that is not a source', () => {
    expect(frameAncestorsFromEnv({})).toEqual(["'none'"]);
    expect(frameAncestorsFromEnv({ OKR_FRAME_ANCESTORS: "'self'" })).toEqual(["'self'"]);
    expect(() => frameAncestorsFromEnv({ OKR_FRAME_ANCESTORS: 'https://ok.example; script-src *' })).toThrow(
      /OKR_FRAME_ANCESTORS entry .* is not allowed; use 'none', 'self' or origins/,
    );
  });
});
