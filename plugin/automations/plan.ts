import { parseUtc } from '../domain/dates.ts';
import { RULE_TRIGGERS } from './catalogue.ts';
import { fillTemplate } from './template.ts';
import type {
  Automation,
  AutomationEvent,
  EventContext,
  PlannedAction,
  PlannedBase,
  PlannedMessage,
  Step,
  Target,
} from './types.ts';

export type { PlannedAction, PlannedMessage };

/** A person of the organisation as the planner needs them. */
export interface Member {
  id: string;
  role: string;
  regionId: string | null;
}

const addDays = (date: string, days: number) => parseUtc(date).add(days, 'day').format('YYYY-MM-DD');

export const runKey = (eventId: string, automationId: string, stepIndex: number) =>
  `${eventId}|${automationId}|${stepIndex}`;

export interface PlanInput {
  event: AutomationEvent;
  context: EventContext;
  people: readonly Member[];
  /** YYYY-MM-DD the plan is made on (waits and follow-ups count from it). */
  today: string;
  /** Step to start from: 0, or the step after a wait that came due. */
  fromStep?: number;
}

function resolve(target: Target, input: PlanInput): string[] {
  const { context, people } = input;
  switch (target.who) {
    case 'owner':
      return context.ownerIds;
    case 'manager':
      return context.managerIds;
    case 'region-head':
      return context.regionHeadIds;
    case 'person':
      return people.some((p) => p.id === target.personId) ? [target.personId as string] : [];
    case 'role': {
      const region = context.facts.region;
      const withRole = people.filter((p) => p.role === target.role);
      // A role inside the event's region first (its manager), else everyone with the role (HQ roles).
      const local = withRole.filter((p) => region !== undefined && p.regionId === region);
      return (local.length > 0 ? local : withRole).map((p) => p.id);
    }
  }
}

const unique = (ids: string[]) => [...new Set(ids)];

function messageOf(step: Extract<Step, { type: 'notify' }>, input: PlanInput): PlannedMessage {
  if (!step.message) {
    // The standard words name the event's month, which a rule event carries in its subject.
    const { month } = input.event.subject;
    return {
      kind: `rule.${input.event.trigger}`,
      params: { ...(month ? { month } : {}), ...input.event.params },
    };
  }
  return {
    kind: 'automation.message',
    params: {
      title: fillTemplate(step.message.title, input.context),
      text: fillTemplate(step.message.text, input.context),
    },
  };
}

/**
 * The actions `automation` takes for `event`, in order from `fromStep`, up to and including the
 * first wait (what follows a wait is planned when it comes due and the matter is still open).
 */
export function planSteps(automation: Automation, input: PlanInput): PlannedAction[] {
  const out: PlannedAction[] = [];
  const { event } = input;
  for (let i = input.fromStep ?? 0; i < automation.steps.length; i++) {
    const step = automation.steps[i] as Step;
    const base: PlannedBase = {
      key: runKey(event.id, automation.id, i),
      eventId: event.id,
      automationId: automation.id,
      stepIndex: i,
    };
    if (step.type === 'notify') {
      const standard = !step.message && (RULE_TRIGGERS as readonly string[]).includes(event.trigger);
      out.push({
        ...base,
        kind: 'notify',
        recipientIds: unique(step.to.flatMap((t) => resolve(t, input))),
        inApp: step.inApp,
        channelId: step.channelId ?? null,
        message: messageOf(step, input),
        dedupKey: standard && event.dedupKey ? `rule:${event.dedupKey}` : `automation:${base.key}`,
      });
    } else if (step.type === 'assign') {
      out.push({
        ...base,
        kind: 'assign',
        escalationId: input.context.escalationId,
        assigneeId: resolve(step.to, input)[0] ?? null,
      });
    } else if (step.type === 'follow-up') {
      out.push({
        ...base,
        kind: 'follow-up',
        recipientIds: unique(resolve(step.to, input)),
        title: fillTemplate(step.title, input.context),
        dueDate: addDays(input.today, step.dueDays),
      });
    } else if (step.type === 'wait') {
      out.push({ ...base, kind: 'wait', dueDate: addDays(input.today, step.days), resumeAt: i + 1 });
      break;
    } else out.push({ ...base, kind: 'raise', escalationId: input.context.escalationId });
  }
  return out;
}
