import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const WEB = fileURLToPath(new URL('.', import.meta.url));
const REPO = fileURLToPath(new URL('../..', import.meta.url));
/** Where the built shell goes; the server serves this folder. */
export const WEB_DIST = join(WEB, 'dist');

/** Source folders the shell is built from (its own and the pack parts it bundles). */
const SOURCES = [WEB, join(REPO, 'widgets'), join(REPO, 'forms'), join(REPO, 'plugin'), join(REPO, 'rules')];
const SKIP = new Set(['node_modules', 'dist', 'gallery']);

function newestMtime(dir: string): number {
  let newest = 0;
  if (!existsSync(dir)) return newest;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (SKIP.has(entry.name) || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(path));
    else if (/\.(tsx?|json|html|css)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) {
      newest = Math.max(newest, statSync(path).mtimeMs);
    }
  }
  return newest;
}

/** True when host/web/dist is missing or older than any source it is built from. */
export function webBuildIsStale(): boolean {
  const index = join(WEB_DIST, 'index.html');
  if (!existsSync(index)) return true;
  const built = statSync(index).mtimeMs;
  return SOURCES.some((dir) => newestMtime(dir) > built);
}

/**
 * Builds the web shell with Vite's JS API into host/web/dist when it is missing or older than its
 * sources, and returns the dist path. Safe to call on every start: an up-to-date build is kept.
 */
export async function ensureWebBuilt(options: { force?: boolean; quiet?: boolean } = {}): Promise<string> {
  if (!options.force && !webBuildIsStale()) return WEB_DIST;
  const { build } = await import('vite');
  try {
    await build({
      configFile: join(WEB, 'vite.config.ts'),
      logLevel: options.quiet ? 'silent' : 'warn',
    });
  } catch (err) {
    throw new Error(
      `web: building the shell into ${WEB_DIST} failed: ${err instanceof Error ? err.message : String(err)}; run "npx vite build -c host/web/vite.config.ts" to see the details`,
    );
  }
  if (!existsSync(join(WEB_DIST, 'index.html'))) {
    throw new Error(
      `web: the build finished but ${join(WEB_DIST, 'index.html')} is missing; check host/web/vite.config.ts`,
    );
  }
  return WEB_DIST;
}
