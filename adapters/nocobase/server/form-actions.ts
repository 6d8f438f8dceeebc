import { ACTIVITY_ACTIONS } from './activity-actions.ts';
import { ESCALATION_ACTIONS } from './escalation-actions.ts';
import { OBJECTIVE_ACTIONS } from './objective-actions.ts';
import { PEER_REVIEW_ACTIONS } from './peer-review-actions.ts';

/** Actions behind the pack forms beyond key results and check-ins (escalation, objective, peer review, activity). */
export const FORM_ACTIONS = {
  ...ESCALATION_ACTIONS,
  ...OBJECTIVE_ACTIONS,
  ...PEER_REVIEW_ACTIONS,
  ...ACTIVITY_ACTIONS,
};

/** Those of them that write: each schedules a rules run once committed. */
export const FORM_WRITES = [
  'raiseEscalation',
  'assignEscalation',
  'resolveEscalation',
  'saveObjective',
  'submitPeerReview',
  'saveActivity',
] as const;
