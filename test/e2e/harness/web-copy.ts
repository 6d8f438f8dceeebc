import { cpSync, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { WEB_DIST } from '../../../host/web/build.ts';

const ATTEMPTS = 30;

/** Every file under `dir` with its size and time, as one string to compare two looks at it. */
function listing(dir: string): string {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .sort()
    .map((f) => {
      const s = statSync(join(dir, f));
      return `${f}:${s.size}:${s.mtimeMs}`;
    })
    .join('\n');
}

/** True when the copy's index.html and every asset it names are there. */
function complete(dir: string): boolean {
  const index = join(dir, 'index.html');
  if (!existsSync(index)) return false;
  const named = [...readFileSync(index, 'utf8').matchAll(/\/(assets\/[\w.-]+)/g)].map((m) => m[1] as string);
  return named.length > 0 && named.every((f) => existsSync(join(dir, f)));
}

/**
 * Copies the built shell into `target` for one server to serve (OKR_WEB_DIST). Other work in the
 * same checkout may rebuild host/web/dist while a journey runs: the server registers its files
 * once, so a rebuild would turn every later page into 404s. A copy taken while a build is writing
 * is taken again.
 */
export async function copyWebShell(target: string): Promise<string> {
  for (let attempt = 1; attempt <= ATTEMPTS; attempt += 1) {
    if (existsSync(join(WEB_DIST, 'index.html'))) {
      const before = listing(WEB_DIST);
      cpSync(WEB_DIST, target, { recursive: true, force: true });
      if (listing(WEB_DIST) === before && complete(target)) return target;
    }
    await new Promise((r) => setTimeout(r, 2_000));
  }
  throw new Error(`e2e: ${WEB_DIST} kept changing (or is not built) for ${ATTEMPTS * 2} s; nothing to serve`);
}
