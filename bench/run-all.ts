/** Runs every `bench/*.bench.ts` in sequence, each in its own process (`npm run bench`). */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const benches = readdirSync(here)
  .filter((name) => name.endsWith('.bench.ts'))
  .sort();
let failed = 0;
for (const name of benches) {
  console.log(`\n▶ bench/${name}`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(here, name)], { stdio: 'inherit' });
  if (result.status !== 0) {
    failed += 1;
    console.error(`bench/${name} failed with exit code ${result.status}`);
  }
}
process.exitCode = failed === 0 ? 0 : 1;
