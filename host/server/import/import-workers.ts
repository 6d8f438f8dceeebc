import { rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { CheckedFile, CheckJob } from './check-file.ts';
import { ImportFileError } from './import-limits.ts';
import type { WorkerAnswer } from './import-worker.ts';
import { ImportMappingError } from './validate-rows.ts';

/** Heap of one parsing thread: beyond it the thread dies, not the server. */
const WORKER_HEAP_MB = 256;
/** A thread left idle this long is ended, giving its memory back. */
const IDLE_MS = 15_000;

const outOfMemory = () =>
  new ImportFileError(
    'file-too-large',
    `import: reading the file needs more than ${WORKER_HEAP_MB} MB; split it`,
    WORKER_HEAP_MB * 1024 * 1024,
  );

let bundled: Promise<{ dir: string; file: string }> | null = null;

/**
 * The worker and what it imports as one CommonJS file, built once per process: a thread then starts
 * in milliseconds, with no TypeScript loader of its own (Node 20 workers do not inherit tsx's).
 */
function workerBundle(): Promise<{ dir: string; file: string }> {
  bundled ??= (async () => {
    const dir = await mkdtemp(join(tmpdir(), 'okr-import-worker-'));
    const file = join(dir, 'import-worker.cjs');
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    // Loaded here, not at the top: the web shell's jsdom tests import the server, and esbuild refuses jsdom.
    const { build } = await import('esbuild');
    await build({
      entryPoints: [fileURLToPath(new URL('./import-worker.ts', import.meta.url))],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      outfile: file,
      logLevel: 'warning',
    });
    return { dir, file };
  })();
  bundled.catch(() => {
    bundled = null;
  });
  return bundled;
}

/** One parsing thread, reused for one job after another while it is busy. */
class CheckThread {
  private readonly worker: Worker;
  private current: { resolve: (c: CheckedFile) => void; reject: (e: Error) => void } | null = null;
  private idle: NodeJS.Timeout | null = null;
  dead = false;

  constructor(
    file: string,
    private readonly onGone: (t: CheckThread) => void,
  ) {
    this.worker = new Worker(file, {
      execArgv: [],
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB, maxYoungGenerationSizeMb: 32 },
    });
    this.worker.unref();
    this.armIdle();
    this.worker.on('message', (a: WorkerAnswer) => {
      const job = this.current;
      this.current = null;
      if (!job) return;
      if (a.ok) job.resolve(a.checked);
      else if ('file' in a) job.reject(new ImportFileError(a.file.code, a.file.message, a.file.limit));
      else if ('mapping' in a) job.reject(new ImportMappingError(a.mapping));
      else job.reject(new Error(`import: the file check failed: ${a.crash}`));
    });
    this.worker.on('error', (e: Error & { code?: string }) => {
      this.current?.reject(e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? outOfMemory() : e);
      this.current = null;
    });
    this.worker.on('exit', (code) => {
      this.dead = true;
      this.current?.reject(new Error(`import: the file check stopped (exit ${code})`));
      this.current = null;
      this.onGone(this);
    });
  }

  run(job: CheckJob): Promise<CheckedFile> {
    if (this.idle) clearTimeout(this.idle);
    return new Promise<CheckedFile>((resolve, reject) => {
      this.current = { resolve, reject };
      this.worker.postMessage(job);
    }).finally(() => this.armIdle());
  }

  private armIdle(): void {
    this.idle = setTimeout(() => {
      this.dead = true;
      this.onGone(this);
      void this.worker.terminate();
    }, IDLE_MS);
    this.idle.unref();
  }

  stop(): Promise<number> {
    return this.worker.terminate();
  }
}

/**
 * Runs file checks on worker threads, at most `maxRunning` at a time (first come, first served), so
 * parsing never holds the request thread and the number of files being read is bounded. Threads are
 * kept for the next job and ended when idle.
 */
export class ImportWorkers {
  private readonly free: CheckThread[] = [];
  private readonly all = new Set<CheckThread>();
  private readonly waiting: (() => void)[] = [];
  private running = 0;

  /** By default one core is left to the request thread: two parsers on four cores, one on two. */
  constructor(readonly maxRunning = Math.min(2, Math.max(1, availableParallelism() - 1))) {}

  /** Builds the worker ahead of the first job, while its upload arrives. */
  warm(): void {
    void workerBundle().catch(() => undefined);
  }

  async check(job: CheckJob): Promise<CheckedFile> {
    if (this.running >= this.maxRunning) await new Promise<void>((go) => this.waiting.push(go));
    this.running++;
    let thread: CheckThread | undefined;
    try {
      thread = this.free.pop() ?? this.spawn((await workerBundle()).file);
      return await thread.run(job);
    } finally {
      if (thread && !thread.dead) this.free.push(thread);
      this.running--;
      this.waiting.shift()?.();
    }
  }

  private spawn(file: string): CheckThread {
    const thread = new CheckThread(file, (gone) => {
      this.all.delete(gone);
      const i = this.free.indexOf(gone);
      if (i >= 0) this.free.splice(i, 1);
    });
    this.all.add(thread);
    return thread;
  }

  async close(): Promise<void> {
    await Promise.all([...this.all].map((t) => t.stop()));
  }
}
