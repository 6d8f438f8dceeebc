import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { Client } from '../server/helpers.ts';
import { type RunningMain, spawnMain } from '../server/spawn-main.ts';

export interface TwoServers {
  /** Signs `login` in on server 0 or 1 (sessions live in the shared database). */
  login(server: 0 | 1, login: string): Promise<Client>;
  close(): Promise<void>;
}

/** A fresh PostgreSQL database on the server of `databaseUrl`, dropped by the returned function. */
async function freshDatabase(databaseUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `race_${randomBytes(5).toString('hex')}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(databaseUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

/**
 * Two reference-host processes (host/server/main.ts, case-study demo) on one fresh PostgreSQL
 * database: the second starts once the first has migrated and seeded it.
 */
export async function startTwoServers(databaseUrl: string): Promise<TwoServers> {
  const db = await freshDatabase(databaseUrl);
  const dirs = [0, 1].map(() => mkdtempSync(join(tmpdir(), 'okr-race-')));
  const servers: RunningMain[] = [];
  try {
    for (const dir of dirs) servers.push(await spawnMain(dir, { DATABASE_URL: db.url }));
  } catch (error) {
    for (const s of servers) s.child.kill('SIGTERM');
    await db.drop();
    throw error;
  }
  return {
    async login(server, login) {
      const client = new Client(servers[server]!.base);
      const res = await client.post('/api/auth/login', { login, password: 'demo1234' });
      if (res.status !== 200) throw new Error(`race: login ${login} failed: ${res.status}`);
      return client;
    },
    async close() {
      for (const s of servers) s.child.kill('SIGTERM');
      await Promise.all(servers.map((s) => s.exited));
      await db.drop();
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    },
  };
}
