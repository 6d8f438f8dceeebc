import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export const NGINX = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((p) => {
  try {
    execFileSync(p, ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
});

/** A database of its own for one test, dropped afterwards. */
export async function freshDatabase(baseUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `okr_cluster_${randomBytes(5).toString('hex')}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: baseUrl });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface Instance {
  child: ChildProcess;
  port: number;
  base: string;
  exited: Promise<NodeJS.Signals | number | null>;
  output: () => string;
}

/** One reference-host process (`host/server/main.ts`) on `databaseUrl` and a free loopback port. */
export async function startInstance(
  databaseUrl: string,
  extraEnv: NodeJS.ProcessEnv = {},
  startMs = 90_000,
): Promise<Instance> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'okr-cluster-data-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    DATA_DIR: dataDir,
    PORT: String(port),
    LOG_LEVEL: 'error',
    TRUST_PROXY: '127.0.0.1',
    OKR_WEBHOOK_ALLOW_PRIVATE: '1',
    ...extraEnv,
  };
  if (!extraEnv.REDIS_URL) delete env.REDIS_URL;
  delete env.OKR_DEMO;
  delete env.OKR_QR_SECRET;
  delete env.OKR_SECRET_KEY;
  delete env.OKR_BUILD_WEB;
  const child = spawn(process.execPath, ['--import', 'tsx', 'host/server/main.ts'], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => {
    out += String(d);
  });
  child.stderr!.on('data', (d) => {
    out += String(d);
  });
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) =>
    child.once('exit', (code, signal) => {
      rmSync(dataDir, { recursive: true, force: true });
      resolve(signal ?? code);
    }),
  );
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`instance did not start in ${startMs} ms:\n${out}`)),
      startMs,
    );
    const poll = setInterval(() => {
      if (/listening on http:\/\/127\.0\.0\.1:\d+/.test(out)) {
        clearTimeout(timer);
        clearInterval(poll);
        resolve();
      }
    }, 50);
    void exited.then((code) => {
      clearTimeout(timer);
      clearInterval(poll);
      reject(new Error(`instance exited (${code}) before listening:\n${out}`));
    });
  });
  return { child, port, base: `http://127.0.0.1:${port}`, exited, output: () => out };
}

export async function stopInstance(instance: Instance, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (instance.child.exitCode === null && instance.child.signalCode === null) instance.child.kill(signal);
  await instance.exited;
}

export interface Nginx {
  base: string;
  port: number;
  stop(): Promise<void>;
  errorLog(): string;
}

/**
 * The shipped deploy/nginx/okr-align.conf, with the upstream servers and the listen port replaced,
 * inside a main config that keeps pid, logs and temp files in a temp folder. The test config adds
 * a response header naming the instance that answered.
 */
export async function startNginx(ports: number[]): Promise<Nginx> {
  if (!NGINX) throw new Error('cluster tests: nginx is not installed (apt-get install nginx; .ci/run does)');
  const dir = mkdtempSync(join(tmpdir(), 'okr-nginx-'));
  mkdirSync(join(dir, 'logs'));
  const port = await freePort();
  const site = readFileSync('deploy/nginx/okr-align.conf', 'utf8')
    .replace(/(?:^ *server 127\.0\.0\.1:\d+ ([^\n]*)\n)+/m, (_all, rest: string) =>
      ports.map((p) => `    server 127.0.0.1:${p} ${rest}\n`).join(''),
    )
    .replace(/listen 80;/, `listen 127.0.0.1:${port};`)
    .replace(
      /proxy_pass http:\/\/okr_align;/g,
      'proxy_pass http://okr_align; add_header X-Okr-Upstream $upstream_addr always;',
    );
  writeFileSync(join(dir, 'okr-align.conf'), site);
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']
    .map((t) => `  ${t}_temp_path ${join(dir, `${t}-temp`)};`)
    .join('\n');
  writeFileSync(
    join(dir, 'nginx.conf'),
    `daemon off;
worker_processes 1;
pid ${join(dir, 'nginx.pid')};
error_log ${join(dir, 'logs', 'error.log')} warn;
events { worker_connections 1024; }
http {
  access_log off;
${temp}
  include ${join(dir, 'okr-align.conf')};
}
`,
  );
  const child = spawn(NGINX, ['-p', dir, '-c', join(dir, 'nginx.conf')], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d) => {
    stderr += String(d);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nginx exited: ${stderr}`);
    const ok = await fetch(`${base}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) throw new Error(`nginx did not answer in 10 s: ${stderr}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    base,
    port,
    errorLog: () => readFileSync(join(dir, 'logs', 'error.log'), 'utf8'),
    stop: async () => {
      child.kill('SIGQUIT');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const PASSWORD = 'demo1234';

/** Signs a demo account in (through nginx or an instance) and returns its cookie header. */
export async function login(base: string, user: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: user, password: PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`login ${user} failed with ${res.status}: ${await res.text()}`);
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

/** The id of the cycle running today (the demo is placed in today's half year). */
export async function currentCycleId(base: string, cookie: string): Promise<string> {
  const res = await fetch(`${base}/api/cycles`, { headers: { cookie } });
  const { currentId } = (await res.json()) as { currentId: string | null };
  if (!currentId) throw new Error('no cycle in the demo');
  return currentId;
}
