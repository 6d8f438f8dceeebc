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

/** `OKR_SCHEDULE_TICK_MS` (at least 100), else one minute. */
export function tickMsOf(env: NodeJS.ProcessEnv): number {
  const ms = Number(env.OKR_SCHEDULE_TICK_MS);
  return Number.isFinite(ms) && ms >= 100 ? ms : TICK_MS;
}

/**
 * Ticks the schedules and the delivery queue every `intervalMs`; returns a stop function.
 * `exclusive` runs a tick only where it may (one instance of a cluster at a time).
 */
export function startScheduleTicker(
  runner: ScheduleRunner,
  worker: DeliveryWorker,
  log: { error(obj: unknown, msg?: string): void },
  intervalMs = TICK_MS,
  exclusive: (tick: () => Promise<void>) => Promise<unknown> = (tick) => tick(),
): () => void {
  const tick = () => {
    exclusive(async () => {
      await runner.tick();
      await worker.runDue();
    }).catch((err) => log.error(err, 'schedules: tick failed'));
  };
  const first = setTimeout(tick, Math.min(1_000, intervalMs));
  const timer = setInterval(tick, intervalMs);
  first.unref();
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
