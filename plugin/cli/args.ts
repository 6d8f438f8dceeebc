/** A command line split into positional arguments and `--name value` options. */
export interface ParsedArgs {
  positional: string[];
  options: Map<string, string>;
}

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Parses `--name value` and `--name=value`; every option takes a value and must be in `known`. */
export function parseArgs(argv: readonly string[], known: readonly string[]): ParsedArgs {
  const positional: string[] = [];
  const options = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
    if (!known.includes(name)) {
      throw new UsageError(`unknown option --${name} (known: ${known.map((k) => `--${k}`).join(', ')})`);
    }
    const value = eq === -1 ? argv[++i] : arg.slice(eq + 1);
    if (value === undefined || value === '' || (eq === -1 && value.startsWith('--'))) {
      throw new UsageError(`option --${name} needs a value`);
    }
    options.set(name, value);
  }
  return { positional, options };
}
