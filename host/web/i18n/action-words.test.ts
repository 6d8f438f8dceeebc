import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { shellMessages } from './i18n.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** Every audit action the pack's commands and the host write, as the source spells it. */
function actionsWritten(): string[] {
  const found = new Set<string>();
  const dirs = [
    'plugin/app/commands',
    'plugin/automations',
    'host/server/routes',
    'host/server/realtime',
    'host/server/services',
  ];
  for (const dir of dirs) {
    for (const name of readdirSync(ROOT + dir).filter((n) => n.endsWith('.ts') && !n.endsWith('.test.ts'))) {
      const text = readFileSync(`${ROOT}${dir}/${name}`, 'utf8');
      for (const line of text.split('\n').filter((l) => /action[:,(]/.test(l) || /replace\(ctx,/.test(l)))
        for (const m of line.matchAll(/'([a-zA-Z-]+\.[a-z][a-zA-Z]*)'/g)) found.add(m[1] as string);
      // A versioned document writes `<kind>.propose` … `<kind>.rollback` (plugin/app/versioned-document.ts).
      const kind = /defineVersionedDocument[\s\S]*?kind: '([a-z]+)'/.exec(text)?.[1];
      if (kind)
        for (const step of ['propose', 'publish', 'discard', 'rollback']) found.add(`${kind}.${step}`);
      // Pool transitions are written as `pool.${action}`.
      if (/action: `pool\.\$\{action\}`/.test(text))
        for (const m of text.matchAll(/transition\('([a-z]+)'/g)) found.add(`pool.${m[1]}`);
    }
  }
  return [...found].sort();
}

const wordsOf = (lang: 'zh-CN' | 'en-US', action: string): unknown =>
  action
    .split('.')
    .reduce<unknown>(
      (node, k) => (node as Record<string, unknown> | undefined)?.[k],
      (shellMessages[lang].words as Record<string, unknown>).actions,
    );

describe('audit action words', () => {
  const actions = actionsWritten();
  it('finds the actions the commands write', () => {
    expect(actions).toEqual(expect.arrayContaining(['settings.publish', 'escalation.open', 'pool.release']));
    expect(actions.length).toBeGreaterThan(40);
  });
  it.each(actions)('%s has words in both languages', (action) => {
    expect(typeof wordsOf('zh-CN', action)).toBe('string');
    expect(typeof wordsOf('en-US', action)).toBe('string');
  });
});
