import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Client } from '../server/helpers.ts';
import { type RunningMain, spawnMain } from '../server/spawn-main.ts';

// Databases made by released versions (test/upgrade/make-fixture.mjs), opened by this code: every row,
// settings version, overlay and audit row is still there, and the product works on it.
const FIXTURES = join(import.meta.dirname, 'fixtures');
const RELEASES = ['v0.1.0'];
// Tables a running server adds rows to by itself (rules runs, notifications, start-up bookkeeping).
const LIVE_TABLES = new Set([
  'rule_events',
  'notifications',
  'host_meta',
  'sessions',
  'kysely_migration',
  'kysely_migration_lock',
]);

type Counts = Record<string, number>;

interface Prepared {
  /** DATA_DIR of the server (the SQLite file is there). */
  dir: string;
  env: NodeJS.ProcessEnv;
  counts(): Promise<Counts>;
  drop(): Promise<void>;
}

function sqliteFixture(release: string): Prepared {
  const dir = mkdtempSync(join(tmpdir(), `okr-upgrade-${release}-`));
  const file = join(dir, 'okr-align.sqlite');
  writeFileSync(file, gunzipSync(readFileSync(join(FIXTURES, `${release}.sqlite.gz`))));
  return {
    env: {},
    async counts() {
      const db = new SQLite(file, { readonly: true });
      const tables = db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        .all() as { name: string }[];
      const out = Object.fromEntries(
        tables.map(({ name }) => [
          name,
          (db.prepare(`SELECT count(*) AS n FROM "${name}"`).get() as { n: number }).n,
        ]),
      );
      db.close();
      return out;
    },
    async drop() {
      rmSync(dir, { recursive: true, force: true });
    },
    dir,
  };
}

async function postgresFixture(release: string, serverUrl: string): Promise<Prepared> {
  const name = `okr_upgrade_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const sql = gunzipSync(readFileSync(join(FIXTURES, `${release}.postgres.sql.gz`)));
  execFileSync('psql', ['-q', '-v', 'ON_ERROR_STOP=1', url.toString()], {
    input: sql,
    stdio: ['pipe', 'ignore', 'pipe'],
  });
  const dir = mkdtempSync(join(tmpdir(), `okr-upgrade-${release}-`));
  return {
    dir,
    env: { DATABASE_URL: url.toString() },
    async counts() {
      const c = new pg.Client({ connectionString: url.toString() });
      await c.connect();
      const { rows } = await c.query<{ table_name: string }>(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'",
      );
      const out: Counts = {};
      for (const { table_name } of rows)
        out[table_name] = Number((await c.query(`SELECT count(*) AS n FROM "${table_name}"`)).rows[0].n);
      await c.end();
      return out;
    },
    async drop() {
      rmSync(dir, { recursive: true, force: true });
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

const stable = (counts: Counts) =>
  Object.fromEntries(Object.entries(counts).filter(([t]) => !LIVE_TABLES.has(t)));

const cases = RELEASES.flatMap((release) => [[release, 'sqlite'] as const, [release, 'postgres'] as const]);

describe.each(cases)('upgrade from %s on %s', (release, dialect) => {
  const skip = dialect === 'postgres' && !process.env.DATABASE_URL;
  let fixture: Prepared;
  let server: RunningMain | undefined;
  let before: Counts;

  beforeAll(async () => {
    if (skip) return;
    fixture =
      dialect === 'sqlite'
        ? sqliteFixture(release)
        : await postgresFixture(release, process.env.DATABASE_URL!);
    before = await fixture.counts();
    server = await spawnMain(fixture.dir, fixture.env);
  }, 120_000);
  afterAll(async () => {
    server?.child.kill('SIGTERM');
    await server?.exited;
    await fixture?.drop();
  });

  it.skipIf(skip)('keeps every row of every table it had', async () => {
    const after = await fixture.counts();
    const kept = Object.fromEntries(Object.keys(stable(before)).map((t) => [t, after[t]]));
    expect(kept).toEqual(stable(before));
    expect(before.key_results).toBeGreaterThan(50);
  });

  it.skipIf(skip)(
    'keeps the settings versions, the HR overlay and its custom value, and the audit rows',
    async () => {
      const hr = new Client(server!.base);
      expect((await hr.post('/api/auth/login', { login: 'linxue', password: 'demo1234' })).status).toBe(200);
      const versions = (await hr.get('/api/settings/versions')).body as { version: number; status: string }[];
      expect(versions.map((v) => [v.version, v.status]).sort()).toEqual([
        [1, 'published'],
        [2, 'published'],
      ]);
      expect((await hr.get('/api/settings')).body.settings.alignment.minScore).toBe(65);
      const overlay = (await hr.get('/api/form-overlays/key-result')).body;
      expect(JSON.stringify(overlay)).toContain('segment');
      const kr = (await hr.get('/api/key-results/kr-zhaomin-1')).body;
      expect([kr.custom, kr.evidence]).toEqual([{ segment: '储能' }, 'CRM 导出 2026-05']);
      const audit = (await hr.get('/api/audit?subjectType=link')).body as { action: string }[];
      expect(audit.map((a) => a.action)).toContain('link.update');
    },
  );

  it.skipIf(skip)('works on the upgraded data: an edit is saved, versioned and audited', async () => {
    const sales = new Client(server!.base);
    await sales.post('/api/auth/login', { login: 'zhaomin', password: 'demo1234' });
    const kr = (await sales.get('/api/key-results/kr-zhaomin-1')).body;
    const edit = await sales.patch('/api/key-results/kr-zhaomin-1', { version: kr.version, unit: '万元' });
    expect([edit.status, edit.body.version]).toEqual([200, kr.version + 1]);
    const hr = new Client(server!.base);
    await hr.post('/api/auth/login', { login: 'linxue', password: 'demo1234' });
    const audit = (await hr.get('/api/audit?subjectType=keyResult&subjectId=kr-zhaomin-1')).body as {
      action: string;
    }[];
    expect(audit.map((a) => a.action)).toContain('keyResult.update');
  });
});
