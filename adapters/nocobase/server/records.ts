import type {
  Activity,
  CheckIn,
  Colour,
  Cycle,
  Escalation,
  EscalationReason,
  KeyAccount,
  KeyResult,
  KrLink,
  KrSendBack,
  MetricKind,
  Objective,
  PeerReview,
  Person,
  Region,
  ResourceRequest,
  Role,
  TargetRevision,
} from '../../../plugin/domain/types.ts';

/** A row as NocoBase returns it from `model.toJSON()`. */
export type Row = Record<string, unknown>;

/** A stored link of a key result, with its row version. */
export interface LinkRow extends KrLink {
  id: string;
  krId: string;
  version: number;
}

const fail = (field: string, value: unknown): never => {
  throw new Error(
    `nocobase adapter: field "${field}" holds ${JSON.stringify(value)}; fix the record in the NocoBase data source`,
  );
};

// PostgreSQL BIGINT comes back from Sequelize as a string; numbers must stay exact integers.
const n = (row: Row, field: string): number => {
  const v = row[field];
  const x = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  return typeof x === 'number' && Number.isFinite(x) ? x : fail(field, v);
};
const nOrNull = (row: Row, field: string): number | null => (row[field] == null ? null : n(row, field));
const s = (row: Row, field: string): string => {
  const v = row[field];
  return typeof v === 'string' ? v : fail(field, v);
};
const sOrNull = (row: Row, field: string): string | null => (row[field] == null ? null : s(row, field));
const js = <T>(row: Row, field: string, fallback: T): T => {
  const v = row[field];
  if (v == null) return fallback;
  return (typeof v === 'string' ? JSON.parse(v) : v) as T;
};

export const toCycle = (r: Row): Cycle => ({
  id: s(r, 'id'),
  name: s(r, 'name'),
  start: s(r, 'start'),
  end: s(r, 'end'),
  locked: r.locked === true,
});

export const toRegion = (r: Row): Region => ({ id: s(r, 'id'), name: s(r, 'name') });

export const toPerson = (r: Row): Person => ({
  id: s(r, 'id'),
  name: s(r, 'name'),
  role: s(r, 'role') as Role,
  regionId: sOrNull(r, 'regionId'),
  managerId: sOrNull(r, 'managerId'),
  baseBonusCents: n(r, 'baseBonusCents'),
  // Present only when set, as on the reference host.
  ...(r.joinedOn ? { joinedOn: s(r, 'joinedOn') } : {}),
  ...(r.leftOn ? { leftOn: s(r, 'leftOn') } : {}),
});

export const toObjective = (r: Row): Objective => ({
  id: s(r, 'id'),
  cycleId: s(r, 'cycleId'),
  title: s(r, 'title'),
  ownerId: s(r, 'ownerId'),
  focusTags: js<string[]>(r, 'focusTags', []),
  weight: n(r, 'weight'),
  // Present only when set, as on the reference host (rows from before these fields read the same).
  ...(r.description ? { description: s(r, 'description') } : {}),
  ...(r.archivedAt ? { archivedAt: s(r, 'archivedAt') } : {}),
});

export const toLink = (r: Row): LinkRow => ({
  id: s(r, 'id'),
  krId: s(r, 'krId'),
  objectiveId: s(r, 'objectiveId'),
  weight: n(r, 'weight'),
  linkedAt: s(r, 'linkedAt'),
  version: n(r, 'version'),
});

/** Link rows are keyed by KR and objective, so a link has one row whatever its history. */
export const linkId = (krId: string, objectiveId: string): string => `${krId}~${objectiveId}`;

export const toKeyResult = (r: Row, links: readonly LinkRow[]): KeyResult => ({
  id: s(r, 'id'),
  cycleId: s(r, 'cycleId'),
  ownerType: s(r, 'ownerType') as KeyResult['ownerType'],
  ownerId: s(r, 'ownerId'),
  title: s(r, 'title'),
  metric: s(r, 'metric') as MetricKind,
  baseline: n(r, 'baseline'),
  target: n(r, 'target'),
  unit: s(r, 'unit'),
  focusTags: js<string[]>(r, 'focusTags', []),
  links: links
    .filter((l) => l.krId === r.id)
    .sort((a, b) => a.linkedAt.localeCompare(b.linkedAt) || a.objectiveId.localeCompare(b.objectiveId))
    .map(({ objectiveId, weight, linkedAt }) => ({ objectiveId, weight, linkedAt })),
  rationale: s(r, 'rationale'),
  rationaleAt: sOrNull(r, 'rationaleAt'),
  evidence: s(r, 'evidence'),
  confirmedAt: sOrNull(r, 'confirmedAt'),
  updateIntervalDays: nOrNull(r, 'updateIntervalDays'),
  targetHistory: js<TargetRevision[]>(r, 'targetHistory', []),
  ...(r.archivedAt ? { archivedAt: s(r, 'archivedAt') } : {}),
  ...(r.sentBack ? { sentBack: js<KrSendBack | null>(r, 'sentBack', null) } : {}),
  createdAt: s(r, 'proposedAt'),
  version: n(r, 'version'),
});

export const toCheckIn = (r: Row): CheckIn => ({
  id: s(r, 'id'),
  krId: s(r, 'krId'),
  month: s(r, 'month'),
  value: n(r, 'value'),
  selfColour: sOrNull(r, 'selfColour') as Colour | null,
  colourNote: s(r, 'colourNote'),
  submittedAt: s(r, 'submittedAt'),
  blockers: s(r, 'blockers'),
  resourceRequest: js<ResourceRequest | null>(r, 'resourceRequest', null),
  confidence: n(r, 'confidence'),
});

export const toEscalation = (r: Row): Escalation => ({
  id: s(r, 'id'),
  krId: s(r, 'krId'),
  raisedById: s(r, 'raisedById'),
  assigneeId: sOrNull(r, 'assigneeId'),
  month: s(r, 'month'),
  reason: s(r, 'reason') as EscalationReason,
  detail: s(r, 'detail'),
  raisedAt: s(r, 'raisedAt'),
  resolvedAt: sOrNull(r, 'resolvedAt'),
  resolution: s(r, 'resolution'),
});

/** Activities have no id of their own: one per person and month. */
export const activityId = (a: Pick<Activity, 'personId' | 'month'>): string => `${a.personId}:${a.month}`;

export const toActivity = (r: Row): Activity => ({
  personId: s(r, 'personId'),
  month: s(r, 'month'),
  dealsSigned: n(r, 'dealsSigned'),
  dealsAmountCents: n(r, 'dealsAmountCents'),
  highMarginAmountCents: n(r, 'highMarginAmountCents'),
  clientVisits: n(r, 'clientVisits'),
  proposalsSent: n(r, 'proposalsSent'),
  proposalsWon: n(r, 'proposalsWon'),
  collectionsCents: n(r, 'collectionsCents'),
});

export const toKeyAccount = (r: Row): KeyAccount => ({
  id: s(r, 'id'),
  name: s(r, 'name'),
  ownerId: s(r, 'ownerId'),
  lastContactAt: sOrNull(r, 'lastContactAt'),
});

export const toPeerReview = (r: Row): PeerReview => ({
  id: s(r, 'id'),
  quarter: s(r, 'quarter'),
  reviewerId: s(r, 'reviewerId'),
  revieweeId: s(r, 'revieweeId'),
  scores: js<PeerReview['scores']>(r, 'scores', {
    collaboration: 0,
    crossRegionHelp: 0,
    knowledgeSharing: 0,
  }),
  comment: s(r, 'comment'),
});

/**
 * Row values of a key result (links live in their own collection). Its `createdAt` is stored as
 * `proposedAt`: NocoBase's own `createdAt` of the row stays NocoBase's.
 */
export const keyResultRow = (kr: KeyResult): Row => {
  const { links: _links, createdAt, ...rest } = kr;
  return { ...rest, proposedAt: createdAt };
};

/** Link rows of a key result. */
export const linkRows = (kr: KeyResult): LinkRow[] =>
  kr.links.map((l) => ({ ...l, id: linkId(kr.id, l.objectiveId), krId: kr.id, version: 1 }));

export const activityRow = (a: Activity): Row => ({ id: activityId(a), ...a });
