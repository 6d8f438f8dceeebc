import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type Server } from 'node:tls';
import { DEMO_PASSWORD } from '../../host/demo/case-study.ts';
import { LOGINS, startServer, type TestServer } from '../server/helpers.ts';

// A session cookie without Secure is sent again over plain http (a downgraded or mixed link), where
// anyone on the path reads it. Over TLS the server must mark it Secure.
const credentials = JSON.stringify({ login: LOGINS.sales, password: DEMO_PASSWORD });

const loginOver = (server: TestServer, headers: Record<string, string> = {}) =>
  fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: credentials,
  });

/** A self-signed certificate for 127.0.0.1, made with the system's openssl. */
function selfSigned(dir: string): { key: Buffer; cert: Buffer } {
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'cert.pem'),
    ],
    { stdio: 'ignore' },
  );
  return { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) };
}

describe('session cookie over TLS', () => {
  it('is Secure when a trusted proxy says the client came over https, and not over plain http', async () => {
    const server = await startServer({ trustProxy: '127.0.0.1' });
    try {
      const tls = await loginOver(server, { 'x-forwarded-proto': 'https' });
      expect(tls.status).toBe(200);
      const cookie = tls.headers.get('set-cookie') ?? '';
      expect(cookie).toMatch(/^okr_session=/);
      expect(cookie).toMatch(/; Secure/);
      expect(cookie).toMatch(/HttpOnly/);

      const plain = await loginOver(server);
      expect(plain.status).toBe(200);
      expect(plain.headers.get('set-cookie')).not.toMatch(/Secure/i);

      // Signing out over TLS clears the cookie with the same attributes.
      const out = await fetch(`${server.url}/api/auth/logout`, {
        method: 'POST',
        headers: { 'x-forwarded-proto': 'https', cookie: cookie.split(';')[0] ?? '' },
      });
      expect(out.headers.get('set-cookie')).toMatch(/; Secure/);
    } finally {
      await server.close();
    }
  });

  it('ignores X-Forwarded-Proto from a client when no proxy is trusted', async () => {
    const server = await startServer({});
    try {
      const res = await loginOver(server, { 'x-forwarded-proto': 'https' });
      expect(res.status).toBe(200);
      expect(res.headers.get('set-cookie')).not.toMatch(/Secure/i);
    } finally {
      await server.close();
    }
  });

  describe('on a direct TLS socket', () => {
    let server: TestServer;
    let tls: Server;
    let dir: string;
    let cert: Buffer;

    beforeAll(async () => {
      server = await startServer({});
      dir = mkdtempSync(join(tmpdir(), 'okr-tls-'));
      const pair = selfSigned(dir);
      cert = pair.cert;
      // TLS ends here and the decrypted socket goes to the app's own HTTP server, as with https.createServer.
      tls = createServer(pair, (socket) => server.app.server.emit('connection', socket));
      await new Promise<void>((resolve) => tls.listen(0, '127.0.0.1', resolve));
    });
    afterAll(async () => {
      await new Promise((resolve) => tls.close(resolve));
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('marks the session cookie Secure', async () => {
      const { port } = tls.address() as AddressInfo;
      const { status, setCookie } = await new Promise<{ status: number; setCookie: string[] }>(
        (resolve, reject) => {
          const req = request(
            {
              host: '127.0.0.1',
              port,
              path: '/api/auth/login',
              method: 'POST',
              ca: cert,
              headers: { 'content-type': 'application/json' },
            },
            (res) => {
              res.resume();
              res.on('end', () =>
                resolve({ status: res.statusCode ?? 0, setCookie: res.headers['set-cookie'] ?? [] }),
              );
            },
          );
          req.on('error', reject);
          req.end(credentials);
        },
      );
      expect(status).toBe(200);
      expect(setCookie).toHaveLength(1);
      expect(setCookie[0]).toMatch(/^okr_session=.*; Secure/);
    });
  });
});
