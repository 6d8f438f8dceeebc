import type { NbApplication } from '@nocobase/server';
import type { RunScheduler } from '../../../plugin/app/run-scheduler.ts';
import { type AutomationClock, automationTick } from './automation-executor.ts';
import type { ScopedRealtime } from './realtime.ts';
import type { Tables } from './tables.ts';

/** `OKR_SCHEDULE_TICK_MS` (at least 100), else one minute: the reference host's setting. */
export const automationTickMs = (env: NodeJS.ProcessEnv): number => {
  const ms = Number(env.OKR_SCHEDULE_TICK_MS);
  return Number.isFinite(ms) && ms >= 100 ? ms : 60_000;
};

/**
 * Ticks the automations (due waits, retries, lifecycle events) while the app runs, queued with the
 * rules runs so the audit cursor is read by one pass at a time. In one NocoBase process that is once;
 * with several (cluster mode) each ticks, and the run keys and compare-and-set waits still make every
 * step act once.
 */
export function registerAutomationTicker(
  plugin: { app: NbApplication; tables: Tables; realtime?: ScopedRealtime | undefined },
  rules: RunScheduler,
  clock: AutomationClock,
): void {
  let timer: ReturnType<typeof setInterval> | null = null;
  const tick = () =>
    rules
      .exclusive(() =>
        automationTick(plugin.tables, clock, {
          ...(plugin.realtime ? { realtime: plugin.realtime } : {}),
          rules,
          log: {
            error: (obj, msg) => plugin.app.log.error(`okr-align: ${msg ?? ''} ${JSON.stringify(obj)}`),
          },
        }),
      )
      .catch((error) => plugin.app.log.error(`okr-align: automations tick failed: ${String(error)}`));
  plugin.app.on('afterStart', () => {
    timer ??= setInterval(tick, automationTickMs(process.env));
    timer.unref?.();
  });
  plugin.app.on('beforeStop', () => {
    if (timer) clearInterval(timer);
    timer = null;
  });
}
