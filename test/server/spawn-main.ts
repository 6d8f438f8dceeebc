import { type ChildProcess, spawn } from 'node:child_process';

export interface RunningMain {
  child: ChildProcess;
  /** `http://127.0.0.1:<port>`, as the server printed it. */
  base: string;
  /** The exit signal, else the exit code. */
  exited: Promise<NodeJS.Signals | number | null>;
}

/**
 * Starts `npm start`'s entry (host/server/main.ts) in one process with the case-study demo and SQLite
 * in `dataDir` (PostgreSQL only when `extraEnv` names a DATABASE_URL), on a free loopback port. node --import tsx, not npm, so a signal hits the server itself.
 * Resolves once it is listening.
 */
export function spawnMain(dataDir: string, extraEnv: NodeJS.ProcessEnv = {}): Promise<RunningMain> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...extraEnv,
    DATA_DIR: dataDir,
    PORT: '0',
    LOG_LEVEL: 'error',
    OKR_DEMO: 'case-study',
  };
  if (!extraEnv.DATABASE_URL) delete env.DATABASE_URL;
  const child = spawn(process.execPath, ['--import', 'tsx', 'host/server/main.ts'], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) =>
    child.once('exit', (code, signal) => resolve(signal ?? code)),
  );
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(
      () => reject(new Error(`server did not start within 60 s:\n${out}\n${err}`)),
      60_000,
    );
    child.stderr!.on('data', (d) => {
      err += String(d);
    });
    child.stdout!.on('data', (d) => {
      out += String(d);
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, base: m[1]!, exited });
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}) before listening:\n${out}\n${err}`));
    });
  });
}
