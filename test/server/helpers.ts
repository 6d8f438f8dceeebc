import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { demoAccounts } from '../../host/demo/case-study.ts';
import { demoSeed, type SeededDemoKind } from '../../host/demo/demo-seed.ts';
import { type AppDeps, buildApp } from '../../host/server/app.ts';
import { seedIfEmpty } from '../../host/server/seed.ts';
import { dropPgSchema, openStorage, type Storage } from '../../host/server/storage/database.ts';

/** Mid-June 2026: the demo cycle is running and Q1 has ended, so the pool has a quarter. */
export const DEMO_NOW = '2026-06-15T08:00:00.000Z';

export interface TestServer {
  url: string;
  app: FastifyInstance;
  storage: Storage;
  /** Signs in a demo login and returns a client carrying its session cookie. */
  login(login: string): Promise<Client>;
  anonymous(): Client;
  close(): Promise<void>;
}

// biome-ignore lint/suspicious/noExplicitAny: test replies are read field by field, like a client would.
export type Loose = any;

export interface Reply<T = Loose> {
  status: number;
  body: T;
  headers: Headers;
}

export class Client {
  constructor(
    readonly base: string,
    public cookie: string | null = null,
  ) {}

  async request<T = Loose>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Reply<T>> {
    const init: RequestInit = { method, headers: { ...headers } };
    if (this.cookie) (init.headers as Record<string, string>).cookie = this.cookie;
    if (body !== undefined) {
      (init.headers as Record<string, string>)['content-type'] ??= 'application/json';
      init.body = typeof body === 'string' ? body : JSON.stringify(body);
    }
    const res = await fetch(this.base + path, init);
    const setCookie = res.headers.get('set-cookie');
    if (setCookie) this.cookie = setCookie.split(';')[0] ?? null;
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, body: parsed as T, headers: res.headers };
  }
  get<T = Loose>(path: string) {
    return this.request<T>('GET', path);
  }
  post<T = Loose>(path: string, body: unknown = {}) {
    return this.request<T>('POST', path, body);
  }
  put<T = Loose>(path: string, body: unknown) {
    return this.request<T>('PUT', path, body);
  }
  patch<T = Loose>(path: string, body: unknown) {
    return this.request<T>('PATCH', path, body);
  }
  delete<T = Loose>(path: string) {
    return this.request<T>('DELETE', path);
  }
}

export interface StartOptions {
  /** Seed the case-study demo (default true). */
  seed?: boolean;
  /** Which demo to seed (default `case-study`); `relative` is cut at the day of `now`. */
  demo?: SeededDemoKind;
  now?: string;
  /** Use PostgreSQL at this URL (own schema, dropped on close) instead of SQLite. */
  databaseUrl?: string;
  bodyLimit?: number;
  /** Built web shell folder to serve. */
  webDist?: string;
  /** Sign-in attempt limits (tests use a short window). */
  signInLimits?: AppDeps['signInLimits'];
  trustProxy?: AppDeps['trustProxy'];
  originPolicy?: AppDeps['originPolicy'];
  frameAncestors?: AppDeps['frameAncestors'];
}

/** Starts the real server on 127.0.0.1 port 0 with SQLite in a fresh temp dir (or a fresh PG schema). */
export async function startServer(options: StartOptions = {}): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'okr-server-'));
  const pgSchema = options.databaseUrl ? `t_${randomBytes(6).toString('hex')}` : undefined;
  const storage = await openStorage({ dataDir: dir, databaseUrl: options.databaseUrl, pgSchema }).catch(
    async (err: unknown) => {
      if (options.databaseUrl && pgSchema) await dropPgSchema(options.databaseUrl, pgSchema);
      throw err;
    },
  );
  const now = () => new Date(options.now ?? DEMO_NOW);
  if (options.seed !== false) {
    const seed = demoSeed(options.demo ?? 'case-study', now().toISOString().slice(0, 10));
    await seedIfEmpty(storage.db, seed.snapshot, demoAccounts, now(), {
      demo: true,
      baselines: seed.baselines,
    });
  }
  const app = await buildApp({
    storage,
    now,
    bodyLimit: options.bodyLimit,
    rulesDebounceMs: 10,
    ...(options.webDist ? { webDist: options.webDist } : {}),
    ...(options.signInLimits ? { signInLimits: options.signInLimits } : {}),
    ...(options.trustProxy !== undefined ? { trustProxy: options.trustProxy } : {}),
    ...(options.originPolicy ? { originPolicy: options.originPolicy } : {}),
    ...(options.frameAncestors ? { frameAncestors: options.frameAncestors } : {}),
  });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    url,
    app,
    storage,
    anonymous: () => new Client(url),
    async login(login: string) {
      const client = new Client(url);
      const account = demoAccounts.find((a) => a.login === login);
      const res = await client.post('/api/auth/login', { login, password: account?.password ?? 'x' });
      if (res.status !== 200)
        throw new Error(`test: login ${login} failed: ${res.status} ${JSON.stringify(res.body)}`);
      return client;
    },
    async close() {
      await app.close();
      await storage.close();
      if (options.databaseUrl && pgSchema) await dropPgSchema(options.databaseUrl, pgSchema);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** One demo login per role, and a second rep in the same and in another region. */
export const LOGINS = {
  admin: 'zhoulei',
  hr: 'linxue',
  strategy: 'wangjianguo',
  manager: 'chenzhiqiang', // region-east
  otherManager: 'huangweiming', // region-south
  sales: 'zhaomin', // region-east
  sameRegionSales: 'sunhao',
  otherSales: 'zhengkai', // region-south
} as const;
