/**
 * The pack's collections as NocoBase collection options (plain data, written by the build to
 * `dist/server/collections/*.js`). Ids are our own string ids, so NocoBase must not add its own.
 * Dates and instants are kept as ISO strings: they round-trip exactly, whatever the server time zone.
 */

export type FieldType = 'string' | 'text' | 'integer' | 'bigInt' | 'double' | 'boolean' | 'json';

export interface FieldDef {
  name: string;
  type: FieldType;
  primaryKey?: true;
  allowNull?: boolean;
  unique?: true;
  defaultValue?: unknown;
}

export interface CollectionDef {
  name: string;
  /** i18n key of the title (locale files of the client bundle). */
  title: string;
  autoGenId: false;
  timestamps: boolean;
  fields: FieldDef[];
}

const id: FieldDef = { name: 'id', type: 'string', primaryKey: true, allowNull: false };
const str = (name: string, allowNull = false): FieldDef => ({ name, type: 'string', allowNull });
const text = (name: string): FieldDef => ({ name, type: 'text', allowNull: false, defaultValue: '' });
const int = (name: string, allowNull = false): FieldDef => ({ name, type: 'integer', allowNull });
const big = (name: string, allowNull = false): FieldDef => ({ name, type: 'bigInt', allowNull });
const num = (name: string): FieldDef => ({ name, type: 'double', allowNull: false });
const json = (name: string, allowNull = false): FieldDef => ({ name, type: 'json', allowNull });
const bool = (name: string): FieldDef => ({ name, type: 'boolean', allowNull: false, defaultValue: false });
/** The fields of a versioned document's collection (settings, automations, custom rules), keyed by version. */
const versionFields = (documentField: 'settings' | 'document'): FieldDef[] => [
  { name: 'version', type: 'integer', primaryKey: true, allowNull: false },
  str('status'),
  json(documentField),
  text('reason'),
  str('authorId'),
  str('createdAt'),
  str('publishedAt', true),
  str('publishedById', true),
  int('rollbackOf', true),
];

const def = (name: string, fields: FieldDef[]): CollectionDef => ({
  name,
  title: `collections.${name}`,
  autoGenId: false,
  timestamps: true,
  fields,
});

/** Collection names by role in the adapter. */
export const COLLECTIONS = {
  cycles: 'okr_cycles',
  regions: 'okr_regions',
  people: 'okr_people',
  personMoves: 'okr_person_moves',
  objectives: 'okr_objectives',
  keyResults: 'okr_key_results',
  links: 'okr_kr_links',
  checkIns: 'okr_check_ins',
  escalations: 'okr_escalations',
  escalationComments: 'okr_escalation_comments',
  krComments: 'okr_kr_comments',
  activities: 'okr_activities',
  keyAccounts: 'okr_key_accounts',
  peerReviews: 'okr_peer_reviews',
  peerReviewWindows: 'okr_peer_review_windows',
  settingsVersions: 'okr_settings_versions',
  automationVersions: 'okr_automation_versions',
  ruleVersions: 'okr_rule_versions',
  poolRuns: 'okr_pool_runs',
  audit: 'okr_audit',
  ruleEvents: 'okr_rule_events',
  notifications: 'okr_notifications',
  formOverlays: 'okr_form_overlays',
} as const;

export type CollectionKey = keyof typeof COLLECTIONS;

export const COLLECTION_DEFS: readonly CollectionDef[] = [
  def(COLLECTIONS.cycles, [id, str('name'), str('start'), str('end'), bool('locked')]),
  def(COLLECTIONS.regions, [id, str('name')]),
  def(COLLECTIONS.people, [
    id,
    str('name'),
    str('role'),
    str('regionId', true),
    str('managerId', true),
    big('baseBonusCents'),
    // NocoBase user id of this person; null until an admin connects an account.
    big('userId', true),
    // First and last day at the company; null: before the records / still here.
    str('joinedOn', true),
    str('leftOn', true),
    { name: 'version', type: 'integer', allowNull: false, defaultValue: 1 },
  ]),
  // A person's moves of region and manager (`person.move`), the region history.
  def(COLLECTIONS.personMoves, [
    id,
    str('personId'),
    str('fromRegionId', true),
    str('toRegionId'),
    str('fromManagerId', true),
    str('toManagerId', true),
    str('on'),
    text('reason'),
    str('krs'),
    str('at'),
    str('byId', true),
  ]),
  def(COLLECTIONS.objectives, [
    id,
    str('cycleId'),
    text('title'),
    str('ownerId'),
    json('focusTags'),
    num('weight'),
    { name: 'version', type: 'integer', allowNull: false, defaultValue: 1 },
    json('custom', true),
    text('description'),
    str('archivedAt', true),
  ]),
  def(COLLECTIONS.keyResults, [
    id,
    str('cycleId'),
    str('ownerType'),
    str('ownerId'),
    text('title'),
    str('metric'),
    num('baseline'),
    num('target'),
    str('unit'),
    json('focusTags'),
    text('rationale'),
    str('rationaleAt', true),
    text('evidence'),
    str('confirmedAt', true),
    int('updateIntervalDays', true),
    json('targetHistory'),
    // The KR's own createdAt (an ISO string; NocoBase's createdAt is when the row was written).
    // Nullable only for rows from before it was kept: backfill-created-at.ts fills them at start.
    str('proposedAt', true),
    int('version'),
    json('custom', true),
    str('archivedAt', true),
    json('sentBack', true),
  ]),
  def(COLLECTIONS.links, [
    id,
    str('krId'),
    str('objectiveId'),
    num('weight'),
    str('linkedAt'),
    int('version'),
  ]),
  def(COLLECTIONS.checkIns, [
    id,
    str('krId'),
    str('month'),
    num('value'),
    str('selfColour', true),
    text('colourNote'),
    str('submittedAt'),
    text('blockers'),
    json('resourceRequest', true),
    num('confidence'),
    json('custom', true),
  ]),
  def(COLLECTIONS.escalations, [
    id,
    str('krId'),
    str('raisedById'),
    str('assigneeId', true),
    str('month'),
    str('reason'),
    text('detail'),
    str('raisedAt'),
    str('resolvedAt', true),
    text('resolution'),
    { name: 'version', type: 'integer', allowNull: false, defaultValue: 1 },
  ]),
  // The comment thread of an escalation, oldest first.
  def(COLLECTIONS.escalationComments, [id, str('escalationId'), str('authorId'), text('text'), str('at')]),
  // Comments on a key result; `mentionIds` are the people it @mentions.
  def(COLLECTIONS.krComments, [
    id,
    str('krId'),
    str('authorId'),
    text('text'),
    json('mentionIds'),
    str('at'),
  ]),
  def(COLLECTIONS.activities, [
    id,
    str('personId'),
    str('month'),
    int('dealsSigned'),
    big('dealsAmountCents'),
    big('highMarginAmountCents'),
    int('clientVisits'),
    int('proposalsSent'),
    int('proposalsWon'),
    big('collectionsCents'),
  ]),
  def(COLLECTIONS.keyAccounts, [id, str('name'), str('ownerId'), str('lastContactAt', true)]),
  def(COLLECTIONS.peerReviews, [
    id,
    str('quarter'),
    str('reviewerId'),
    str('revieweeId'),
    json('scores'),
    text('comment'),
  ]),
  def(COLLECTIONS.ruleVersions, versionFields('document')),
  def(COLLECTIONS.automationVersions, versionFields('document')),
  // One review window per quarter (the id is the quarter): two opens racing are one window and one 409.
  def(COLLECTIONS.peerReviewWindows, [
    id,
    str('quarter'),
    str('state'),
    str('closesOn', true),
    json('crossRegion'),
    str('openedAt'),
    str('openedById', true),
    str('closedAt', true),
    int('version'),
  ]),
  def(COLLECTIONS.settingsVersions, versionFields('settings')),
  def(COLLECTIONS.poolRuns, [
    id,
    // One run per quarter: two first computes racing are one run and one 409.
    { name: 'quarter', type: 'string', allowNull: false, unique: true },
    str('cycleId'),
    str('state'),
    big('poolCents', true),
    int('settingsVersion', true),
    str('computedAt', true),
    json('result', true),
    str('createdById'),
    int('version'),
  ]),
  def(COLLECTIONS.audit, [id, str('at'), str('actorId'), str('action'), str('subject'), json('detail')]),
  // One row per rule event and subject: a NocoBase workflow can trigger on "record created" here.
  def(COLLECTIONS.ruleEvents, [
    id,
    str('type'),
    str('krId', true),
    str('personId', true),
    str('accountId', true),
    str('month', true),
    json('params'),
    str('at'),
    { name: 'dedupKey', type: 'string', allowNull: false, unique: true },
  ]),
  // HR's overlay of a pack form (added fields, labels, order), keyed by the form id.
  def(COLLECTIONS.formOverlays, [id, json('overlay'), int('version'), str('updatedAt'), str('updatedById')]),
  def(COLLECTIONS.notifications, [
    id,
    str('personId'),
    str('kind'),
    json('params'),
    json('subject'),
    str('createdAt'),
    str('readAt', true),
    str('dedupKey'),
  ]),
].map((c) => ({
  ...c,
  // Our own createdAt (an ISO string) would clash with NocoBase's timestamp columns.
  timestamps: !c.fields.some((f) => f.name === 'createdAt' || f.name === 'updatedAt'),
}));
