export {
  type AfterRulesRun,
  type AuditFeed,
  automationsAfterRules,
  automationTick,
  type TickReads,
} from './after-rules.ts';
export * from './catalogue.ts';
export { defaultAutomations } from './defaults.ts';
export { AUTOMATION_ACTOR, escalationStep } from './escalation-step.ts';
export { eventContext, type OrgView } from './event-context.ts';
export { AUTOMATION_RETRY, AutomationExecutor, type ExecutorOptions, type TickResult } from './executor.ts';
export { countFailedRuns, listFailedRuns, retryFailedRun } from './failed-runs.ts';
export {
  eventOfAudit,
  eventsAfterRules,
  LIFECYCLE_AUDIT_ACTIONS,
  type LifecycleAuditRow,
  type LifecycleReads,
  overdueEvents,
} from './lifecycle-events.ts';
export { matchAutomations } from './match.ts';
export { type Member, type PlannedAction, type PlannedMessage, planSteps, runKey } from './plan.ts';
export { type EventPlan, planEvent } from './plan-event.ts';
export * from './ports.ts';
export { listAutomationRuns, recordsAutomationRuns, storedRun } from './records-runs.ts';
export { fillTemplate } from './template.ts';
export type * from './types.ts';
export {
  AutomationDocumentError,
  type AutomationIssue,
  automationIssues,
  validateAutomations,
} from './validate.ts';
