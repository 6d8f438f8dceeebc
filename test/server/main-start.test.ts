import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Starts `host/server/main.ts` as `npm start` does and resolves with its URL and printed text. */
function start(dataDir: string): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'host/server/main.ts'], {
      env: { ...process.env, PORT: '0', DATA_DIR: dataDir, DATABASE_URL: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (match && out.includes('demo logins')) resolve({ child, url: match[1]!, output: () => out });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (c: Buffer) => {
      out += c.toString();
    });
    child.once('exit', (code) => reject(new Error(`main.ts exited with ${code}: ${out}`)));
  });
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.removeAllListeners('exit');
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

describe('npm start (host/server/main.ts)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'okr-main-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('migrates, seeds the demo on first run, serves on 127.0.0.1 and keeps data across restarts', async () => {
    const first = await start(dataDir);
    try {
      expect(first.output()).toMatch(/seeded with the case-study demo/);
      expect(first.output()).toMatch(/zhaomin\s+sales/);
      const health = await fetch(`${first.url}/api/health`);
      expect(health.status).toBe(200);
      const login = await fetch(`${first.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ login: 'zhaomin', password: 'demo1234' }),
      });
      expect(login.status).toBe(200);
      const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
      const kr = (await (
        await fetch(`${first.url}/api/key-results/kr-zhaomin-1`, { headers: { cookie } })
      ).json()) as { version: number };
      const patch = await fetch(`${first.url}/api/key-results/kr-zhaomin-1`, {
        method: 'PATCH',
        headers: { cookie, 'content-type': 'application/json' },
        body: JSON.stringify({ version: kr.version, title: 'survives a restart' }),
      });
      expect(patch.status).toBe(200);
    } finally {
      await stop(first.child);
    }

    const second = await start(dataDir);
    try {
      expect(second.output()).not.toMatch(/seeded/);
      const login = await fetch(`${second.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ login: 'zhaomin', password: 'demo1234' }),
      });
      const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
      const kr = (await (
        await fetch(`${second.url}/api/key-results/kr-zhaomin-1`, { headers: { cookie } })
      ).json()) as { title: string };
      expect(kr.title).toBe('survives a restart');
    } finally {
      await stop(second.child);
    }
  }, 90_000);
});
