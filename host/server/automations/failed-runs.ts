import {
  countFailedRuns as countFailed,
  listFailedRuns as listFailed,
} from '../../../plugin/automations/failed-runs.ts';
import type { AutomationDocument, FailedRun } from '../../../plugin/automations/types.ts';
import type { Snapshot } from '../../../plugin/domain/types.ts';
import { sqlRecords } from '../storage/app-records.ts';
import type { Db } from '../storage/queries.ts';

export { retryFailedRun } from '../../../plugin/automations/failed-runs.ts';

/** How many steps wait for the admin (the pack's count over this host's records). */
export const countFailedRuns = (db: Db): Promise<number> => countFailed(sqlRecords(db));

/** The failed steps, newest first, in words (the pack's list over this host's records). */
export const listFailedRuns = (
  db: Db,
  document: AutomationDocument,
  org: Snapshot | null,
): Promise<FailedRun[]> => listFailed(sqlRecords(db), document, org);
