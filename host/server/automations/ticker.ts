import { automationTick as packTick, type TickResult } from '../../../plugin/automations/index.ts';
import { ifClusterLockFree } from '../cluster/advisory-lock.ts';
import type { ServerContext } from '../context.ts';
import { currentSettings } from '../services/settings-service.ts';
import { currentCycle, loadSnapshot } from '../storage/queries.ts';
import { sqlAuditFeed } from './lifecycle-events.ts';

/** One pass of the automations' clock (the pack's `automationTick`) over this host's tables. */
export async function automationTick(ctx: ServerContext): Promise<TickResult> {
  const today = ctx.today();
  return packTick(
    ctx.rules.automations,
    sqlAuditFeed(ctx.db),
    {
      snapshot: async () => {
        const cycle = await currentCycle(ctx.db, today);
        return cycle ? loadSnapshot(ctx.db, cycle) : null;
      },
      settings: async () => (await currentSettings(ctx.db)).settings,
    },
    today,
  );
}

/** Ticks every `intervalMs` on one instance of a cluster at a time; returns a stop function. */
export function startAutomationTicker(ctx: ServerContext, intervalMs: number): () => void {
  const tick = () => {
    ifClusterLockFree(ctx.db, 'automations', async () => {
      await automationTick(ctx);
    }).catch((err) => ctx.log.error(err, 'automations: tick failed'));
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
