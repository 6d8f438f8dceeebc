import { eventContext, type OrgView } from './event-context.ts';
import { matchAutomations } from './match.ts';
import { type PlannedAction, planSteps } from './plan.ts';
import type { Automation, AutomationDocument, AutomationEvent } from './types.ts';

export interface EventPlan {
  automation: Automation;
  actions: PlannedAction[];
}

/** What `doc` does about `event` today: each automation it sets off, with its first actions. */
export async function planEvent(
  doc: AutomationDocument,
  event: AutomationEvent,
  org: OrgView,
  today: string,
): Promise<EventPlan[]> {
  const context = eventContext(event, org);
  const matched = await matchAutomations(doc, event, context);
  return matched.map((automation) => ({
    automation,
    actions: planSteps(automation, { event, context, people: org.people, today }),
  }));
}
