import type { Activity } from '../../../plugin/domain/index.ts';
import type { CustomValues } from '../form-context.ts';
import type { FormId } from '../form-ids.ts';
import { activityBehaviour } from './activity.ts';
import { type CheckInDraft, checkInBehaviour } from './check-in.ts';
import { type EscalationResolutionDraft, escalationResolutionBehaviour } from './escalation-resolution.ts';
import type { FormBehaviour } from './form-behaviour.ts';
import { type KeyResultDraft, keyResultBehaviour } from './key-result.ts';
import { type ObjectiveDraft, objectiveBehaviour } from './objective.ts';
import { type PeerReviewDraft, peerReviewBehaviour } from './peer-review.ts';
import { type PoolRunParameters, poolRunBehaviour } from './pool-run.ts';

/** The record each form produces on submit, before the host adds ids, versions and timestamps. */
export interface FormRecords {
  objective: ObjectiveDraft;
  'key-result': KeyResultDraft;
  'check-in': CheckInDraft;
  'escalation-resolution': EscalationResolutionDraft;
  'peer-review': PeerReviewDraft;
  activity: Activity;
  'pool-run': PoolRunParameters;
}

/** A submitted record plus the values of HR's added fields. */
export type FormRecord<F extends FormId> = FormRecords[F] & { custom: CustomValues };

export const BEHAVIOURS: { [F in FormId]: FormBehaviour<FormRecords[F]> } = {
  objective: objectiveBehaviour,
  'key-result': keyResultBehaviour,
  'check-in': checkInBehaviour,
  'escalation-resolution': escalationResolutionBehaviour,
  'peer-review': peerReviewBehaviour,
  activity: activityBehaviour,
  'pool-run': poolRunBehaviour,
};

export type { FormBehaviour } from './form-behaviour.ts';
