import type { RecordName } from '../app/ports.ts';
import type { EntityName } from '../manifest/manifest-types.ts';

/** The record each entity a manifest collection names is stored as. */
export const ENTITY_RECORDS: Readonly<Record<EntityName, RecordName>> = {
  Cycle: 'cycles',
  Region: 'regions',
  Person: 'people',
  Objective: 'objectives',
  KeyResult: 'keyResults',
  CheckIn: 'checkIns',
  Escalation: 'escalations',
  Activity: 'activities',
  KeyAccount: 'keyAccounts',
  PeerReview: 'peerReviews',
  PoolRun: 'poolRuns',
};
