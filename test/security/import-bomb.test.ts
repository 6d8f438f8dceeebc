import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MAX_CELL_CHARS, MAX_IMPORT_BYTES, MAX_ROWS } from '../../host/server/import/import-limits.ts';
import { type RunningMain, spawnMain } from '../server/spawn-main.ts';
import {
  hugeInlineCell,
  hugeSharedCell,
  lyingZipBomb,
  randomFile,
  rows800k,
  textFile,
  zipBomb,
} from './import-hostile-files.ts';

const RSS_LIMIT_MB = 600;
/** Every health answer during the attack: within 200 ms, or twice the slowest idle one on a machine too loaded for that. */
const HEALTH_LIMIT_MS = 200;
const MAPPING = JSON.stringify({ 销售: 'personId', 月份: 'month' });

interface Reply {
  status: number;
  code?: string;
  params?: Record<string, unknown>;
  ms: number;
}

interface Watched {
  maxRssMb: number;
  healthMaxMs: number;
  healthP99Ms: number;
  healthPolls: number;
  failures: string[];
}

/** Starts import-watch.mjs on the server; lap() gives what it saw since the last lap, stop() ends it. */
async function watch(pid: number, base: string) {
  const child = spawn(
    process.execPath,
    [fileURLToPath(new URL('./import-watch.mjs', import.meta.url)), String(pid), base],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  const lines: string[] = [];
  let partial = '';
  child.stdout.on('data', (d) => {
    const parts = (partial + String(d)).split('\n');
    partial = parts.pop() ?? '';
    lines.push(...parts);
  });
  const next = () =>
    new Promise<string>((resolve) => {
      const check = () => (lines.length > 0 ? resolve(lines.shift() as string) : setTimeout(check, 10));
      check();
    });
  const ask = async (what: 'lap' | 'stop') => {
    child.stdin.write(`${what}\n`);
    return JSON.parse(await next()) as Watched;
  };
  return { lap: () => ask('lap'), stop: () => ask('stop') };
}

describe('hostile imports against a real server process', () => {
  let main: RunningMain;
  let dataDir: string;
  const files: Record<string, Uint8Array> = {};

  beforeAll(async () => {
    // Built before the server starts, so making them does not compete with the server being measured.
    const paths = {
      rows800k: await rows800k(),
      sharedCell400mb: await hugeSharedCell(400),
      sharedCell24mb: await hugeSharedCell(24),
      inlineCell100mb: await hugeInlineCell(100),
      zipBomb: await zipBomb(),
      lyingZipBomb: await lyingZipBomb(),
      random: await randomFile(),
      text: await textFile(),
    };
    for (const [k, p] of Object.entries(paths)) files[k] = new Uint8Array(readFileSync(p));
    files.oversize = randomBytes(MAX_IMPORT_BYTES + 1);
    dataDir = mkdtempSync(join(tmpdir(), 'okr-import-bomb-'));
    main = await spawnMain(dataDir);
  }, 120_000);

  afterAll(async () => {
    main?.child.kill('SIGTERM');
    await main?.exited;
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function login(login: string): Promise<string> {
    const res = await fetch(`${main.base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login, password: 'demo1234' }),
    });
    expect(res.status).toBe(200);
    return res.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
  }

  async function upload(cookie: string, file: Uint8Array, fileName: string): Promise<Reply> {
    const form = new FormData();
    form.append('mapping', MAPPING);
    form.append('mode', 'skip-bad-rows');
    form.append('file', new Blob([file as Uint8Array<ArrayBuffer>]), fileName);
    const t = performance.now();
    const res = await fetch(`${main.base}/api/import/activities`, {
      method: 'POST',
      headers: { cookie },
      body: form,
    });
    const body = (await res.json()) as { code?: string; params?: Record<string, unknown> };
    return {
      status: res.status,
      code: body.code,
      params: body.params,
      ms: Math.round(performance.now() - t),
    };
  }

  const readBack = async (cookie: string) =>
    Promise.all(
      ['/api/activities', '/api/key-accounts'].map(async (path) =>
        (await fetch(`${main.base}${path}`, { headers: { cookie } })).json(),
      ),
    );

  it('refuses each hostile file by its cause, with memory and health in bounds, and changes no data', async () => {
    const hr = await login('linxue');
    const manager = await login('chenzhiqiang');
    const before = await readBack(hr);
    const idleRssMb =
      Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${main.child.pid}/status`, 'utf8'))?.[1]) / 1024;
    const watcher = await watch(main.child.pid as number, main.base);
    // The same polling with no import running: on a loaded machine the bound below follows it.
    await new Promise((r) => setTimeout(r, 3_000));
    const idle = await watcher.lap();

    const cases: [keyof typeof files, string, number, string, Record<string, unknown>?][] = [
      ['rows800k', 'crm.xlsx', 400, 'import-too-many-rows', { limit: MAX_ROWS }],
      ['sharedCell400mb', 'crm.xlsx', 413, 'import-file-too-large'],
      ['sharedCell24mb', 'crm.xlsx', 400, 'import-cell-too-long', { limit: MAX_CELL_CHARS }],
      ['inlineCell100mb', 'crm.xlsx', 400, 'import-cell-too-long', { limit: MAX_CELL_CHARS }],
      ['zipBomb', 'crm.xlsx', 413, 'import-file-too-large'],
      ['lyingZipBomb', 'crm.xlsx', 400, 'import-unreadable'],
      ['random', 'crm.xlsx', 400, 'import-not-a-workbook'],
      ['random', 'crm.csv', 400, 'import-not-a-workbook'],
      ['text', 'notes.txt', 400, 'import-not-a-workbook'],
      ['oversize', 'crm.csv', 413, 'import-file-too-large', { limitMb: 10 }],
    ];
    const timings: Record<string, number> = {};
    const phases: Record<string, Watched> = {};
    for (const [file, name, status, code, params] of cases) {
      const reply = await upload(manager, files[file] as Uint8Array, name);
      expect({ file, name, status: reply.status, code: reply.code }).toEqual({ file, name, status, code });
      if (params) expect(reply.params).toEqual(params);
      timings[`${file} as ${name}`] = reply.ms;
      phases[`${file} as ${name}`] = await watcher.lap();
    }

    // Six at once by one manager: two are read (and refused for their size), four are told to wait.
    const six = await Promise.all(
      Array.from({ length: 6 }, () => upload(manager, files.rows800k as Uint8Array, 'crm.xlsx')),
    );
    expect(six.map((r) => `${r.status} ${r.code}`).sort()).toEqual([
      '400 import-too-many-rows',
      '400 import-too-many-rows',
      '429 import-busy',
      '429 import-busy',
      '429 import-busy',
      '429 import-busy',
    ]);
    expect(six.find((r) => r.status === 429)?.params).toEqual({ limit: 2 });
    phases.sixAtOnce = await watcher.lap();

    // Eight at once by four people: the server takes six, the other two get 503.
    const people = await Promise.all(['linxue', 'zhoulei', 'huangweiming', 'liuyang'].map(login));
    const eight = await Promise.all(
      people.flatMap((c) => [c, c]).map((c) => upload(c, files.rows800k as Uint8Array, 'crm.xlsx')),
    );
    expect(eight.map((r) => `${r.status} ${r.code}`).sort()).toEqual([
      ...Array.from({ length: 6 }, () => '400 import-too-many-rows'),
      '503 import-server-busy',
      '503 import-server-busy',
    ]);

    phases.eightAtOnce = await watcher.stop();
    const laps = Object.values(phases);
    const seen = {
      maxRssMb: Math.max(...laps.map((l) => l.maxRssMb)),
      healthMaxMs: Math.max(...laps.map((l) => l.healthMaxMs)),
      healthPolls: laps.reduce((n, l) => n + l.healthPolls, 0),
      failures: laps.flatMap((l) => l.failures),
    };
    const healthBoundMs = Math.max(HEALTH_LIMIT_MS, 2 * idle.healthMaxMs);
    console.log(
      JSON.stringify(
        {
          idleRssMb: Math.round(idleRssMb),
          peakRssMb: Math.round(seen.maxRssMb),
          idleHealthMaxMs: Math.round(idle.healthMaxMs),
          healthBoundMs: Math.round(healthBoundMs),
          healthMaxMs: Math.round(seen.healthMaxMs),
          healthMaxMsByPhase: Object.fromEntries(
            Object.entries(phases).map(([k, l]) => [
              k,
              `${Math.round(l.healthMaxMs)} (p99 ${Math.round(l.healthP99Ms)})`,
            ]),
          ),
          healthPolls: seen.healthPolls,
          msToRefuse: timings,
          sixAtOnceMs: Math.max(...six.map((r) => r.ms)),
          eightAtOnceMs: Math.max(...eight.map((r) => r.ms)),
        },
        null,
        2,
      ),
    );
    expect([...idle.failures, ...seen.failures]).toEqual([]);
    expect(seen.maxRssMb).toBeLessThan(RSS_LIMIT_MB);
    expect(seen.healthMaxMs).toBeLessThan(healthBoundMs);
    expect(await readBack(hr)).toEqual(before);

    // And the server still imports a good file.
    const good = new TextEncoder().encode('销售,月份,拜访次数\n赵敏,2026-01,4\n');
    const form = new FormData();
    form.append('mapping', JSON.stringify({ 销售: 'personId', 月份: 'month', 拜访次数: 'clientVisits' }));
    form.append('file', new Blob([good]), 'crm.csv');
    const res = await fetch(`${main.base}/api/import/activities`, {
      method: 'POST',
      headers: { cookie: hr },
      body: form,
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ total: 1, valid: 1, issues: [] });
  }, 90_000);
});
