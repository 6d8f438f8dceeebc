import { requireAllowed } from '../../../plugin/app/command.ts';
import { automationTick } from './automation-executor.ts';
import type { HostAction } from './requests.ts';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** NocoBase action of the automations' executor: a tick now (the runs are the catalogue's `automationRuns`). */
export const AUTOMATION_ACTIONS: Record<string, HostAction> = {
  automationsTick: async ({ user, params: p, tables, realtime }) => {
    requireAllowed(user, 'run', { type: 'automation' }, 'automations');
    const now = () => new Date().toISOString();
    // Another day than today only for the live tests (the same switch as the port bridge).
    const today =
      process.env.OKR_ALIGN_PORT_BRIDGE === '1' && typeof p.today === 'string' && DATE.test(p.today)
        ? p.today
        : now().slice(0, 10);
    return automationTick(tables, { today: () => today, now }, { realtime });
  },
};
