import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, DEMO_NOW } from '../../../test/server/helpers.ts';
import { caseStudySnapshot, demoAccounts } from '../../demo/case-study.ts';
import { buildApp } from '../../server/app.ts';
import { seedIfEmpty } from '../../server/seed.ts';
import { openStorage } from '../../server/storage/database.ts';
import type { PageServer } from './page-test-server.tsx';

/**
 * The reference host with the demo, evaluating in process: under jsdom `new URL()` is jsdom's and
 * Node's Worker refuses it.
 */
export async function inProcessServer(now = DEMO_NOW): Promise<PageServer> {
  const dir = mkdtempSync(join(tmpdir(), 'okr-page-'));
  const storage = await openStorage({ dataDir: dir });
  const clock = () => new Date(now);
  await seedIfEmpty(storage.db, caseStudySnapshot(), demoAccounts, clock(), { demo: true });
  const app = await buildApp({ storage, now: clock, rulesDebounceMs: 10, evaluateInProcess: true });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    url,
    async login(login: string) {
      const client = new Client(url);
      const res = await client.post('/api/auth/login', { login, password: 'demo1234' });
      if (res.status !== 200) throw new Error(`test: login ${login} failed: ${res.status}`);
      return client;
    },
    async close() {
      await app.close();
      await storage.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
