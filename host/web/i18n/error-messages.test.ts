import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ERROR_PARAMS, type ErrorCode, FIELD_REASONS, THINGS } from '../../server/error-codes.ts';
import { SHELL_LANGS, shellMessages } from './i18n.ts';

const SERVER = fileURLToPath(new URL('../../server', import.meta.url));
/** Where errors are raised: the pack's use cases and the reference host. */
const SOURCES = [fileURLToPath(new URL('../../../plugin/app', import.meta.url)), SERVER];

type Tree = Record<string, unknown>;
const at = (lang: (typeof SHELL_LANGS)[number], path: string): unknown =>
  path.split('.').reduce<unknown>((node, k) => (node as Tree | undefined)?.[k], shellMessages[lang]);
const placeholders = (text: unknown) =>
  new Set([...String(text).matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1] as string));
const sorted = (s: Iterable<string>) => [...s].sort();

/** Params that words use through another param rather than directly (`limit` inside `reason`). */
const NESTED: Partial<Record<ErrorCode, string[]>> = { 'invalid-request': ['limit'] };

function serverSources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return serverSources(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('words for every server error code', () => {
  const codes = Object.keys(ERROR_PARAMS) as ErrorCode[];

  it('lists every code the server source emits', () => {
    const used = new Set<string>();
    for (const file of SOURCES.flatMap(serverSources)) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\b(?:badRequest|conflict)\(\s*'([\w-]+)'/g)) used.add(m[1] as string);
      for (const m of text.matchAll(/\b(?:new (?:HttpError|AppError)|errorBody)\(\s*\d+,\s*'([\w-]+)'/g))
        used.add(m[1] as string);
    }
    expect(used.size).toBeGreaterThan(40);
    expect(sorted([...used].filter((c) => !codes.includes(c as ErrorCode)))).toEqual([]);
  });

  it.each(SHELL_LANGS)('%s has a message for each code and no others', (lang) => {
    const messages = at(lang, 'apiErrors.codes') as Tree;
    expect(sorted(codes.filter((c) => typeof messages[c] !== 'string' || messages[c] === ''))).toEqual([]);
    expect(sorted(Object.keys(messages).filter((c) => !codes.includes(c as ErrorCode)))).toEqual([]);
  });

  it.each(codes)('%s: zh-CN and en-US use the same params, the ones the server sends', (code) => {
    const zh = placeholders(at('zh-CN', `apiErrors.codes.${code}`));
    const en = placeholders(at('en-US', `apiErrors.codes.${code}`));
    expect(sorted(en)).toEqual(sorted(zh));
    const sent: readonly string[] = ERROR_PARAMS[code];
    const needed = sent.filter((p) => !(NESTED[code] ?? []).includes(p));
    expect(sorted(zh)).toEqual(sorted(needed));
  });

  it.each(SHELL_LANGS)('%s names every thing and every field reason', (lang) => {
    for (const thing of THINGS) expect(at(lang, `apiErrors.things.${thing}`), thing).toBeTypeOf('string');
    for (const reason of FIELD_REASONS) {
      const words = at(lang, `apiErrors.reasons.${reason}`);
      expect(words, reason).toBeTypeOf('string');
      expect(sorted(placeholders(words)), reason).toEqual(
        sorted(placeholders(at('zh-CN', `apiErrors.reasons.${reason}`))),
      );
      expect(
        [...placeholders(words)].every((p) => p === 'limit'),
        reason,
      ).toBe(true);
    }
    expect(sorted(placeholders(at(lang, 'apiErrors.issue')))).toEqual(['field', 'reason']);
  });

  it.each(SHELL_LANGS)('%s words every import row problem the server reports', (lang) => {
    const server = JSON.parse(readFileSync(join(SERVER, 'import/locale/zh-CN.json'), 'utf8')) as Tree;
    const reasons = Object.keys(server)
      .filter((k) => k.startsWith('import.reason.'))
      .map((k) => k.slice('import.reason.'.length));
    expect(reasons.length).toBeGreaterThan(10);
    expect(reasons.filter((r) => typeof at(lang, `import.reasons.${r}`) !== 'string')).toEqual([]);
  });
});
