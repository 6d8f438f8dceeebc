import { ifClusterLockFree } from '../cluster/advisory-lock.ts';
import type { ServerContext } from '../context.ts';
import { currentSettings } from '../services/settings-service.ts';
import { currentCycle, loadSnapshot } from '../storage/queries.ts';
import { automationsAfterRules } from './after-rules.ts';

/**
 * One pass of the automations' clock: lifecycle events not yet handled (those no rules run picked
 * up), overdue escalations, due waits and steps to retry. Safe to repeat: every step has its key.
 */
export async function automationTick(ctx: ServerContext): Promise<void> {
  const today = ctx.today();
  const cycle = await currentCycle(ctx.db, today);
  const snapshot = cycle ? await loadSnapshot(ctx.db, cycle) : null;
  const executor = ctx.rules.automations;
  if (snapshot) {
    const { settings } = await currentSettings(ctx.db);
    await automationsAfterRules(executor, ctx.db, {
      fresh: [],
      digested: new Set(),
      snapshot,
      colours: [],
      settings,
      today,
    });
  }
  await executor.tick(snapshot, today);
}

/** Ticks every `intervalMs` on one instance of a cluster at a time; returns a stop function. */
export function startAutomationTicker(ctx: ServerContext, intervalMs: number): () => void {
  const tick = () => {
    ifClusterLockFree(ctx.db, 'automations', () => automationTick(ctx)).catch((err) =>
      ctx.log.error(err, 'automations: tick failed'),
    );
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
