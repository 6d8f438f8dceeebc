// The use-case table against NocoBase over HTTP (NOCOBASE_URL; run by adapters/nocobase/scripts/e2e.sh).
import { base } from '../adapters/nocobase/live-client.ts';
import { nocobaseCaller } from './nocobase-caller.ts';
import { describeUseCases } from './use-case-suite.ts';

/** `command/check` → the bug that fails it today (the lead fixes them; then drop the line). */
const KNOWN_BUGS: Record<string, string> = {};

describeUseCases({
  name: 'use cases on NocoBase',
  skip: !base,
  start: nocobaseCaller,
  knownBugs: KNOWN_BUGS,
});
