/** Domain types of OKR Align (see DESIGN.md, "The domain"). Pure data, no behaviour. */

export type Id = string;
/** Calendar date, `YYYY-MM-DD`. */
export type IsoDate = string;
/** Instant, ISO 8601 with time zone, e.g. `2026-02-03T09:30:00Z`. */
export type IsoDateTime = string;
/** Calendar month, `YYYY-MM`. */
export type Month = string;
/** Quarter, `YYYY-Qn`. */
export type Quarter = string;
/** Money in integer cents (fen). Never a float. */
export type Cents = number;

export type Role = 'admin' | 'hr' | 'strategy' | 'manager' | 'sales';
export const ROLES: readonly Role[] = ['admin', 'hr', 'strategy', 'manager', 'sales'];

export type Colour = 'green' | 'amber' | 'red';

/** A half year, kickoff in January or July. */
export interface Cycle {
  id: Id;
  name: string;
  /** First day of the first month. */
  start: IsoDate;
  /** Last day of the last month. */
  end: IsoDate;
  locked: boolean;
}

export interface Region {
  id: Id;
  name: string;
}

export interface Person {
  id: Id;
  name: string;
  role: Role;
  regionId: Id | null;
  managerId: Id | null;
  /** Quarterly base bonus. */
  baseBonusCents: Cents;
  /** First day at the company; null (or absent in older snapshots): before the records began. */
  joinedOn?: IsoDate | null;
  /** Last day at the company; null (or absent): still here. */
  leftOn?: IsoDate | null;
}

/**
 * One move of a person to another region (and manager), kept as history: the person's current
 * region is on Person, and the moves say since when. Days in each region of a quarter follow from
 * the `on` dates (the first day in the new region).
 */
export interface PersonMove {
  id: Id;
  personId: Id;
  fromRegionId: Id | null;
  toRegionId: Id;
  fromManagerId: Id | null;
  toManagerId: Id | null;
  /** First day in the new region. */
  on: IsoDate;
  reason: string;
  /** What happened to their open KRs: moved with them, or handed to a successor in the old region. */
  krs: 'move' | 'stay';
  at: IsoDateTime;
  byId: Id | null;
}

/** A strategic Objective set by HQ for a cycle. */
export interface Objective {
  id: Id;
  cycleId: Id;
  title: string;
  ownerId: Id;
  /** e.g. `new-energy`, `high-margin`. */
  focusTags: string[];
  /** Relative strategic weight (> 0). */
  weight: number;
  /** What the objective means for the cycle; '' (or absent, in older snapshots) when not written. */
  description?: string;
  /** When strategy archived it: it leaves the board and the rules, its history stays. */
  archivedAt?: IsoDateTime | null;
}

export type MetricKind = 'number' | 'percent' | 'currency' | 'milestone';

/** An explicit link from a KR to a strategic Objective. */
export interface KrLink {
  objectiveId: Id;
  /** Contribution weight of this KR to the Objective, 0–100. */
  weight: number;
  linkedAt: IsoDateTime;
}

/** A revised target keeps its old value, when and why. */
export interface TargetRevision {
  at: IsoDateTime;
  previousTarget: number;
  newTarget: number;
  reason: string;
}

export interface KeyResult {
  id: Id;
  cycleId: Id;
  ownerType: 'person' | 'region';
  ownerId: Id;
  title: string;
  metric: MetricKind;
  baseline: number;
  target: number;
  unit: string;
  /** What the KR is about, compared with the Objective's focus tags. */
  focusTags: string[];
  links: KrLink[];
  /** Why this KR serves the strategy; empty string when not given. */
  rationale: string;
  rationaleAt: IsoDateTime | null;
  evidence: string;
  /** When the owner's manager confirmed the alignment; null if not confirmed. */
  confirmedAt: IsoDateTime | null;
  /** Days within which the KR's value should be updated; null means the settings default. */
  updateIntervalDays: number | null;
  targetHistory: TargetRevision[];
  /**
   * When the KR was proposed. The first month it owes a check-in is the month of `createdAt`
   * (see `kr-lifetime.ts`); earlier months do not count against it.
   */
  createdAt: IsoDateTime;
  /** Row version for optimistic concurrency. */
  version: number;
  /** When it was archived (kept instead of deleted once it has check-ins); absent or null when live. */
  archivedAt?: IsoDateTime | null;
  /** The manager's send-back, shown to the owner until the KR is edited again; absent or null when none. */
  sentBack?: KrSendBack | null;
}

/** A manager sent a KR back to its owner with a comment instead of confirming it. */
export interface KrSendBack {
  at: IsoDateTime;
  byId: Id;
  reason: string;
}

export interface ResourceRequest {
  kind: 'people' | 'budget' | 'technical-support' | 'pricing' | 'other';
  detail: string;
}

/** A monthly calibration check-in of one KR. `value` is the KR's value at the end of `month`. */
export interface CheckIn {
  id: Id;
  krId: Id;
  month: Month;
  value: number;
  selfColour: Colour | null;
  /** Why the self colour differs from the suggested one. */
  colourNote: string;
  submittedAt: IsoDateTime;
  blockers: string;
  resourceRequest: ResourceRequest | null;
  /** 0–10. */
  confidence: number;
}

export type EscalationReason = 'amber-streak' | 'red' | 'blocker' | 'resource-request';

export interface Escalation {
  id: Id;
  krId: Id;
  /** The KR owner who is blocked. */
  raisedById: Id;
  assigneeId: Id | null;
  month: Month;
  reason: EscalationReason;
  detail: string;
  raisedAt: IsoDateTime;
  resolvedAt: IsoDateTime | null;
  resolution: string;
}

/** System data of one person for one month (CRM export or manual entry). */
export interface Activity {
  personId: Id;
  month: Month;
  dealsSigned: number;
  dealsAmountCents: Cents;
  highMarginAmountCents: Cents;
  clientVisits: number;
  proposalsSent: number;
  proposalsWon: number;
  collectionsCents: Cents;
}

export interface KeyAccount {
  id: Id;
  name: string;
  ownerId: Id;
  lastContactAt: IsoDate | null;
}

export type PeerDimension = 'collaboration' | 'crossRegionHelp' | 'knowledgeSharing';
export const PEER_DIMENSIONS: readonly PeerDimension[] = [
  'collaboration',
  'crossRegionHelp',
  'knowledgeSharing',
];

/** Scores 1–5 per dimension. The reviewer is never shown to the reviewee. */
export interface PeerReview {
  id: Id;
  quarter: Quarter;
  reviewerId: Id;
  revieweeId: Id;
  scores: Record<PeerDimension, number>;
  comment: string;
}

/** Everything of one cycle that the rules and computations need. Validated by `rules/snapshot.schema.json`. */
export interface Snapshot {
  cycle: Cycle;
  regions: Region[];
  people: Person[];
  objectives: Objective[];
  keyResults: KeyResult[];
  checkIns: CheckIn[];
  escalations: Escalation[];
  activities: Activity[];
  keyAccounts: KeyAccount[];
  peerReviews: PeerReview[];
}

export type PoolRunState = 'draft' | 'approved' | 'released' | 'locked';
