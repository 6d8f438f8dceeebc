import { request } from 'node:http';
import { startServer, type TestServer } from '../server/helpers.ts';

// The CSP is built once per Host instead of on every request (issue #17); its text must stay the one
// helmet wrote per request before.
const policy = (socket: string) =>
  "default-src 'self';base-uri 'self';script-src 'self' 'unsafe-eval';script-src-attr 'none';" +
  "style-src 'self' 'unsafe-inline';img-src 'self' data:;font-src 'self' data:;" +
  `connect-src 'self' ${socket};object-src 'none';form-action 'self';frame-ancestors 'none'`;

function cspFor(url: string, host: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { host } }, (res) => {
      res.resume();
      resolve(res.headers['content-security-policy']);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('CSP built once per host', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({ seed: false });
  });
  afterAll(() => server.close());

  it('names each host its own WebSocket, again and again, and none for a forged Host', async () => {
    const health = `${server.url}/api/health`;
    for (let round = 0; round < 2; round++) {
      expect(await cspFor(health, 'okr.example:8443')).toBe(
        policy('ws://okr.example:8443 wss://okr.example:8443'),
      );
      expect(await cspFor(health, '[::1]:3000')).toBe(policy('ws://[::1]:3000 wss://[::1]:3000'));
      expect(await cspFor(health, 'evil.example;script-src *')).toBe(policy(''));
    }
  });

  it('sends no policy with the hashed assets, which are not documents, and one with every other reply', async () => {
    expect(await cspFor(`${server.url}/assets/index-abc123.js`, '127.0.0.1')).toBeUndefined();
    expect(await cspFor(`${server.url}/api/health`, '127.0.0.1')).toBe(
      policy('ws://127.0.0.1 wss://127.0.0.1'),
    );
    expect(await cspFor(`${server.url}/assetsx`, '127.0.0.1')).toBe(policy('ws://127.0.0.1 wss://127.0.0.1'));
  });
});
