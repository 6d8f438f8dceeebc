// HTTP client and fixtures for the live NocoBase tests (NOCOBASE_URL set; see adapters/nocobase/README.md).
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Snapshot } from '../../../plugin/domain/types.ts';
import { demoSnapshot } from './demo.ts';

export const base = process.env.NOCOBASE_URL;
const rootAccount = process.env.NOCOBASE_ACCOUNT ?? 'admin@nocobase.com';
const rootPassword = process.env.NOCOBASE_PASSWORD ?? 'admin123';

// biome-ignore lint/suspicious/noExplicitAny: API answers are JSON; the assertions check their shape.
export type Json = any;

export interface Answer<T = Json> {
  status: number;
  data: T;
  /** Pack commands put `params` (what the code's words need) and `current` (a 409's stored row) here. */
  errors?: { message: string; code?: string; params?: Json; current?: Json; detail?: Json }[];
}

/** Who calls: a token and, optionally, the NocoBase role to act in (`x-role`); null for anonymous. */
export type Caller = { token: string; role?: string } | null;

export async function signIn(account: string, password: string): Promise<string> {
  const r = await fetch(`${base}/api/auth:signIn`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-authenticator': 'basic' },
    body: JSON.stringify({ account, password }),
  });
  const token = ((await r.json()) as { data?: { token?: string } }).data?.token;
  if (!token) throw new Error(`live test: cannot sign in as ${account} (HTTP ${r.status})`);
  return token;
}

export const signInRoot = async (): Promise<Caller> => ({ token: await signIn(rootAccount, rootPassword) });

/** GET without a body, POST with one. */
export async function call<T = Json>(as: Caller, action: string, body?: unknown): Promise<Answer<T>> {
  const who: Record<string, string> = as
    ? { authorization: `Bearer ${as.token}`, ...(as.role ? { 'x-role': as.role } : {}) }
    : {};
  const r = await fetch(`${base}/api/${action}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json', ...who },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await r.text();
  const json = (text ? JSON.parse(text) : {}) as { data: T; errors?: Answer['errors'] };
  return { status: r.status, data: json.data, errors: json.errors };
}

export const q = (value: unknown) => encodeURIComponent(JSON.stringify(value));

/**
 * A NocoBase user with exactly `roles`, connected to `personId` (when given) through `okr_people.userId`.
 * Returns the user's id and a caller acting in its first role.
 */
export async function userFor(
  root: Caller,
  username: string,
  roles: string[],
  personId?: string,
): Promise<{ id: number; as: Caller }> {
  const password = 'okr-live-pass-1';
  const found = (await call(root, `users:list?filter=${q({ username })}`)).data as { id: number }[];
  let id = found[0]?.id;
  if (id === undefined) {
    id = (await call(root, 'users:create', { username, nickname: username, password, roles })).data
      .id as number;
    // NocoBase refuses tokens issued in the second of a password change (token iat is in seconds).
    await new Promise((r) => setTimeout(r, 1100));
  } else {
    await call(root, `users:update?filterByTk=${id}`, { roles });
  }
  if (personId) await call(root, `okr_people:update?filterByTk=${personId}`, { userId: id });
  return { id, as: { token: await signIn(username, password), role: roles[0] } };
}

/** The case-study demo, imported again so every run starts from the same rows (links and versions reset). */
export async function importDemo(root: Caller): Promise<Snapshot> {
  const snapshot = demoSnapshot();
  const imported = await call(root, 'okrAlign:importSnapshot', { snapshot });
  if (imported.status !== 200) throw new Error(`live test: demo import failed: ${JSON.stringify(imported)}`);
  return snapshot;
}

/**
 * Live test files share one NocoBase and re-import the demo, so they run one at a time: each holds
 * this lock (a directory keyed by the URL) from its `beforeAll` to its `afterAll`.
 */
export async function liveLock(timeoutMs = 240_000): Promise<() => void> {
  const dir = join(tmpdir(), `okr-align-live-${(base ?? '').replace(/\W+/g, '_')}.lock`);
  const started = Date.now();
  for (;;) {
    try {
      mkdirSync(dir);
      writeFileSync(join(dir, 'pid'), String(process.pid));
      return () => rmSync(dir, { recursive: true, force: true });
    } catch {
      if (holderGone(dir)) rmSync(dir, { recursive: true, force: true });
      if (Date.now() - started > timeoutMs) throw new Error(`live test: ${dir} held for ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

function holderGone(dir: string): boolean {
  try {
    process.kill(Number(readFileSync(join(dir, 'pid'), 'utf8')), 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
