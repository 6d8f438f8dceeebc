import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type CliIo, main } from '../../plugin/cli/main.ts';
import {
  makeAlignedKeyResult,
  makeCheckIn,
  makeKeyAccount,
  makeKeyResult,
  makeObjective,
  makePerson,
  makeSnapshot,
} from '../../plugin/domain/test-factories.ts';
import alignmentRules from '../../rules/alignment.rules.json' with { type: 'json' };
import settingsDefaults from '../../rules/settings.defaults.json' with { type: 'json' };

const dir = mkdtempSync(join(tmpdir(), 'okr-align-cli-'));

function file(name: string, json: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof json === 'string' ? json : JSON.stringify(json));
  return path;
}

const snapshot = makeSnapshot({
  people: [makePerson()],
  objectives: [makeObjective()],
  keyResults: [makeAlignedKeyResult(), makeKeyResult({ id: 'kr-2' })],
  checkIns: [makeCheckIn({ value: 2 })],
  keyAccounts: [makeKeyAccount()],
});
const snapshotPath = file('snapshot.json', snapshot);

async function run(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    today: () => '2026-03-10',
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

describe('okr-align evaluate', () => {
  it('prints one JSON document with alignment, colours, events, metrics and pool', async () => {
    const { code, stdout, stderr } = await run('evaluate', snapshotPath, '--at', '2026-04-10');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(Object.keys(result)).toEqual(['alignment', 'colours', 'events', 'metrics', 'pool']);
    expect(result.pool.quarter).toBe('2026-Q1');
    expect(result.events.map((e: { type: string }) => e.type)).toContain('kr-unlinked');
  });

  it('takes the settings, the quarter and the "as of" date from options', async () => {
    const settings = structuredClone(settingsDefaults);
    settings.alignment.minScore = 0;
    const settingsPath = file('low.json', settings);
    const { code, stdout } = await run(
      'evaluate',
      snapshotPath,
      '--settings',
      settingsPath,
      '--quarter=2026-Q1',
    );
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result.events.some((e: { type: string }) => e.type === 'alignment-low')).toBe(false);
    expect(result.pool.quarter).toBe('2026-Q1');
    expect(result.metrics.map((m: { month: string }) => m.month)).toEqual(['2026-01', '2026-02', '2026-03']);
  });

  it.each([
    [
      'a snapshot missing a field',
      () => {
        const broken = structuredClone(snapshot) as unknown as { keyResults: Record<string, unknown>[] };
        delete broken.keyResults[1]!.target;
        return ['evaluate', file('broken.json', broken)];
      },
      (path: string) => `okr-align: ${path} › keyResults[1].target: required field is missing\n`,
    ],
    [
      'settings out of range',
      () => {
        const settings = structuredClone(settingsDefaults);
        settings.alerts.keyClientGapDays = 0;
        return ['evaluate', snapshotPath, '--settings', file('bad-settings.json', settings)];
      },
      (path: string) => `okr-align: ${path} › alerts.keyClientGapDays: must be at least 1 (got 0)\n`,
    ],
    [
      'a file that is not JSON',
      () => ['evaluate', file('not-json.json', '{ nope')],
      (path: string) => expect.stringMatching(new RegExp(`^okr-align: ${path}: not valid JSON \\(`)),
    ],
    [
      'a file that does not exist',
      () => ['evaluate', join(dir, 'missing.json')],
      (path: string) => `okr-align: ${path}: cannot read the file (no such file)\n`,
    ],
    [
      'a malformed --at',
      () => ['evaluate', snapshotPath, '--at', '10/04/2026'],
      () => 'okr-align: evaluate: "10/04/2026" is not a date; give the "as of" date as YYYY-MM-DD.\n',
    ],
  ])('exits 2 on %s, naming what is wrong on stderr', async (_, args, expected) => {
    const argv = args();
    const { code, stdout, stderr } = await run(...argv);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    const path = argv.at(-1)!.startsWith('/') ? argv.at(-1)! : argv[1]!;
    expect(stderr).toEqual(expected(path));
  });

  it('evaluates the case-study demo snapshot', async () => {
    const { code, stdout, stderr } = await run(
      'evaluate',
      'host/demo/case-study.snapshot.json',
      '--at',
      '2026-07-10',
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result.metrics).toHaveLength(6);
    expect(result.pool.quarter).toBe('2026-Q2');
  });

  it('exits 2 with the usage on an unknown option or command', async () => {
    const option = await run('evaluate', snapshotPath, '--when', '2026-01-01');
    expect(option.code).toBe(2);
    expect(option.stderr).toMatch(
      /^okr-align: unknown option --when \(known: --settings, --rules, --at, --quarter\)\nusage:/,
    );
    const command = await run('evaluat');
    expect(command.code).toBe(2);
    expect(command.stderr).toMatch(/^okr-align: unknown command "evaluat"\nusage:/);
  });
});

describe('okr-align validate', () => {
  it('accepts the shipped rules directory and settings', async () => {
    expect(await run('validate', 'rules')).toEqual({
      code: 0,
      stdout: 'ok: rules: 4 rule files, 9 rules\n',
      stderr: '',
    });
    expect((await run('validate', 'rules/settings.defaults.json')).stdout).toBe(
      'ok: rules/settings.defaults.json: valid settings\n',
    );
  });

  it('exits 2 on a bad rule file, naming file, rule and field', async () => {
    const broken = structuredClone(alignmentRules) as unknown as {
      rules: { conditions: { all: { path: string }[] } }[];
    };
    broken.rules[0]!.conditions.all[0]!.path = '$..[?(@.x)]';
    const path = file('alignment.rules.json', broken);
    const { code, stderr } = await run('validate', path);
    expect(code).toBe(2);
    expect(stderr).toBe(
      `okr-align: ${path} › rule "alignment-low" › conditions.all[0].path: path "$..[?(@.x)]" is not a plain property path like "$.a.b" (filters, scripts, wildcards, recursive descent and brackets are refused)\n`,
    );
  });

  it('exits 2 on settings whose weights do not add up', async () => {
    const settings = structuredClone(settingsDefaults);
    settings.alignment.weights.rationale = 30;
    const path = file('weights.json', settings);
    const { code, stderr } = await run('validate', path);
    expect(code).toBe(2);
    expect(stderr).toBe(
      `okr-align: ${path} › alignment.weights: linked 40 + focusMatch 20 + rationale 30 + managerConfirmed 15 = 105; these must add up to 100\n`,
    );
  });

  it('exits 2 on a directory without rule files', async () => {
    const { code, stderr } = await run('validate', mkdtempSync(join(tmpdir(), 'okr-align-empty-')));
    expect(code).toBe(2);
    expect(stderr).toMatch(/: no \*\.rules\.json files in this directory\n$/);
  });
});

describe('bin/okr-align.js (spawned)', () => {
  const bin = join(import.meta.dirname, '../../bin/okr-align.js');
  const spawn = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });

  it('evaluates a snapshot and exits 0', () => {
    const result = spawn('evaluate', snapshotPath, '--at', '2026-04-10');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout).alignment.perKr).toHaveLength(2);
  });

  it('exits 2 with the message on stderr for invalid input', () => {
    const result = spawn('validate', join(dir, 'missing.json'));
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(
      `okr-align: ${join(dir, 'missing.json')}: cannot read the file (no such file)\n`,
    );
  });
});
