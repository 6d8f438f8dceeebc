// First, so that nothing runs in this thread at the default priority.
import { lowerThreadPriority } from './lower-thread-priority.ts';

lowerThreadPriority();

import { parentPort } from 'node:worker_threads';
import { type CheckJob, checkFile } from './check-file.ts';
import { ImportFileError } from './import-limits.ts';
import { ImportMappingError } from './validate-rows.ts';

/** What a worker answers; errors travel as data since class identity does not cross threads. */
export type WorkerAnswer =
  | { ok: true; checked: Awaited<ReturnType<typeof checkFile>> }
  | { ok: false; file: { code: ImportFileError['code']; message: string; limit?: number } }
  | { ok: false; mapping: string[] }
  | { ok: false; crash: string };

async function answer(job: CheckJob): Promise<WorkerAnswer> {
  try {
    return { ok: true, checked: await checkFile(job) };
  } catch (e) {
    if (e instanceof ImportFileError)
      return { ok: false, file: { code: e.code, message: e.message, limit: e.limit } };
    if (e instanceof ImportMappingError) return { ok: false, mapping: e.problems };
    return { ok: false, crash: (e as Error).stack ?? String(e) };
  }
}

parentPort?.on('message', (job: CheckJob) => {
  void answer(job).then((a) => parentPort?.postMessage(a));
});
