import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { DemoKind } from '../../../host/demo/demo-seed.ts';
import { copyWebShell } from './web-copy.ts';

const REPO = resolve(import.meta.dirname, '..', '..', '..');
const START_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 15_000;

/** The reference host running as a child process on loopback with its own fresh data folder. */
export interface RunningServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  dataDir: string;
  /** Everything the server printed so far (for failure messages). */
  output(): string;
  /** "running", or how the process ended (for failure messages). */
  state(): string;
  stop(): Promise<void>;
  /** Stops the process and starts it again on the same port and data folder (nothing is re-seeded). */
  restart(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => (port > 0 ? done(port) : fail(new Error('e2e: could not find a free port'))));
    });
  });
}

async function healthy(url: string): Promise<boolean> {
  try {
    const res = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(5_000) });
    return res.status === 200;
  } catch {
    return false;
  }
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => child.once('exit', () => done()));
}

export interface ServerOptions {
  /**
   * The demo the server seeds (`OKR_DEMO`): the fixed case study, cycle 2026-H1, unless a journey
   * asks for `relative`, the case placed in the half year running today (what `npm start` seeds).
   */
  demo?: DemoKind;
}

/**
 * Starts `host/server/main.ts` the way `npm start` does, on 127.0.0.1 with a free port and a fresh
 * temporary DATA_DIR (so the demo is seeded), and waits until GET /api/health answers 200.
 */
export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'okr-e2e-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
  env.OKR_BUILD_WEB = '0'; // global-setup built the shell once for all files
  env.OKR_WEB_DIST = await copyWebShell(join(dataDir, 'web'));
  env.OKR_DEMO = options.demo ?? 'case-study';
  env.OKR_WEBHOOK_ALLOW_PRIVATE = '1'; // journeys' stand-in robots listen on 127.0.0.1
  delete env.DATABASE_URL;
  delete env.NODE_OPTIONS;
  let log = '';
  let child = await spawnHealthy(url, env, (text) => {
    log += text;
  });

  const kill = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      await exited(child);
      clearTimeout(timer);
    }
  };
  const stop = async () => {
    await kill();
    rmSync(dataDir, { recursive: true, force: true });
  };
  const restart = async () => {
    await kill();
    log += '\n--- restarted on the same data folder ---\n';
    child = await spawnHealthy(url, env, (text) => {
      log += text;
    });
  };
  const state = () =>
    child.exitCode === null && child.signalCode === null
      ? 'running'
      : `exited (code ${child.exitCode}, signal ${child.signalCode})`;
  return { url, dataDir, output: () => log, state, stop, restart };
}

/** Spawns the server and waits for GET /api/health; kills it and throws with its output when it fails. */
async function spawnHealthy(
  url: string,
  env: NodeJS.ProcessEnv,
  onOutput: (text: string) => void,
): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'host/server/main.ts'], {
    cwd: REPO,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const collect = (chunk: Buffer) => {
    log += chunk.toString();
    onOutput(chunk.toString());
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (!(await healthy(url))) {
    if (child.exitCode !== null || child.signalCode !== null) {
      rmSync(env.DATA_DIR ?? '', { recursive: true, force: true });
      throw new Error(`e2e: the server exited before it was healthy (code ${child.exitCode}):\n${log}`);
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      await exited(child);
      rmSync(env.DATA_DIR ?? '', { recursive: true, force: true });
      throw new Error(`e2e: GET ${url}/api/health was not 200 within ${START_TIMEOUT_MS} ms:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return child;
}
