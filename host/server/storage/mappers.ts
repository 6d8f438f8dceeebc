import type { Selectable } from 'kysely';
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
  Role,
} from '../../../plugin/domain/types.ts';
import type { Database } from './schema.ts';

// `custom` (values of HR-added form fields) is not part of the domain records: routes read and write it.
type Row<T extends keyof Database> = Omit<Selectable<Database[T]>, 'custom'>;

export function parseJson<T>(text: string | null, fallback: T): T {
  if (text === null || text === '') return fallback;
  return JSON.parse(text) as T;
}

export const toRegion = (r: Row<'regions'>): Region => ({ id: r.id, name: r.name });

export const toPerson = (r: Row<'people'>): Person => ({
  id: r.id,
  name: r.name,
  role: r.role as Role,
  regionId: r.region_id,
  managerId: r.manager_id,
  baseBonusCents: Number(r.base_bonus_cents),
  // Present only when set, so snapshots of people without dates read as before migration 0010.
  ...(r.joined_on ? { joinedOn: r.joined_on } : {}),
  ...(r.left_on ? { leftOn: r.left_on } : {}),
});

export const fromPerson = (p: Person, version = 1): Row<'people'> => ({
  id: p.id,
  name: p.name,
  role: p.role,
  region_id: p.regionId,
  manager_id: p.managerId,
  base_bonus_cents: p.baseBonusCents,
  joined_on: p.joinedOn ?? null,
  left_on: p.leftOn ?? null,
  version,
});

export const toCycle = (r: Row<'cycles'>): Cycle => ({
  id: r.id,
  name: r.name,
  start: r.start_date,
  end: r.end_date,
  locked: Number(r.locked) === 1,
});

export const fromCycle = (c: Cycle): Row<'cycles'> => ({
  id: c.id,
  name: c.name,
  start_date: c.start,
  end_date: c.end,
  locked: c.locked ? 1 : 0,
});

export type StoredObjective = Objective & { version: number };

export const toObjective = (r: Row<'objectives'>): StoredObjective => ({
  id: r.id,
  cycleId: r.cycle_id,
  title: r.title,
  ownerId: r.owner_id,
  focusTags: parseJson<string[]>(r.focus_tags, []),
  weight: Number(r.weight),
  version: Number(r.version),
  // Present only when set, so records and snapshots written before migration 0008 read the same.
  ...(r.description ? { description: r.description } : {}),
  ...(r.archived_at ? { archivedAt: r.archived_at } : {}),
});

export const fromObjective = (o: Objective, version = 1): Row<'objectives'> => ({
  id: o.id,
  cycle_id: o.cycleId,
  title: o.title,
  owner_id: o.ownerId,
  focus_tags: JSON.stringify(o.focusTags),
  weight: o.weight,
  version,
  description: o.description ?? '',
  archived_at: o.archivedAt ?? null,
});

/** A link as stored, with its own row version. */
export type StoredLink = KrLink & { krId: string; version: number };

export const toLink = (r: Row<'kr_links'>): StoredLink => ({
  krId: r.kr_id,
  objectiveId: r.objective_id,
  weight: Number(r.weight),
  linkedAt: r.linked_at,
  version: Number(r.version),
});

/** KR row without links; `withLinks` adds them. */
export const toKeyResult = (r: Row<'key_results'>, links: KrLink[]): KeyResult => ({
  id: r.id,
  cycleId: r.cycle_id,
  ownerType: r.owner_type as KeyResult['ownerType'],
  ownerId: r.owner_id,
  title: r.title,
  metric: r.metric as MetricKind,
  baseline: Number(r.baseline),
  target: Number(r.target),
  unit: r.unit,
  focusTags: parseJson<string[]>(r.focus_tags, []),
  links,
  rationale: r.rationale,
  rationaleAt: r.rationale_at,
  evidence: r.evidence,
  confirmedAt: r.confirmed_at,
  updateIntervalDays: r.update_interval_days === null ? null : Number(r.update_interval_days),
  targetHistory: parseJson(r.target_history, []),
  createdAt: r.created_at,
  version: Number(r.version),
  ...(r.archived_at ? { archivedAt: r.archived_at } : {}),
  ...(r.sent_back ? { sentBack: parseJson<KrSendBack | null>(r.sent_back, null) } : {}),
});

export const fromKeyResult = (k: KeyResult): Row<'key_results'> => ({
  id: k.id,
  cycle_id: k.cycleId,
  owner_type: k.ownerType,
  owner_id: k.ownerId,
  title: k.title,
  metric: k.metric,
  baseline: k.baseline,
  target: k.target,
  unit: k.unit,
  focus_tags: JSON.stringify(k.focusTags),
  rationale: k.rationale,
  rationale_at: k.rationaleAt,
  evidence: k.evidence,
  confirmed_at: k.confirmedAt,
  update_interval_days: k.updateIntervalDays,
  target_history: JSON.stringify(k.targetHistory),
  created_at: k.createdAt,
  version: k.version,
  archived_at: k.archivedAt ?? null,
  sent_back: k.sentBack ? JSON.stringify(k.sentBack) : null,
});

export const plainLink = (l: StoredLink): KrLink => ({
  objectiveId: l.objectiveId,
  weight: l.weight,
  linkedAt: l.linkedAt,
});

export const toCheckIn = (r: Row<'check_ins'>): CheckIn => ({
  id: r.id,
  krId: r.kr_id,
  month: r.month,
  value: Number(r.value),
  selfColour: r.self_colour as Colour | null,
  colourNote: r.colour_note,
  submittedAt: r.submitted_at,
  blockers: r.blockers,
  resourceRequest: parseJson(r.resource_request, null),
  confidence: Number(r.confidence),
});

export const fromCheckIn = (c: CheckIn): Row<'check_ins'> => ({
  id: c.id,
  kr_id: c.krId,
  month: c.month,
  value: c.value,
  self_colour: c.selfColour,
  colour_note: c.colourNote,
  submitted_at: c.submittedAt,
  blockers: c.blockers,
  resource_request: c.resourceRequest ? JSON.stringify(c.resourceRequest) : null,
  confidence: c.confidence,
});

export const toEscalation = (r: Row<'escalations'>): Escalation => ({
  id: r.id,
  krId: r.kr_id,
  raisedById: r.raised_by_id,
  assigneeId: r.assignee_id,
  month: r.month,
  reason: r.reason as EscalationReason,
  detail: r.detail,
  raisedAt: r.raised_at,
  resolvedAt: r.resolved_at,
  resolution: r.resolution,
});

export const fromEscalation = (e: Escalation): Omit<Row<'escalations'>, 'version'> => ({
  id: e.id,
  kr_id: e.krId,
  raised_by_id: e.raisedById,
  assignee_id: e.assigneeId,
  month: e.month,
  reason: e.reason,
  detail: e.detail,
  raised_at: e.raisedAt,
  resolved_at: e.resolvedAt,
  resolution: e.resolution,
});

export const toActivity = (r: Row<'activities'>): Activity => ({
  personId: r.person_id,
  month: r.month,
  dealsSigned: Number(r.deals_signed),
  dealsAmountCents: Number(r.deals_amount_cents),
  highMarginAmountCents: Number(r.high_margin_amount_cents),
  clientVisits: Number(r.client_visits),
  proposalsSent: Number(r.proposals_sent),
  proposalsWon: Number(r.proposals_won),
  collectionsCents: Number(r.collections_cents),
});

export const fromActivity = (a: Activity): Row<'activities'> => ({
  person_id: a.personId,
  month: a.month,
  deals_signed: a.dealsSigned,
  deals_amount_cents: a.dealsAmountCents,
  high_margin_amount_cents: a.highMarginAmountCents,
  client_visits: a.clientVisits,
  proposals_sent: a.proposalsSent,
  proposals_won: a.proposalsWon,
  collections_cents: a.collectionsCents,
});

export const toKeyAccount = (r: Row<'key_accounts'>): KeyAccount => ({
  id: r.id,
  name: r.name,
  ownerId: r.owner_id,
  lastContactAt: r.last_contact_at,
});

export const fromKeyAccount = (k: KeyAccount): Row<'key_accounts'> => ({
  id: k.id,
  name: k.name,
  owner_id: k.ownerId,
  last_contact_at: k.lastContactAt,
});

export const toPeerReview = (r: Row<'peer_reviews'>): PeerReview => ({
  id: r.id,
  quarter: r.quarter,
  reviewerId: r.reviewer_id,
  revieweeId: r.reviewee_id,
  scores: parseJson(r.scores, { collaboration: 0, crossRegionHelp: 0, knowledgeSharing: 0 }),
  comment: r.comment,
});

export const fromPeerReview = (p: PeerReview): Row<'peer_reviews'> => ({
  id: p.id,
  quarter: p.quarter,
  reviewer_id: p.reviewerId,
  reviewee_id: p.revieweeId,
  scores: JSON.stringify(p.scores),
  comment: p.comment,
});
