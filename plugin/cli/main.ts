import { stat } from 'node:fs/promises';
import type { Settings } from '../domain/settings.ts';
import type { Snapshot } from '../domain/types.ts';
import { defaultRuleSet, defaultSettings } from '../engine/default-rules.ts';
import { InputError, RuleFileError, SettingsError, SnapshotError } from '../engine/errors.ts';
import { evaluate } from '../engine/evaluate.ts';
import { loadRules } from '../engine/load-rules.ts';
import { loadSettings } from '../engine/load-settings.ts';
import type { RuleSet } from '../engine/rule-types.ts';
import { validateSnapshot } from '../engine/validate-snapshot.ts';
import { parseArgs, UsageError } from './args.ts';
import { FileInputError, readJson, readRuleDir } from './read-files.ts';

/** Where the CLI writes; a test passes its own. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Today, `YYYY-MM-DD`: the default of `--at`. */
  today: () => string;
}

export const EXIT_OK = 0;
export const EXIT_INTERNAL = 1;
export const EXIT_INVALID = 2;

const USAGE = `usage:
  okr-align evaluate <snapshot.json> [--settings <file>] [--rules <dir>] [--at YYYY-MM-DD] [--quarter YYYY-Qn]
  okr-align validate <rules-dir|settings.json|rule-file.rules.json|snapshot.json>`;

const INPUT_ERRORS = [UsageError, FileInputError, InputError, SettingsError, RuleFileError, SnapshotError];

async function runEvaluate(argv: readonly string[], io: CliIo): Promise<number> {
  const { positional, options } = parseArgs(argv, ['settings', 'rules', 'at', 'quarter']);
  if (positional.length !== 1) throw new UsageError('evaluate needs exactly one snapshot file');
  const snapshotPath = positional[0]!;
  const settingsPath = options.get('settings');
  const settings: Settings =
    settingsPath === undefined ? defaultSettings() : loadSettings(await readJson(settingsPath), settingsPath);
  const rulesDir = options.get('rules');
  const rules: RuleSet = rulesDir === undefined ? defaultRuleSet() : loadRules(await readRuleDir(rulesDir));
  // evaluate validates the snapshot against its schema and names the file in every message.
  const snapshot = (await readJson(snapshotPath)) as Snapshot;
  const quarter = options.get('quarter');
  const evaluation = evaluate(snapshot, settings, options.get('at') ?? io.today(), rules, {
    source: snapshotPath,
    ...(quarter === undefined ? {} : { quarter }),
  });
  io.stdout(`${JSON.stringify(evaluation, null, 2)}\n`);
  return EXIT_OK;
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

async function runValidate(argv: readonly string[], io: CliIo): Promise<number> {
  const { positional } = parseArgs(argv, []);
  if (positional.length !== 1)
    throw new UsageError('validate needs exactly one rules directory or JSON file');
  const path = positional[0]!;
  if (await isDirectory(path)) {
    const ruleSet = loadRules(await readRuleDir(path));
    io.stdout(`ok: ${path}: ${ruleSet.files.length} rule files, ${ruleSet.rules.length} rules\n`);
    return EXIT_OK;
  }
  const json = await readJson(path);
  const document = (json ?? {}) as Record<string, unknown>;
  if (path.endsWith('.rules.json') || Array.isArray(document.rules)) {
    const ruleSet = loadRules([{ name: path, json }]);
    io.stdout(`ok: ${path}: ${ruleSet.rules.length} rules\n`);
  } else if ('keyResults' in document || 'cycle' in document) {
    validateSnapshot(json, path);
    io.stdout(`ok: ${path}: valid snapshot\n`);
  } else {
    loadSettings(json, path);
    io.stdout(`ok: ${path}: valid settings\n`);
  }
  return EXIT_OK;
}

/**
 * Runs the `okr-align` command line. Returns the exit code: 0 done, 2 invalid input (the message on
 * stderr names what is wrong), 1 an unexpected failure.
 */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === 'evaluate') return await runEvaluate(rest, io);
    if (command === 'validate') return await runValidate(rest, io);
    if (command === undefined || command === 'help' || command === '--help') {
      io.stdout(`${USAGE}\n`);
      return command === undefined ? EXIT_INVALID : EXIT_OK;
    }
    throw new UsageError(`unknown command "${command}"`);
  } catch (error) {
    if (INPUT_ERRORS.some((kind) => error instanceof kind)) {
      const message = (error as Error).message;
      io.stderr(`okr-align: ${message.includes('\n') ? `\n${message}` : message}\n`);
      if (error instanceof UsageError) io.stderr(`${USAGE}\n`);
      return EXIT_INVALID;
    }
    io.stderr(`okr-align: unexpected failure: ${(error as Error).stack ?? String(error)}\n`);
    return EXIT_INTERNAL;
  }
}
