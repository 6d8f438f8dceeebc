import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import WebSocket from 'ws';
import { buildApp } from '../../host/server/app.ts';
import type { ServerMessage } from '../../host/server/realtime/protocol.ts';
import { seedIfEmpty } from '../../host/server/seed.ts';
import { dropPgSchema, openStorage, type Storage } from '../../host/server/storage/database.ts';
import { makeKeyResult } from '../../plugin/domain/test-factories.ts';
import type { KeyResult, Snapshot } from '../../plugin/domain/types.ts';

/** A small organisation: two regions, one manager and reps each, hr, strategy; two cycles (boards). */
export function fixtureSnapshot(): Snapshot {
  const kr = (
    id: string,
    ownerId: string,
    cycleId = 'c1',
    ownerType: KeyResult['ownerType'] = 'person',
  ): KeyResult =>
    makeKeyResult({
      id,
      cycleId,
      ownerType,
      ownerId,
      title: `KR ${id}`,
      target: 10,
      unit: '',
      focusTags: [],
    });
  return {
    cycle: { id: 'c1', name: '2026 H1', start: '2026-01-01', end: '2026-06-30', locked: false },
    regions: [
      { id: 'east', name: '华东' },
      { id: 'north', name: '华北' },
    ],
    people: [
      { id: 'hr', name: '人事', role: 'hr', regionId: null, managerId: null, baseBonusCents: 0 },
      { id: 'strat', name: '战略', role: 'strategy', regionId: null, managerId: null, baseBonusCents: 0 },
      { id: 'admin', name: '管理员', role: 'admin', regionId: null, managerId: null, baseBonusCents: 0 },
      {
        id: 'mgr-east',
        name: '王经理',
        role: 'manager',
        regionId: 'east',
        managerId: null,
        baseBonusCents: 0,
      },
      {
        id: 'mgr-north',
        name: '李经理',
        role: 'manager',
        regionId: 'north',
        managerId: null,
        baseBonusCents: 0,
      },
      {
        id: 'zhang',
        name: '张三',
        role: 'sales',
        regionId: 'east',
        managerId: 'mgr-east',
        baseBonusCents: 100_000,
      },
      {
        id: 'li',
        name: '李四',
        role: 'sales',
        regionId: 'east',
        managerId: 'mgr-east',
        baseBonusCents: 100_000,
      },
      {
        id: 'wang',
        name: '王五',
        role: 'sales',
        regionId: 'north',
        managerId: 'mgr-north',
        baseBonusCents: 100_000,
      },
    ],
    objectives: [
      { id: 'o1', cycleId: 'c1', title: '新能源', ownerId: 'strat', focusTags: ['new-energy'], weight: 1 },
      { id: 'o2', cycleId: 'c1', title: '高毛利', ownerId: 'strat', focusTags: ['high-margin'], weight: 1 },
    ],
    keyResults: [
      kr('kr-zhang', 'zhang'),
      kr('kr-li', 'li'),
      kr('kr-wang', 'wang'),
      kr('kr-east', 'east', 'c1', 'region'),
    ],
    checkIns: [],
    escalations: [],
    activities: [],
    keyAccounts: [],
    peerReviews: [],
  };
}

/** A second board (cycle c2) with one objective and one KR of zhang. */
async function addSecondBoard(storage: Storage): Promise<void> {
  const db = storage.db;
  await db
    .insertInto('cycles')
    .values({ id: 'c2', name: '2026 H2', start_date: '2026-07-01', end_date: '2026-12-31', locked: 0 })
    .execute();
  await db
    .insertInto('objectives')
    .values({
      id: 'o3',
      cycle_id: 'c2',
      title: '下半年',
      owner_id: 'strat',
      focus_tags: '[]',
      weight: 1,
      version: 1,
    })
    .execute();
  await db
    .insertInto('key_results')
    .values({
      id: 'kr-zhang-h2',
      cycle_id: 'c2',
      owner_type: 'person',
      owner_id: 'zhang',
      title: 'H2',
      metric: 'number',
      baseline: 0,
      target: 1,
      unit: '',
      focus_tags: '[]',
      rationale: '',
      rationale_at: null,
      evidence: '',
      confirmed_at: null,
      update_interval_days: null,
      target_history: '[]',
      created_at: '2026-07-01T00:00:00Z',
      version: 1,
    })
    .execute();
}

export const PASSWORD = 'test-password';

export interface TestServer {
  app: FastifyInstance;
  storage: Storage;
  base: string;
  wsUrl(cycleId: string, token?: string): string;
  /** Signs in and returns the Cookie header value. */
  login(login: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * kysely's Migrator, without `migrationTableSchema`, sees its tables in any schema: while another
 * test's schema exists it skips creating them in ours and then fails ("kysely_migration_lock does not
 * exist"). Creating them in our schema first (kysely's own DDL) makes parallel PostgreSQL runs safe
 * until storage passes `migrationTableSchema`.
 */
/** Migration tables of the server's migrators (storage, schedules/notify-tables.ts). */
const MIGRATION_TABLES = ['kysely_migration', 'notify_migration'];

async function prepareMigrationTables(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    for (const table of MIGRATION_TABLES) {
      await client.query(
        `CREATE TABLE IF NOT EXISTS ${schema}.${table} (name varchar(255) PRIMARY KEY, timestamp varchar(255) NOT NULL)`,
      );
      await client.query(
        `CREATE TABLE IF NOT EXISTS ${schema}.${table}_lock (id varchar(255) PRIMARY KEY, is_locked integer NOT NULL DEFAULT 0)`,
      );
    }
  } finally {
    await client.end();
  }
}

/** Storage backends to run a suite on: SQLite always, PostgreSQL too when `DATABASE_URL` is set. */
export const BACKENDS: { name: string; databaseUrl?: string }[] = [
  { name: 'sqlite' },
  ...(process.env.DATABASE_URL ? [{ name: 'postgres', databaseUrl: process.env.DATABASE_URL }] : []),
];

/** The real server on 127.0.0.1, port 0, over a fresh SQLite file (or a fresh PostgreSQL schema). */
export async function startServer(
  options: { now?: () => Date; databaseUrl?: string } = {},
): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'okr-live-'));
  const pgSchema = options.databaseUrl ? `live_${randomBytes(6).toString('hex')}` : undefined;
  if (options.databaseUrl && pgSchema) await prepareMigrationTables(options.databaseUrl, pgSchema);
  const storage = await openStorage({ dataDir: dir, databaseUrl: options.databaseUrl, pgSchema });
  const snapshot = fixtureSnapshot();
  await seedIfEmpty(
    storage.db,
    snapshot,
    snapshot.people.map((p) => ({ login: p.id, personId: p.id, password: PASSWORD })),
    new Date(),
  );
  await addSecondBoard(storage);
  const app = await buildApp({
    storage,
    ...(options.now ? { now: options.now } : {}),
    rulesDebounceMs: 60_000,
  });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  const base = address.replace('localhost', '127.0.0.1');
  return {
    app,
    storage,
    base,
    wsUrl: (cycleId, token) =>
      `${base.replace(/^http/, 'ws')}/api/boards/${cycleId}/ws${token ? `?token=${encodeURIComponent(token)}` : ''}`,
    async login(login) {
      const res = await fetch(`${base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ login, password: PASSWORD }),
      });
      if (res.status !== 200) throw new Error(`login ${login}: ${res.status} ${await res.text()}`);
      const cookie = res.headers
        .getSetCookie()
        .map((c) => c.split(';')[0])
        .join('; ');
      return cookie;
    },
    async close() {
      await app.close();
      await storage.close();
      if (options.databaseUrl && pgSchema) await dropPgSchema(options.databaseUrl, pgSchema);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A real `ws` client that records every message and lets a test wait for one. */
export class BoardClient {
  readonly messages: ServerMessage[] = [];
  private waiters: { match: (m: ServerMessage) => boolean; resolve: (m: ServerMessage) => void }[] = [];
  private counter = 0;

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const m = JSON.parse(String(data)) as ServerMessage;
      this.messages.push(m);
      this.waiters = this.waiters.filter((w) => {
        if (!w.match(m)) return true;
        w.resolve(m);
        return false;
      });
    });
  }

  /** Connects and waits for the welcome. */
  static async connect(url: string, cookie?: string): Promise<BoardClient> {
    const socket = new WebSocket(url, cookie ? { headers: { cookie } } : {});
    const client = new BoardClient(socket);
    const welcome = client.next((m) => m.type === 'welcome' || m.type === 'error');
    // When the upgrade is refused the welcome never comes; that rejection is not the test's answer.
    welcome.catch(() => undefined);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
      socket.once('unexpected-response', (_req, res) =>
        reject(new Error(`upgrade refused: ${res.statusCode}`)),
      );
    });
    await welcome;
    return client;
  }

  /** Resolves with the first message (already received or coming) that matches. */
  next<T extends ServerMessage>(match: (m: ServerMessage) => boolean, timeoutMs = 5000): Promise<T> {
    const seen = this.messages.find(match);
    if (seen) return Promise.resolve(seen as T);
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no matching message within ${timeoutMs} ms`)),
        timeoutMs,
      );
      this.waiters.push({
        match,
        resolve: (m) => {
          clearTimeout(timer);
          resolve(m as T);
        },
      });
    });
  }

  welcome(): Extract<ServerMessage, { type: 'welcome' }> {
    const w = this.messages.find((m) => m.type === 'welcome');
    if (w?.type !== 'welcome') throw new Error('no welcome');
    return w;
  }

  send(message: unknown): void {
    this.socket.send(JSON.stringify(message));
  }

  /** Sends an intent and resolves with its answer (ack, stale or error). */
  async intent(intent: unknown): Promise<ServerMessage> {
    const id = `r${++this.counter}-${Math.random().toString(36).slice(2, 8)}`;
    const answer = this.next(
      (m) => (m.type === 'ack' || m.type === 'stale' || m.type === 'error') && m.id === id,
    );
    this.send({ type: 'intent', id, intent });
    return answer;
  }

  close(): Promise<void> {
    if (this.socket.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      this.socket.once('close', () => resolve());
      this.socket.close();
    });
  }
}

/** Rejects when an HTTP upgrade is refused; resolves with the status code. */
export function upgradeStatus(url: string, cookie?: string): Promise<number> {
  return new Promise((resolve) => {
    const socket = new WebSocket(url, cookie ? { headers: { cookie } } : {});
    socket.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      socket.terminate();
    });
    socket.once('open', () => {
      resolve(101);
      socket.close();
    });
    socket.once('error', () => undefined);
  });
}
