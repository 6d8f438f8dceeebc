import { type Command, defineCommand } from '../../../plugin/app/command.ts';
import { saveActivity } from '../../../plugin/app/commands/activities.ts';
import {
  type CheckInInput,
  saveCheckIn as saveCheckInCommand,
} from '../../../plugin/app/commands/check-ins.ts';
import {
  assignEscalation,
  commentOnEscalation,
  raiseEscalation,
  resolveEscalation,
} from '../../../plugin/app/commands/escalations.ts';
import {
  createKeyAccount,
  deleteKeyAccount,
  touchKeyAccount,
  updateKeyAccount,
} from '../../../plugin/app/commands/key-accounts.ts';
import { commentOnKeyResult, keyResultComments } from '../../../plugin/app/commands/kr-comments.ts';
import {
  closePeerReviewWindow,
  openPeerReviewWindow,
  submitPeerReview,
  updatePeerReview,
} from '../../../plugin/app/commands/peer-reviews.ts';
import { listActivities, listKeyAccounts } from '../../../plugin/app/queries/activities.ts';
import { listCheckIns } from '../../../plugin/app/queries/check-ins.ts';
import {
  escalationAssigneesOf,
  escalationComments,
  listEscalations,
} from '../../../plugin/app/queries/escalations.ts';
import {
  listPeerReviews,
  listPeerReviewWindows,
  myPeerReviewAssignments,
  myPeerReviews,
  peerReviewCompletion,
  peerReviewSummaryOf,
} from '../../../plugin/app/queries/peer-reviews.ts';

/** The check-in itself, as the reference host's PUT answers (its 201/200 says whether it was new). */
const saveCheckIn = defineCommand({
  ...saveCheckInCommand,
  run: async (ctx, input: CheckInInput) => (await saveCheckInCommand.run(ctx, input)).checkIn,
});

/**
 * NocoBase actions of the team's follow-up work (check-ins, escalations, peer reviews, activities,
 * key accounts): each runs the pack's command or query with the action's `values` as its input.
 */
export const TEAM_COMMAND_ACTIONS: Record<string, Command<never, unknown>> = {
  saveCheckIn,
  checkIns: listCheckIns,
  raiseEscalation,
  assignEscalation,
  commentOnEscalation,
  resolveEscalation,
  escalations: listEscalations,
  escalationAssignees: escalationAssigneesOf,
  escalationComments,
  commentOnKeyResult,
  keyResultComments,
  submitPeerReview,
  peerReviews: listPeerReviews,
  myPeerReviews,
  peerReviewSummary: peerReviewSummaryOf,
  updatePeerReview,
  myPeerReviewAssignments,
  peerReviewWindows: listPeerReviewWindows,
  openPeerReviewWindow,
  closePeerReviewWindow,
  peerReviewCompletion,
  saveActivity,
  activities: listActivities,
  keyAccounts: listKeyAccounts,
  createKeyAccount,
  updateKeyAccount,
  touchKeyAccount,
  deleteKeyAccount,
};
