import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RuleFileInput } from '../engine/load-rules.ts';

/** A file could not be read or parsed; the message names the file. */
export class FileInputError extends Error {
  override readonly name = 'FileInputError';
}

/** Reads and parses a JSON file; the error names the file and says what is wrong with it. */
export async function readJson(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : String(code);
    throw new FileInputError(`${path}: cannot read the file (${reason})`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new FileInputError(`${path}: not valid JSON (${(error as Error).message})`);
  }
}

/** Reads every `*.rules.json` of a directory, sorted by name; names in messages are `dir/file`. */
export async function readRuleDir(dir: string): Promise<RuleFileInput[]> {
  const names = (await readdir(dir)).filter((name) => name.endsWith('.rules.json')).sort();
  if (names.length === 0) throw new FileInputError(`${dir}: no *.rules.json files in this directory`);
  return Promise.all(
    names.map(async (name) => {
      const path = join(dir, name);
      return { name: path, json: await readJson(path) };
    }),
  );
}
