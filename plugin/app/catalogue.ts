import {
  discardAutomations,
  proposeAutomations,
  publishAutomations,
  rollbackAutomations,
} from '../automations/commands.ts';
import { retryFailedRun } from '../automations/failed-runs.ts';
import { type Command, defineCommand } from './command.ts';
import { saveActivity } from './commands/activities.ts';
import {
  channelNames,
  createChannel,
  deleteChannel,
  listChannels,
  testChannel,
  updateChannel,
} from './commands/channels.ts';
import { type CheckInInput, saveCheckIn as saveCheckInCommand } from './commands/check-ins.ts';
import {
  discardCustomRules,
  proposeCustomRules,
  publishCustomRules,
  rollbackCustomRules,
} from './commands/custom-rules.ts';
import { carryOverCycle } from './commands/cycle-carry-over.ts';
import {
  assignEscalation,
  commentOnEscalation,
  raiseEscalation,
  resolveEscalation,
} from './commands/escalations.ts';
import { deleteFormOverlay, saveFormOverlay } from './commands/form-overlays.ts';
import {
  createKeyAccount,
  deleteKeyAccount,
  touchKeyAccount,
  updateKeyAccount,
} from './commands/key-accounts.ts';
import {
  archiveKeyResult,
  confirmKeyResult,
  createKeyResult,
  deleteKeyResult,
  sendBackKeyResult,
  updateKeyResult,
} from './commands/key-results.ts';
import { commentOnKeyResult, keyResultComments } from './commands/kr-comments.ts';
import { deleteLink, moveLink, saveLink } from './commands/links.ts';
import {
  archiveObjective,
  createObjective,
  deleteObjective,
  updateObjective,
} from './commands/objectives.ts';
import {
  createCycle,
  createPerson,
  createRegion,
  lockCycle,
  updatePerson,
  updateRegion,
} from './commands/organisation.ts';
import {
  closePeerReviewWindow,
  openPeerReviewWindow,
  submitPeerReview,
  updatePeerReview,
} from './commands/peer-reviews.ts';
import { leavePerson, movePerson } from './commands/people-changes.ts';
import {
  approvePoolRun,
  computePoolRun,
  createPoolRun,
  deletePoolRun,
  lockPoolRun,
  releasePoolRun,
} from './commands/pool-runs.ts';
import { discardSettings, proposeSettings, publishSettings, rollbackSettings } from './commands/settings.ts';
import { listActivities, listKeyAccounts } from './queries/activities.ts';
import { automationFailureCount, automationFailures } from './queries/automation-failures.ts';
import { automationDryRun, automationPreview } from './queries/automation-preview.ts';
import { recentAutomationRuns } from './queries/automation-runs.ts';
import { listCheckIns } from './queries/check-ins.ts';
import { customRulesPreview } from './queries/custom-rules-preview.ts';
import {
  automationVersions,
  currentAutomations,
  currentCustomRules,
  customRuleVersions,
} from './queries/editor-documents.ts';
import { escalationAssigneesOf, escalationComments, listEscalations } from './queries/escalations.ts';
import { getFormOverlay, listFormOverlays } from './queries/form-overlays.ts';
import { listObjectives } from './queries/objectives.ts';
import {
  listPeerReviews,
  listPeerReviewWindows,
  myPeerReviewAssignments,
  myPeerReviews,
  peerReviewCompletion,
  peerReviewSummaryOf,
} from './queries/peer-reviews.ts';
import { listPoolRuns } from './queries/pool-runs.ts';

/**
 * The check-in itself, as an action answers it. A REST host that says "created" with its status
 * (201/200) runs `saveCheckIn` and unwraps the same `checkIn`.
 */
const saveCheckInAnswer = defineCommand({
  ...saveCheckInCommand,
  run: async (ctx, input: CheckInInput) => (await saveCheckInCommand.run(ctx, input)).checkIn,
});

/**
 * Every command and query of the pack by its action name: what an RPC host routes by (NocoBase's
 * `/api/okrAlign:<name>`, whose `values` are the input). Each name runs once, through `runCommand`.
 */
export const CATALOGUE = {
  // Key results, links and objectives.
  createKeyResult,
  updateKeyResult,
  confirmKeyResult,
  deleteKeyResult,
  archiveKeyResult,
  sendBackKeyResult,
  commentOnKeyResult,
  keyResultComments,
  saveLink,
  deleteLink,
  moveLink,
  objectives: listObjectives,
  createObjective,
  updateObjective,
  deleteObjective,
  archiveObjective,
  // Versioned documents: settings, automations, custom rules; HR's form overlays.
  proposeSettings,
  publishSettings,
  discardSettings,
  rollbackSettings,
  proposeAutomations,
  publishAutomations,
  discardAutomations,
  rollbackAutomations,
  automations: currentAutomations,
  automationVersions,
  automationRuns: recentAutomationRuns,
  retryFailedRun,
  automationFailures,
  automationFailureCount,
  previewAutomations: automationPreview,
  dryRunAutomation: automationDryRun,
  proposeCustomRules,
  publishCustomRules,
  discardCustomRules,
  rollbackCustomRules,
  customRules: currentCustomRules,
  customRuleVersions,
  previewCustomRules: customRulesPreview,
  // The regions' group robots.
  channels: listChannels,
  channelNames,
  createChannel,
  updateChannel,
  deleteChannel,
  testChannel,
  formOverlays: listFormOverlays,
  formOverlay: getFormOverlay,
  saveFormOverlay,
  deleteFormOverlay,
  // The quarter's pool.
  poolRuns: listPoolRuns,
  createPoolRun,
  computePoolRun,
  approvePoolRun,
  releasePoolRun,
  lockPoolRun,
  deletePoolRun,
  // The organisation.
  createRegion,
  updateRegion,
  createPerson,
  updatePerson,
  leavePerson,
  movePerson,
  createCycle,
  lockCycle,
  carryOverCycle,
  // The team's follow-up: check-ins, escalations, peer reviews, activities, key accounts.
  saveCheckIn: saveCheckInAnswer,
  checkIns: listCheckIns,
  raiseEscalation,
  assignEscalation,
  commentOnEscalation,
  resolveEscalation,
  escalations: listEscalations,
  escalationAssignees: escalationAssigneesOf,
  escalationComments,
  submitPeerReview,
  updatePeerReview,
  peerReviews: listPeerReviews,
  myPeerReviews,
  peerReviewSummary: peerReviewSummaryOf,
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
} satisfies Record<string, Command<never, unknown>>;

/** An action name of the catalogue (`createKeyResult`, `poolRuns` …). */
export type ActionName = keyof typeof CATALOGUE;

/** The command or query of an action name, or undefined for a name the pack does not know. */
export const commandOf = (name: string): Command<unknown, unknown> | undefined =>
  Object.hasOwn(CATALOGUE, name) ? (CATALOGUE[name as ActionName] as Command<unknown, unknown>) : undefined;
