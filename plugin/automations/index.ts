export * from './catalogue.ts';
export { defaultAutomations } from './defaults.ts';
export { eventContext, type OrgView } from './event-context.ts';
export { matchAutomations } from './match.ts';
export { type Member, type PlannedAction, type PlannedMessage, planSteps, runKey } from './plan.ts';
export { type EventPlan, planEvent } from './plan-event.ts';
export { fillTemplate } from './template.ts';
export type * from './types.ts';
export {
  AutomationDocumentError,
  type AutomationIssue,
  automationIssues,
  validateAutomations,
} from './validate.ts';
