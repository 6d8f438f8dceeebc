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

/** Where the snapshot of an evaluation comes from (`EvaluateOptions.snapshotFrom`). */
export type SnapshotOrigin = 'outside' | 'storage';

/**
 * The snapshot an evaluation reads. One from outside (a file, an import, an API body) is checked
 * ({@link validateSnapshot}). One the host built from its own typed storage holds what the check
 * would find, and the check is a fifth of a 20,000-rep evaluation: it is not repeated in every
 * evaluation, only the creation dates are filled in as the check fills them.
 * @throws SnapshotError for a snapshot from outside that does not match its schema
 */
export function admitSnapshot(
  snapshot: Snapshot,
  from: SnapshotOrigin = 'outside',
  source?: string,
): Snapshot {
  if (from === 'storage') return fillCreationDates(snapshot);
  return validateSnapshot(snapshot, source);
}
