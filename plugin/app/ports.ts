import type { AutomationRunRecord, AutomationWaitRecord } from '../automations/run-records.ts';
import type { AutomationEvent } from '../automations/types.ts';
import type { AutomationVersion } from '../automations/versions.ts';
import type { PeerReviewWindow } from '../domain/peer-assignments.ts';
import type { PoolRun } from '../domain/pool-lifecycle.ts';
import type {
  Activity,
  CheckIn,
  Cycle,
  Escalation,
  Id,
  KeyAccount,
  KeyResult,
  KrLink,
  Objective,
  PeerReview,
  Person,
  PersonMove,
  Region,
} from '../domain/types.ts';
import type { RuleVersion } from '../engine/custom-rules-versions.ts';
import type { ChannelPorts, ChannelRecord } from '../notify/channel-types.ts';
import type { BoardId, BoardMessage, DataPort, NotifyPort, SettingsVersion, Subject } from '../sdk/index.ts';

/** Values of HR-added form fields, kept with the record under `custom` (forms/README.md). */
export type CustomValues = Record<string, string | number | boolean | null>;

export interface StoredLink extends KrLink {
  krId: Id;
  version: number;
}

/** An escalation with its row version: assigning and resolving are compare-and-sets on it. */
export type StoredEscalation = Escalation & { version: number };

/** One message of an escalation's thread (the owner, the assignee and the region's manager talk it out). */
export interface EscalationComment {
  id: Id;
  escalationId: Id;
  authorId: Id;
  text: string;
  at: string;
}

/** A comment on a key result; the people it @mentions are told. */
export interface KrComment {
  id: Id;
  krId: Id;
  authorId: Id;
  text: string;
  mentionIds: Id[];
  at: string;
}

export interface StoredOverlay {
  id: Id;
  overlay: unknown;
  version: number;
  updatedAt: string;
  updatedById: Id;
}

/** The records the use cases read and write, by name; each host maps them to its own tables. */
export interface AppRecords {
  cycles: Cycle;
  regions: Region;
  /** With its row version (absent on a person created before 0010-people-tenure was read back). */
  people: Person & { version?: number };
  /** A person's moves of region and manager (`person.move`), the region history. */
  personMoves: PersonMove;
  objectives: Objective & { version: number; custom?: CustomValues | null };
  /** With its links (read-only here: links are written as `links` records). */
  keyResults: KeyResult & { custom?: CustomValues | null };
  /** Keyed by `linkKey(krId, objectiveId)`. */
  links: StoredLink;
  checkIns: CheckIn & { custom?: CustomValues | null };
  escalations: StoredEscalation;
  escalationComments: EscalationComment;
  krComments: KrComment;
  /** Keyed by `activityKey(personId, month)`. */
  activities: Activity;
  keyAccounts: KeyAccount;
  peerReviews: PeerReview;
  /** HR's overlay of a pack form, keyed by the form id (`key-result`, `check-in`…). */
  formOverlays: StoredOverlay;
  /** Keyed by `String(version)`; an update is also a compare-and-set on the status it read. */
  settingsVersions: SettingsVersion;
  poolRuns: PoolRun;
  /** HR's automations document, keyed by `String(version)` like the settings (plugin/automations). */
  automationVersions: AutomationVersion;
  /** A step of an automation, claimed under its unique `key` before it acts. */
  automationRuns: AutomationRunRecord;
  /** A wait step of an automation, keyed by its run key. */
  automationWaits: AutomationWaitRecord;
  /** The admin's custom rules document, keyed by `String(version)` like the settings. */
  ruleVersions: RuleVersion;
  /** Keyed by the quarter (`2026-Q2`); open and close are compare-and-sets on its version. */
  peerReviewWindows: PeerReviewWindow;
  /** A region's group robot (plugin/notify/channels.ts), its address and secret sealed. */
  channels: ChannelRecord;
}
export type RecordName = keyof AppRecords;

export const linkKey = (krId: Id, objectiveId: Id): Id => `${krId}~${objectiveId}`;
export const activityKey = (personId: Id, month: string): Id => `${personId}:${month}`;

/** Equality filter on top-level fields; every given field must match. */
export type Match<T> = { [K in keyof T]?: T[K] extends string | number | boolean | null ? T[K] : never };

/** Record access of one host. Ids are the record's `id`, or the keys above. */
export interface Records {
  get<C extends RecordName>(c: C, id: Id): Promise<AppRecords[C] | null>;
  find<C extends RecordName>(c: C, where?: Match<AppRecords[C]>): Promise<AppRecords[C][]>;
  /** Throws `DuplicateRecord` when a record with the same key exists. */
  insert<C extends RecordName>(c: C, record: AppRecords[C]): Promise<void>;
  /**
   * Applies `patch`. With `expectedVersion`, a compare-and-set: only when the stored version equals
   * it, bumping the version by one; with field values instead (a record without a version), only
   * when the stored fields equal them. False when nothing matched (gone, or another write came first).
   */
  update<C extends RecordName>(
    c: C,
    id: Id,
    patch: Partial<AppRecords[C]>,
    expected?: number | Match<AppRecords[C]>,
  ): Promise<boolean>;
  /** Removes the record (with `expectedVersion`, only at that version). False when nothing matched. */
  remove<C extends RecordName>(c: C, id: Id, expectedVersion?: number): Promise<boolean>;
}

/** A host's unique-key violation, so a race on an insert is a 409, never a 500. */
export class DuplicateRecord extends Error {
  constructor(readonly collection: string) {
    super(`${collection}: a record with the same key exists`);
    this.name = 'DuplicateRecord';
  }
}

/** One audit row: who did what to which subject, before and after. */
export interface AuditEntry {
  /** e.g. `keyResult.update`, `settings.publish`, `pool.approve`. */
  action: string;
  subjectType: string;
  subjectId: Id;
  before: unknown;
  after: unknown;
}

export interface StoredAuditEntry extends AuditEntry {
  at: string;
  actorId: Id | null;
}

/** The writes of one command and their audit rows, committed together or not at all. */
/**
 * Where a host logged what automations react to: its stored rule events and the lifecycle rows of
 * its audit trail (check-in submitted, escalation raised …), neither of them pack records.
 */
export interface AutomationEventLog {
  /** The events dated from `from` to `to` (days, both included), oldest first. */
  eventsBetween(from: string, to: string): Promise<AutomationEvent[]>;
}

export interface Transaction extends Records {
  audit(entry: StoredAuditEntry): Promise<void>;
  /** The automations' event log, read in this transaction (an automation preview looks back over it). */
  automationEvents: AutomationEventLog;
}

export interface UnitOfWork {
  transaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T>;
}

/** The host's ports the use cases run over. */
export interface AppPorts {
  uow: UnitOfWork;
  /** Whole-cycle reads for evaluations and board answers. */
  data: Pick<DataPort, 'snapshot'>;
  now(): Date;
  /** Sends a committed change to the clients of `boardId` who may read `about`. */
  publish(boardId: BoardId, message: BoardMessage, about: Subject): void;
  /**
   * Tells the host that rule inputs changed (it re-runs the rules soon), by the command's name: a
   * host that follows the announced records knows which writes they describe in full.
   */
  rulesChanged(command?: string): void;
  /** In-app notifications (escalation raised, assigned, resolved); call after commit. */
  notify: NotifyPort['notify'];
  /** The host's key, network and HTTP client for group robots; absent where a host sends no IM. */
  channels?: () => Promise<ChannelPorts>;
}
