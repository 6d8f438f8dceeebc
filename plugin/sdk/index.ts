export { createContributionRegistry, type RegisteredContributions } from './contribution-registry.ts';
export type * from './data-port.ts';
export { type Assignee, escalationAssignees } from './escalation-assignees.ts';
export type * from './host-context.ts';
export type * from './identity-port.ts';
export type * from './notify-port.ts';
export { can } from './permissions.ts';
export * from './realtime-port.ts';
export type * from './settings-store.ts';
export { HOST_CONTRACT_VERSION } from './version.ts';
export {
  type VisiblePerson,
  type VisibleSnapshot,
  visibleEvaluation,
  visibleSnapshot,
} from './visibility.ts';
