import type { AutomationEventLog } from '../../../plugin/app/ports.ts';
import type { Db } from '../storage/schema.ts';
import { eventOfRuleRow, lifecycleEventsBetween } from './lifecycle-events.ts';

/** This host's log of what automations react to: `rule_events` rows and lifecycle `audit_log` rows. */
export const sqlAutomationEventLog = (db: Db): AutomationEventLog => ({
  async eventsBetween(from, to) {
    const rules = await db
      .selectFrom('rule_events')
      .selectAll()
      .where('at', '>=', from)
      .where('at', '<=', to)
      .execute();
    const lifecycle = await lifecycleEventsBetween(db, from, `${to}T23:59:59.999Z`);
    return [...rules.map(eventOfRuleRow), ...lifecycle];
  },
});
