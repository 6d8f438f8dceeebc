/** The period of the unprompted runs: the hosts' schedule hook runs the rules every hour. */
export const HOUR_MS = 60 * 60 * 1000;

export interface RunSchedulerOptions {
  /** Requests closer together than this make one run. */
  debounceMs?: number;
  /** Period of the unprompted runs started by `start()`. */
  everyMs?: number;
}

/**
 * Runs a task soon after it is asked for and periodically, never two at once. The hosts run the
 * pack's rules with it (after committed writes and every hour), so rule events follow the data
 * without anyone calling `evaluate`. `exclusive` queues other work with the runs.
 */
export interface RunScheduler {
  /** Asks for a run soon; calls within the debounce window make one run. Ignored while stopped. */
  schedule(): void;
  /** Runs `task` when no other run or exclusive task is in progress. */
  exclusive<T>(task: () => Promise<T>): Promise<T>;
  /** Runs once soon and then every `everyMs`; undoes `stop()`. */
  start(): void;
  /** Cancels the pending run and the periodic one (app stopping: the database is about to close). */
  stop(): void;
  /** Resolves when nothing is pending or running (tests). */
  idle(): Promise<void>;
}

/**
 * @param run the task (e.g. evaluate the current cycle and record its new rule events)
 * @param logError receives a failed run's error; a failed run is not retried until the next schedule
 */
export function createRunScheduler(
  run: () => Promise<unknown>,
  logError: (error: unknown) => void,
  options: RunSchedulerOptions = {},
): RunScheduler {
  const debounceMs = options.debounceMs ?? 1000;
  const everyMs = options.everyMs ?? HOUR_MS;
  let queue: Promise<unknown> = Promise.resolve();
  let timer: ReturnType<typeof setTimeout> | null = null;
  let periodic: ReturnType<typeof setInterval> | null = null;
  let stopped = false;

  const exclusive = <T>(task: () => Promise<T>): Promise<T> => {
    const result = queue.then(task);
    queue = result.catch(() => undefined);
    return result;
  };

  const schedule = () => {
    if (stopped || timer) return;
    timer = setTimeout(() => {
      timer = null;
      exclusive(run).catch(logError);
    }, debounceMs);
  };

  return {
    schedule,
    exclusive,
    start() {
      stopped = false;
      schedule();
      periodic ??= setInterval(schedule, everyMs);
      // The periodic run must not keep a process alive on its own.
      (periodic as { unref?: () => void }).unref?.();
    },
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      if (periodic) clearInterval(periodic);
      timer = null;
      periodic = null;
    },
    async idle() {
      while (timer) await new Promise((r) => setTimeout(r, debounceMs));
      await queue;
    },
  };
}
