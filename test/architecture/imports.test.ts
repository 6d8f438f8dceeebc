import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');
const SOURCES = ['plugin', 'host/server', 'host/web', 'adapters/nocobase/server', 'adapters/nocobase/client'];
// Tests and the in-process servers the web page tests start are not shipped code.
const SKIP = /(^|\/)(node_modules|dist)(\/|$)|\.test\.tsx?$|(in-process-test-server|page-test-server)\.tsx?$/;
/** The pack's own data beside its code: the manifest, forms and rule files. */
const PACK_DATA = /^(manifest\.json|forms\/|rules\/)/;

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (SKIP.test(relative(root, path))) return [];
    if (statSync(path).isDirectory()) return filesUnder(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

/** Every relative import of a file (type-only ones too: they tie the files as much), as absolute paths. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const found = [...text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s+'(\.{1,2}\/[^']+)'/g)];
  return found.map((m) => resolve(dirname(file), m[1] as string));
}

const files = SOURCES.flatMap((s) => filesUnder(join(root, s)));
const graph = new Map(files.map((f) => [f, importsOf(f).filter((i) => i !== f)]));
const name = (f: string) => relative(root, f);

describe('the import graph of the pack and its hosts', () => {
  it('has no cycles', () => {
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const stack: string[] = [];
    const visit = (f: string) => {
      state.set(f, 'open');
      stack.push(f);
      for (const next of graph.get(f) ?? []) {
        if (!graph.has(next)) continue;
        if (state.get(next) === 'open')
          cycles.push([...stack.slice(stack.indexOf(next)), next].map(name).join(' → '));
        else if (!state.has(next)) visit(next);
      }
      stack.pop();
      state.set(f, 'done');
    };
    for (const f of graph.keys()) if (!state.has(f)) visit(f);
    expect(cycles).toEqual([]);
  });

  it('keeps the pack free of host code, and the web shell and NocoBase client free of server code', () => {
    const crossing = [...graph].flatMap(([f, imports]) =>
      imports
        .filter((i) => {
          const from = name(f);
          const to = name(i);
          if (from.startsWith('plugin/')) return !to.startsWith('plugin/') && !PACK_DATA.test(to);
          if (from.startsWith('host/web/'))
            return to.startsWith('host/server/') || to.startsWith('adapters/');
          if (from.startsWith('adapters/nocobase/client/')) return to.startsWith('host/server/');
          return false;
        })
        .map((i) => `${name(f)} → ${name(i)}`),
    );
    expect(crossing).toEqual([]);
  });
});
