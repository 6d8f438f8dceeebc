#!/usr/bin/env node
// The package's command line: runs plugin/cli/main.ts through tsx, so no build step is needed.
import { register } from 'tsx/esm/api';

register();
const { main } = await import(new URL('../plugin/cli/main.ts', import.meta.url).href);
process.exitCode = await main(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  today: () => new Date().toISOString().slice(0, 10),
});
