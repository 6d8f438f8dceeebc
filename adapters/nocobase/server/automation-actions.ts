import { RUN_STATUSES, type RunStatus } from '../../../plugin/automations/ports.ts';
import type { Action } from '../../../plugin/sdk/index.ts';
import { automationTick } from './automation-executor.ts';
import { listAutomationRuns } from './automation-runs.ts';
import { PackRequestError, type PackService } from './pack-service.ts';
import type { Tables } from './tables.ts';

type Params = Record<string, unknown>;

const allow = (s: PackService, action: Action) => {
  if (!s.user) throw new PackRequestError(401, 'okr-align: sign in first');
  if (!s.identity.can(action, { type: 'automation' }))
    throw new PackRequestError(403, `okr-align: role ${s.user.role} may not ${action} automations; ask HR`);
};

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** NocoBase actions of the automations' executor: the stored runs (failures shown to HR) and a tick now. */
export const AUTOMATION_ACTIONS: Record<
  string,
  (s: PackService, p: Params, tables: Tables) => Promise<unknown>
> = {
  automationRuns: async (s, p, tables) => {
    allow(s, 'read');
    const status = p.status === undefined ? undefined : String(p.status);
    if (status !== undefined && !RUN_STATUSES.includes(status as RunStatus))
      throw new PackRequestError(400, `okr-align: status must be one of ${RUN_STATUSES.join(', ')}`);
    return listAutomationRuns(tables, status as RunStatus | undefined);
  },
  automationsTick: async (s, p, tables) => {
    allow(s, 'run');
    // Another day than today only for the live tests (the same switch as the port bridge).
    const today =
      process.env.OKR_ALIGN_PORT_BRIDGE === '1' && typeof p.today === 'string' && DATE.test(p.today)
        ? p.today
        : s.now().slice(0, 10);
    return automationTick(tables, { today: () => today, now: s.now }, { realtime: s.realtime });
  },
};
