// The use-case table against the reference host over HTTP: SQLite always, PostgreSQL when DATABASE_URL is set.
import { DATABASES } from '../app/run-as.ts';
import { referenceHostCaller } from './reference-host-caller.ts';
import { describeUseCases } from './use-case-suite.ts';

/** `command/check` → the bug that fails it today (the lead fixes them; then drop the line). */
const KNOWN_BUGS: Record<string, string> = {};

for (const [name, url] of DATABASES)
  describeUseCases({
    name: `use cases on the reference host (${name})`,
    skip: name === 'postgres' && !url,
    start: () => referenceHostCaller(url),
    knownBugs: KNOWN_BUGS,
  });
