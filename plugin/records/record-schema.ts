import type { AppRecords, RecordName } from '../app/ports.ts';

/** How a value is stored; a host maps each to its own column type. */
export type StorageType = 'string' | 'text' | 'integer' | 'bigInt' | 'double' | 'boolean' | 'json';

/**
 * One field of a stored record. Text columns default to `''` and booleans to `false`; every other
 * column is required unless `null`, `optional` or `allowNull` says otherwise.
 */
export interface FieldSpec {
  readonly type: StorageType;
  /** The record holds `null` when the column does. */
  readonly null?: true;
  /** Present in the record only when set (a falsy column leaves the field out), as records from before it read. */
  readonly optional?: true;
  /** The column accepts null for rows from before the field, though the record needs a value. */
  readonly allowNull?: true;
  /** The column default, also read for a null column. */
  readonly default?: string | number | boolean;
  /** What a null JSON column reads as. */
  readonly empty?: unknown;
  readonly unique?: true;
  /** The camelCase column name when it is not the field's name. */
  readonly column?: string;
  /** Kept with the row but not part of the sdk entity (row version, HR's custom values). */
  readonly meta?: true;
  /** The host's own row timestamp (NocoBase: `createdAt`/`updatedAt`): read, never written. */
  readonly timestamp?: true;
}

/** How a record id maps to its row when it is not the `id` field. */
export type KeySpec<R> =
  | { readonly field: keyof R & string }
  | { readonly parts: readonly [keyof R & string, keyof R & string]; readonly separator: string };

/** How one record kind of `AppRecords` is stored. */
export interface RecordSpec<R> {
  /** The table (snake_case); NocoBase names its collection `okr_<table>`. */
  readonly table: string;
  /** Default: the `id` field. With `parts`, the row's `id` column holds the joined parts. */
  readonly key?: KeySpec<R>;
  /** Updates are compare-and-sets on `version`, bumping it by one. */
  readonly versioned?: true;
  /** A lifecycle field an update also compares with the value read (publishing a proposal: once). */
  readonly stateField?: keyof R & string;
  /** Every field of the record (a key result's `links` are `links` records). */
  readonly fields: { readonly [K in Exclude<keyof R, 'links'>]-?: FieldSpec };
  /** Columns a host keeps beside the record: neither read into it nor written from it. */
  readonly hostColumns?: Readonly<Record<string, FieldSpec>>;
}

export type RecordSchema = { readonly [C in RecordName]: RecordSpec<AppRecords[C]> };

const S = { type: 'string' } as const;
const SN = { type: 'string', null: true } as const;
const T = { type: 'text' } as const;
const I = { type: 'integer' } as const;
const D = { type: 'double' } as const;
const B = { type: 'bigInt' } as const;
const J = { type: 'json' } as const;
const VERSION = I;
/** A row version that rows from before it read as 1. */
const META_VERSION = { type: 'integer', default: 1, meta: true } as const;
const CUSTOM = { type: 'json', null: true, meta: true } as const;
/** The fields of a versioned document (settings, automations, custom rules) after its version, status and document. */
const VERSION_FIELDS = {
  reason: T,
  authorId: S,
  createdAt: S,
  publishedAt: SN,
  publishedById: SN,
  rollbackOf: { type: 'integer', null: true },
} as const;
/** A versioned document is keyed by its version; publishing compares the status it read. */
const DOCUMENT = { key: { field: 'version' }, stateField: 'status' } as const;

/** The pack's stored records: one entry per `AppRecords` kind. Hosts derive tables and row mapping from it. */
export const RECORD_SCHEMA = {
  cycles: { table: 'cycles', fields: { id: S, name: S, start: S, end: S, locked: { type: 'boolean' } } },
  regions: { table: 'regions', fields: { id: S, name: S } },
  people: {
    table: 'people',
    versioned: true,
    fields: {
      id: S,
      name: S,
      role: S,
      regionId: SN,
      managerId: SN,
      baseBonusCents: B,
      // First and last day at the company; absent: before the records / still here.
      joinedOn: { ...SN, optional: true },
      leftOn: { ...SN, optional: true },
      version: META_VERSION,
    },
    // The sign-in account connected to this person (NocoBase user id); null until an admin connects one.
    hostColumns: { userId: { type: 'bigInt', null: true } },
  },
  personMoves: {
    table: 'person_moves',
    fields: {
      id: S,
      personId: S,
      fromRegionId: SN,
      toRegionId: S,
      fromManagerId: SN,
      toManagerId: SN,
      on: S,
      reason: T,
      krs: S,
      at: S,
      byId: SN,
    },
  },
  objectives: {
    table: 'objectives',
    versioned: true,
    fields: {
      id: S,
      cycleId: S,
      title: T,
      ownerId: S,
      focusTags: { ...J, empty: [] },
      weight: D,
      version: META_VERSION,
      custom: CUSTOM,
      description: { ...T, optional: true },
      archivedAt: { ...SN, optional: true },
    },
  },
  keyResults: {
    table: 'key_results',
    versioned: true,
    fields: {
      id: S,
      cycleId: S,
      ownerType: S,
      ownerId: S,
      title: T,
      metric: S,
      baseline: D,
      target: D,
      unit: S,
      focusTags: { ...J, empty: [] },
      rationale: T,
      rationaleAt: SN,
      evidence: T,
      confirmedAt: SN,
      updateIntervalDays: { type: 'integer', null: true },
      targetHistory: { ...J, empty: [] },
      // NocoBase's own `createdAt` is when the row was written; rows from before it was kept are backfilled.
      createdAt: { ...S, column: 'proposedAt', allowNull: true },
      version: VERSION,
      custom: CUSTOM,
      archivedAt: { ...SN, optional: true },
      sentBack: { type: 'json', null: true, optional: true },
    },
  },
  links: {
    table: 'kr_links',
    key: { parts: ['krId', 'objectiveId'], separator: '~' },
    versioned: true,
    fields: { krId: S, objectiveId: S, weight: D, linkedAt: S, version: VERSION },
  },
  checkIns: {
    table: 'check_ins',
    fields: {
      id: S,
      krId: S,
      month: S,
      value: D,
      selfColour: SN,
      colourNote: T,
      submittedAt: S,
      blockers: T,
      resourceRequest: { type: 'json', null: true },
      confidence: D,
      custom: CUSTOM,
    },
  },
  escalations: {
    table: 'escalations',
    versioned: true,
    fields: {
      id: S,
      krId: S,
      raisedById: S,
      assigneeId: SN,
      month: S,
      reason: S,
      detail: T,
      raisedAt: S,
      resolvedAt: SN,
      resolution: T,
      version: META_VERSION,
    },
  },
  escalationComments: {
    table: 'escalation_comments',
    fields: { id: S, escalationId: S, authorId: S, text: T, at: S },
  },
  krComments: {
    table: 'kr_comments',
    fields: { id: S, krId: S, authorId: S, text: T, mentionIds: { ...J, empty: [] }, at: S },
  },
  activities: {
    table: 'activities',
    key: { parts: ['personId', 'month'], separator: ':' },
    fields: {
      personId: S,
      month: S,
      dealsSigned: I,
      dealsAmountCents: B,
      highMarginAmountCents: B,
      clientVisits: I,
      proposalsSent: I,
      proposalsWon: I,
      collectionsCents: B,
    },
  },
  keyAccounts: { table: 'key_accounts', fields: { id: S, name: S, ownerId: S, lastContactAt: SN } },
  peerReviews: {
    table: 'peer_reviews',
    fields: {
      id: S,
      quarter: S,
      reviewerId: S,
      revieweeId: S,
      scores: { ...J, empty: { collaboration: 0, crossRegionHelp: 0, knowledgeSharing: 0 } },
      comment: T,
    },
  },
  // One window per quarter (the id is the quarter): two opens racing are one window and one 409.
  peerReviewWindows: {
    table: 'peer_review_windows',
    versioned: true,
    fields: {
      id: S,
      quarter: S,
      state: S,
      closesOn: SN,
      crossRegion: { ...J, empty: [] },
      openedAt: S,
      openedById: SN,
      closedAt: SN,
      version: VERSION,
    },
  },
  // HR's overlay of a pack form (added fields, labels, order), keyed by the form id.
  formOverlays: {
    table: 'form_overlays',
    versioned: true,
    fields: { id: S, overlay: { ...J, empty: null }, version: VERSION, updatedAt: S, updatedById: S },
  },
  settingsVersions: {
    ...DOCUMENT,
    table: 'settings_versions',
    fields: { version: I, status: S, settings: J, ...VERSION_FIELDS },
  },
  poolRuns: {
    table: 'pool_runs',
    versioned: true,
    fields: {
      id: S,
      // One run per quarter: two first computes racing are one run and one 409.
      quarter: { ...S, unique: true },
      cycleId: S,
      state: S,
      poolCents: { type: 'bigInt', null: true },
      settingsVersion: { type: 'integer', null: true },
      computedAt: SN,
      result: { type: 'json', null: true },
      createdById: S,
      version: VERSION,
      createdAt: { ...S, timestamp: true },
      updatedAt: { ...S, timestamp: true },
    },
  },
  automationVersions: {
    ...DOCUMENT,
    table: 'automation_versions',
    fields: { version: I, status: S, document: J, ...VERSION_FIELDS },
  },
  ruleVersions: {
    ...DOCUMENT,
    table: 'rule_versions',
    fields: { version: I, status: S, document: J, ...VERSION_FIELDS },
  },
  // One row per step of an event, claimed under its unique key before the step acts.
  automationRuns: {
    table: 'automation_runs',
    fields: {
      id: S,
      key: { ...S, column: 'runKey', unique: true },
      eventId: S,
      automationId: S,
      stepIndex: I,
      action: J,
      event: J,
      status: S,
      attempts: { ...I, default: 0 },
      nextAttemptAt: S,
      lastError: { ...T, null: true },
      createdAt: S,
      doneAt: SN,
    },
  },
  // A wait step, keyed by its run key: the tick goes on with the next steps when it comes due.
  automationWaits: {
    table: 'automation_waits',
    fields: {
      id: S,
      automationId: S,
      event: J,
      resumeAt: I,
      dueDate: S,
      status: S,
      createdAt: S,
      settledAt: SN,
    },
  },
  // A region's group robot; `url` and `secret` hold AES-256-GCM sealed text once `sealed`.
  channels: {
    table: 'notify_webhooks',
    versioned: true,
    fields: {
      id: S,
      regionId: SN,
      platform: S,
      name: S,
      url: T,
      secret: T,
      lang: S,
      enabled: { type: 'boolean' },
      createdAt: S,
      updatedAt: S,
      version: VERSION,
      sealed: { type: 'boolean' },
    },
  },
} as const satisfies RecordSchema;

export const RECORD_NAMES = Object.keys(RECORD_SCHEMA) as RecordName[];
