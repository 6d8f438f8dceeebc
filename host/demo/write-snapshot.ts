/** Writes the case-study snapshot next to this file: `npx tsx host/demo/write-snapshot.ts`. */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { caseStudySnapshot } from './case-study.ts';

export const SNAPSHOT_FILE = fileURLToPath(new URL('./case-study.snapshot.json', import.meta.url));

export const serialiseSnapshot = (): string => `${JSON.stringify(caseStudySnapshot(), null, 2)}\n`;

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(SNAPSHOT_FILE, serialiseSnapshot());
  console.log(`wrote ${SNAPSHOT_FILE}`);
}
