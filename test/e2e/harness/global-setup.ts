import { ensureWebBuilt } from '../../../host/web/build.ts';

/** Builds the web shell once for the whole run (skipped when host/web/dist is up to date). */
export default async function setup(): Promise<void> {
  const started = Date.now();
  await ensureWebBuilt({ quiet: true });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  process.stdout.write(`e2e: web shell ready in ${seconds} s\n`);
}
