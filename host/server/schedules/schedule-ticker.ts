import type { DeliveryWorker } from '../notify/delivery-worker.ts';
import type { ScheduleRunner } from './schedule-runner.ts';

export const TICK_MS = 60_000;

/**
 * Whether this process runs the ticker. On unless `OKR_SCHEDULES=off`; off under a test runner
 * unless `OKR_SCHEDULES=on`, so tests with a pinned clock do not fire schedules by surprise.
 */
export function tickerEnabled(env: NodeJS.ProcessEnv): boolean {
  if (env.OKR_SCHEDULES === 'on') return true;
  if (env.OKR_SCHEDULES === 'off') return false;
  return env.NODE_ENV !== 'test' && env.VITEST === undefined;
}

/** Ticks the schedules and the delivery queue every `intervalMs`; returns a stop function. */
export function startScheduleTicker(
  runner: ScheduleRunner,
  worker: DeliveryWorker,
  log: { error(obj: unknown, msg?: string): void },
  intervalMs = TICK_MS,
): () => void {
  const tick = () => {
    runner
      .tick()
      .then(() => worker.runDue())
      .catch((err) => log.error(err, 'schedules: tick failed'));
  };
  const first = setTimeout(tick, 1_000);
  const timer = setInterval(tick, intervalMs);
  first.unref();
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
