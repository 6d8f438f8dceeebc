import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HOST_CONTRACT_VERSION } from './index.ts';

/**
 * The host contract, as declared: every exported declaration of plugin/sdk with its members. A change
 * shows up as a snapshot diff in review; bump HOST_CONTRACT_VERSION with it (major when a host or the
 * pack would break) and update the snapshot with `npx vitest run plugin/sdk -u`.
 */
function contractText(): string {
  const dir = import.meta.dirname;
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .sort();
  return files
    .map((f) => {
      const code = readFileSync(join(dir, f), 'utf8')
        .replace(/\/\*\*[\s\S]*?\*\//g, '')
        .replace(/^import [\s\S]*?from '[^']+';$/gm, '')
        .replace(/^\s*\/\/.*$/gm, '')
        .split('\n')
        .map((l) => l.trimEnd())
        .filter((l) => l.trim() !== '')
        .join('\n');
      return `// ${f}\n${code}`;
    })
    .join('\n\n');
}

describe('host contract (plugin/sdk)', () => {
  it('is the reviewed shape for its version', async () => {
    await expect(`version ${HOST_CONTRACT_VERSION}\n\n${contractText()}\n`).toMatchFileSnapshot(
      './contract.snapshot.txt',
    );
  });

  it('never imports the host', () => {
    for (const f of readdirSync(import.meta.dirname).filter((x) => x.endsWith('.ts'))) {
      expect(readFileSync(join(import.meta.dirname, f), 'utf8')).not.toMatch(/from ['"][./]*\/?host\//);
    }
  });
});
