// The use-case table must name every command the pack exports: a new command without a case fails here.
import { readdirSync } from 'node:fs';
import type { Command } from '../../plugin/app/command.ts';
import { CASES } from './cases.ts';

const isCommand = (value: unknown): value is Command =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as Command).name === 'string' &&
  typeof (value as Command).run === 'function' &&
  typeof (value as Command).input === 'object';

const COMMANDS_DIR = new URL('../../plugin/app/commands/', import.meta.url);

/** Every exported command, by name, with the module that exports it (new modules included). */
const exported = new Map<string, string>();
beforeAll(async () => {
  const files = readdirSync(COMMANDS_DIR).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
  for (const file of files) {
    const mod = (await import(new URL(file, COMMANDS_DIR).href)) as Record<string, unknown>;
    for (const value of Object.values(mod)) if (isCommand(value)) exported.set(value.name, file);
  }
});

describe('the use-case table', () => {
  it('finds the pack commands', () => {
    expect(exported.size).toBeGreaterThan(40);
  });

  it('has a case for every exported command', () => {
    const covered = new Set(CASES.map((c) => c.command));
    const without = [...exported].filter(([name]) => !covered.has(name)).map(([n, p]) => `${n} (${p})`);
    expect(without, 'add these commands to test/usecases/cases.ts').toEqual([]);
  });

  it('names only commands that exist, each once', () => {
    const names = CASES.map((c) => c.command);
    expect(
      names.filter((n) => !exported.has(n)),
      'cases for no exported command',
    ).toEqual([]);
    expect(
      names.filter((n, i) => names.indexOf(n) !== i),
      'commands with two cases',
    ).toEqual([]);
  });
});
