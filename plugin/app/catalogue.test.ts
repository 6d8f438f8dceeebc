// The catalogue must name every command and query the pack exports, once: a new one without an
// action name fails here, so no host routes a use case the others do not have.
import { readdirSync } from 'node:fs';
import { CATALOGUE, commandOf } from './catalogue.ts';
import type { Command } from './command.ts';

const isCommand = (value: unknown): value is Command =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as Command).name === 'string' &&
  typeof (value as Command).run === 'function' &&
  typeof (value as Command).input === 'object';

const DIRS = ['./commands/', './queries/', '../automations/'];

/** Every exported command or query, by name, with the file that exports it. */
const exported = new Map<string, string>();
beforeAll(async () => {
  for (const dir of DIRS) {
    const url = new URL(dir, import.meta.url);
    for (const file of readdirSync(url).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))) {
      const mod = (await import(new URL(file, url).href)) as Record<string, unknown>;
      for (const value of Object.values(mod)) if (isCommand(value)) exported.set(value.name, dir + file);
    }
  }
});

describe('the catalogue of actions', () => {
  it('finds the commands and the queries', () => {
    expect(exported.size).toBeGreaterThan(60);
    expect([...exported.keys()]).toEqual(expect.arrayContaining(['objective.list', 'poolRun.list']));
  });

  it('names every exported command and query', () => {
    const named = new Set(Object.values(CATALOGUE).map((c) => c.name));
    const without = [...exported].filter(([name]) => !named.has(name)).map(([n, f]) => `${n} (${f})`);
    expect(without, 'add these to plugin/app/catalogue.ts').toEqual([]);
  });

  it('runs each command under one action name only', () => {
    const names = Object.values(CATALOGUE).map((c) => c.name);
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
    expect(names.filter((n) => !exported.has(n))).toEqual([]);
  });

  it('finds a command by its action name and nothing for other names', () => {
    expect(commandOf('poolRuns')?.name).toBe('poolRun.list');
    expect(commandOf('createKeyResult')?.name).toBe('keyResult.create');
    expect(commandOf('toString')).toBeUndefined();
    expect(commandOf('board')).toBeUndefined();
  });
});
