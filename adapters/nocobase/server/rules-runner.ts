/** How often the rules run without any write (as the reference host's schedule hook). */
export const HOUR_MS = 60 * 60 * 1000;

export interface RulesRunnerOptions {
  /** Writes closer together than this make one run (the reference host waits 1 s). */
  debounceMs?: number;
  /** Period of the unprompted runs started by `start()`. */
  everyMs?: number;
}

/**
 * Re-runs the pack's rules after committed writes and every hour, so rule events (and the NocoBase
 * workflows listening on `okr_rule_events`) follow the data without anyone calling `evaluate`.
 * Runs never overlap: `exclusive` queues them with any other recording of rule events.
 */
export interface RulesRunner {
  /** Asks for a run soon; calls within the debounce window make one run. Ignored while stopped. */
  schedule(): void;
  /** Runs `task` when no other run or recording is in progress. */
  exclusive<T>(task: () => Promise<T>): Promise<T>;
  /** Runs once soon and then every `everyMs`; undoes `stop()`. */
  start(): void;
  /** Cancels the pending run and the periodic one (app stopping: the database is about to close). */
  stop(): void;
  /** Resolves when nothing is pending or running (tests). */
  idle(): Promise<void>;
}

/**
 * @param run evaluates the current cycle and records its new rule events
 * @param logError receives a failed run's error; a failed run is not retried until the next schedule
 */
export function createRulesRunner(
  run: () => Promise<unknown>,
  logError: (error: unknown) => void,
  options: RulesRunnerOptions = {},
): RulesRunner {
  const debounceMs = options.debounceMs ?? 1000;
  const everyMs = options.everyMs ?? HOUR_MS;
  let queue: Promise<unknown> = Promise.resolve();
  let timer: ReturnType<typeof setTimeout> | null = null;
  let hourly: ReturnType<typeof setInterval> | null = null;
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
      hourly ??= setInterval(schedule, everyMs);
      // The periodic run must not keep a process alive on its own.
      hourly.unref?.();
    },
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      if (hourly) clearInterval(hourly);
      timer = null;
      hourly = null;
    },
    async idle() {
      while (timer) await new Promise((r) => setTimeout(r, debounceMs));
      await queue;
    },
  };
}
