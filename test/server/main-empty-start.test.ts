import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** `npm start` with OKR_DEMO=none on a new data folder: resolves once the banner is printed. */
function startEmpty(dataDir: string): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'host/server/main.ts'], {
      env: { ...process.env, PORT: '0', DATA_DIR: dataDir, DATABASE_URL: '', OKR_DEMO: 'none' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (match && out.includes('first-run page')) resolve({ child, url: match[1]!, output: () => out });
    });
    child.stderr.on('data', (c: Buffer) => {
      out += c.toString();
    });
    child.once('exit', (code) => reject(new Error(`main.ts exited with ${code}: ${out}`)));
  });
}

describe('npm start with OKR_DEMO=none', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'okr-empty-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('seeds nothing, says how to open the first-run page, and the API asks for setup', async () => {
    const { child, url, output } = await startEmpty(dataDir);
    try {
      expect(output()).toContain(`open ${url} to run the first-run page`);
      expect(output()).not.toMatch(/seeded with|demo logins/);
      expect(await (await fetch(`${url}/api/setup`)).json()).toEqual({ needed: true, companyName: null });
      expect((await fetch(`${url}/api/demo-logins`)).status).not.toBe(500);
    } finally {
      await new Promise<void>((resolve) => {
        child.removeAllListeners('exit');
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      });
    }
  }, 120_000);
});
