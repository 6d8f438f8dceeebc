import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { shellMessages } from './i18n.ts';

const WEB = fileURLToPath(new URL('..', import.meta.url));

function leafKeys(node: unknown, prefix = ''): string[] {
  if (typeof node !== 'object' || node === null) return [prefix];
  return Object.entries(node).flatMap(([k, v]) => leafKeys(v, prefix ? `${prefix}.${k}` : k));
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'dist' || name === 'node_modules') return [];
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

describe('shell locale files', () => {
  const zh = new Set(leafKeys(shellMessages['zh-CN']));
  const en = new Set(leafKeys(shellMessages['en-US']));

  it('have the same keys in zh-CN and en-US', () => {
    expect([...zh].filter((k) => !en.has(k))).toEqual([]);
    expect([...en].filter((k) => !zh.has(k))).toEqual([]);
  });

  it('have every fixed key the shell uses', () => {
    const used = new Set<string>();
    for (const file of sources(WEB)) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\bt\(\s*'([a-zA-Z][\w.-]*)'/g)) used.add(m[1] as string);
      for (const m of text.matchAll(/label: '((?:nav|errors)\.[\w.-]+)'/g)) used.add(m[1] as string);
      for (const m of text.matchAll(/return '(errors\.[\w]+)'/g)) used.add(m[1] as string);
    }
    expect(used.size).toBeGreaterThan(100);
    expect([...used].filter((k) => !zh.has(k)).sort()).toEqual([]);
  });
});
