import type { OrgView } from '../../../plugin/automations/event-context.ts';
import { planEvent } from '../../../plugin/automations/plan-event.ts';
import type { AutomationEvent } from '../../../plugin/automations/types.ts';
import { currentAutomations } from '../../../plugin/automations/versions.ts';
import type { NotifyPort } from '../../../plugin/sdk/index.ts';
import { toAutomationVersion } from './automation-rows.ts';
import { COLLECTIONS } from './collections.ts';
import type { TableAccess } from './tables.ts';

export const isOrgView = (s: object | null): s is OrgView =>
  s !== null && ['people', 'regions', 'keyResults', 'keyAccounts', 'escalations'].every((k) => k in s);

/**
 * HR's published automations over new rule events, on NocoBase: the in-app steps (notify, follow-up)
 * become `okr_notifications` rows, once per person by their key. Channel, assign, wait and raise
 * steps are left to NocoBase workflows on `okr_rule_events` here. Until HR publishes a version,
 * nothing runs: on NocoBase the shipped behaviour is those workflows. Returns the rows added.
 */
export async function automationNotices(
  tables: TableAccess,
  events: AutomationEvent[],
  org: OrgView,
  today: string,
  notify: NotifyPort,
): Promise<number> {
  if (events.length === 0) return 0;
  const published = await tables.find(COLLECTIONS.automationVersions, { status: 'published' });
  const current = currentAutomations(published.map(toAutomationVersion));
  if (current.version === 0) return 0;
  let added = 0;
  for (const event of events) {
    for (const plan of await planEvent(current.document, event, org, today)) {
      for (const action of plan.actions) {
        if (action.kind === 'notify' && action.inApp)
          added += await notify.notify({
            recipientIds: action.recipientIds,
            kind: action.message.kind,
            params: action.message.params,
            subject: { ...event.subject },
            dedupKey: action.dedupKey,
          });
        else if (action.kind === 'follow-up')
          added += await notify.notify({
            recipientIds: action.recipientIds,
            kind: 'automation.follow-up',
            params: { title: action.title, dueDate: action.dueDate },
            subject: { ...event.subject },
            dedupKey: `automation:${action.key}`,
          });
        // A wait ends what can be planned now; NocoBase has no ticker of the pack's to resume it.
        if (action.kind === 'wait') break;
      }
    }
  }
  return added;
}
