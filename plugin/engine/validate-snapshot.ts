import snapshotSchema from '../../rules/snapshot.schema.json' with { type: 'json' };
import { fillCreationDates } from '../domain/kr-lifetime.ts';
import type { Snapshot } from '../domain/types.ts';
import { createAjv } from './ajv.ts';
import { issuesFromAjv } from './ajv-issues.ts';
import { SnapshotError } from './errors.ts';

const validate = createAjv().compile<Snapshot>(snapshotSchema);

/**
 * Checks a snapshot document against `rules/snapshot.schema.json`. A KR without `createdAt` (a
 * snapshot written before it was kept) gets the cycle start, in place (`fillCreationDates`).
 * @param source where it came from, the prefix of every message (e.g. a file name)
 * @throws SnapshotError listing every problem with its path, e.g. `keyResults[3].target`
 */
export function validateSnapshot(json: unknown, source = 'snapshot'): Snapshot {
  if (validate(json)) return fillCreationDates(json);
  throw new SnapshotError(source, issuesFromAjv(validate.errors));
}
