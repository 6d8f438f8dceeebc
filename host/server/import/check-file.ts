import type { ImportKind } from '../../../plugin/app/import-fields.ts';
import { readTable } from './read-table.ts';
import {
  type ActivityPatch,
  type ColumnMapping,
  type KeyAccountPatch,
  type ValidateOptions,
  type Validation,
  validateActivities,
  validateKeyAccounts,
} from './validate-rows.ts';

/** What the parsing side needs: everything is plain data, so it can cross to a worker thread. */
export interface CheckJob {
  kind: ImportKind;
  /** Path of the uploaded file. */
  file: string;
  fileName?: string;
  sheet?: string;
  mapping: ColumnMapping;
  options: ValidateOptions;
}

export type CheckedFile =
  | { kind: 'activities'; validation: Validation<ActivityPatch> }
  | { kind: 'keyAccounts'; validation: Validation<KeyAccountPatch> };

/** Reads the file (only the mapped columns) and checks every row; writes nothing. */
export async function checkFile(job: CheckJob): Promise<CheckedFile> {
  const table = await readTable(job.file, undefined, {
    ...(job.fileName ? { fileName: job.fileName } : {}),
    ...(job.sheet ? { sheet: job.sheet } : {}),
    columns: Object.keys(job.mapping),
  });
  return job.kind === 'activities'
    ? { kind: 'activities', validation: validateActivities(table, job.mapping, job.options) }
    : { kind: 'keyAccounts', validation: validateKeyAccounts(table, job.mapping, job.options) };
}
