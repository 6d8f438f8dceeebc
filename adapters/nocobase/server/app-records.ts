import { randomUUID } from 'node:crypto';
import {
  type AppRecords,
  activityKey,
  DuplicateRecord,
  type RecordName,
  type Records,
  type StoredAuditEntry,
  type Transaction,
  type UnitOfWork,
} from '../../../plugin/app/ports.ts';
import { toAutomationVersion } from './automation-rows.ts';
import { COLLECTIONS } from './collections.ts';
import { toRuleVersion } from './custom-rules-rows.ts';
import { toPoolRun, toSettingsVersion } from './pool-settings-rows.ts';
import {
  keyResultRow,
  type Row,
  toActivity,
  toCheckIn,
  toCycle,
  toEscalation,
  toKeyAccount,
  toKeyResult,
  toLink,
  toObjective,
  toPeerReview,
  toPerson,
  toRegion,
} from './records.ts';
import type { TableAccess, Tables } from './tables.ts';

/** How one record name is stored in NocoBase: its collection, row mapping and whether it is versioned. */
interface Spec<C extends RecordName> {
  collection: string;
  toRecord(row: Row, tx: TableAccess): Promise<AppRecords[C]> | AppRecords[C];
  toRow(record: AppRecords[C], id: string): Row;
  versioned: boolean;
  /** The row filter of a record id, for a collection not keyed by `id`. */
  key?: (id: string) => Row;
  /** A lifecycle field an update also compares with the value read (publishing a proposal: once). */
  stateField?: string;
}

const plain = <T extends object>(record: T, id: string): Row => ({ ...record, id });
/** A versioned document's collection: keyed by version; publishing compares the status it read. */
const versionSpec = <C extends 'settingsVersions' | 'automationVersions' | 'ruleVersions'>(
  collection: string,
  toRecord: (row: Row) => AppRecords[C],
): Spec<C> => ({
  collection,
  toRecord,
  toRow: (v) => ({ ...v }),
  versioned: false,
  key: (id) => ({ version: Number(id) }),
  stateField: 'status',
});
const custom = (r: Row) =>
  r.custom == null ? null : (r.custom as Record<string, string | number | boolean | null>);

const SPECS: { [C in RecordName]: Spec<C> } = {
  cycles: { collection: COLLECTIONS.cycles, toRecord: toCycle, toRow: plain, versioned: false },
  regions: { collection: COLLECTIONS.regions, toRecord: toRegion, toRow: plain, versioned: false },
  people: {
    collection: COLLECTIONS.people,
    toRecord: (r) => ({ ...toPerson(r), version: Number(r.version ?? 1) }),
    toRow: (p, id) => ({ ...p, id, joinedOn: p.joinedOn ?? null, leftOn: p.leftOn ?? null }),
    versioned: true,
  },
  personMoves: {
    collection: COLLECTIONS.personMoves,
    toRecord: (r) => ({
      id: String(r.id),
      personId: String(r.personId),
      fromRegionId: r.fromRegionId == null ? null : String(r.fromRegionId),
      toRegionId: String(r.toRegionId),
      fromManagerId: r.fromManagerId == null ? null : String(r.fromManagerId),
      toManagerId: r.toManagerId == null ? null : String(r.toManagerId),
      on: String(r.on),
      reason: String(r.reason),
      krs: r.krs === 'stay' ? 'stay' : 'move',
      at: String(r.at),
      byId: r.byId == null ? null : String(r.byId),
    }),
    toRow: plain,
    versioned: false,
  },
  objectives: {
    collection: COLLECTIONS.objectives,
    toRecord: (r) => ({ ...toObjective(r), version: Number(r.version ?? 1), custom: custom(r) }),
    toRow: plain,
    versioned: true,
  },
  keyResults: {
    collection: COLLECTIONS.keyResults,
    toRecord: async (r, tx) => ({
      ...toKeyResult(r, (await tx.find(COLLECTIONS.links, { krId: r.id })).map(toLink)),
      custom: custom(r),
    }),
    toRow: (kr, id) => ({ ...keyResultRow(kr), id }),
    versioned: true,
  },
  links: {
    collection: COLLECTIONS.links,
    toRecord: (r) => {
      const { id: _id, ...link } = toLink(r);
      return link;
    },
    toRow: plain,
    versioned: true,
  },
  checkIns: {
    collection: COLLECTIONS.checkIns,
    toRecord: (r) => ({ ...toCheckIn(r), custom: custom(r) }),
    toRow: plain,
    versioned: false,
  },
  escalations: {
    collection: COLLECTIONS.escalations,
    toRecord: (r) => ({ ...toEscalation(r), version: Number(r.version ?? 1) }),
    toRow: plain,
    versioned: true,
  },
  escalationComments: {
    collection: COLLECTIONS.escalationComments,
    toRecord: (r) => ({
      id: String(r.id),
      escalationId: String(r.escalationId),
      authorId: String(r.authorId),
      text: String(r.text),
      at: String(r.at),
    }),
    toRow: plain,
    versioned: false,
  },
  krComments: {
    collection: COLLECTIONS.krComments,
    toRecord: (r) => ({
      id: String(r.id),
      krId: String(r.krId),
      authorId: String(r.authorId),
      text: String(r.text),
      mentionIds: Array.isArray(r.mentionIds) ? r.mentionIds.map(String) : [],
      at: String(r.at),
    }),
    toRow: plain,
    versioned: false,
  },
  activities: { collection: COLLECTIONS.activities, toRecord: toActivity, toRow: plain, versioned: false },
  keyAccounts: {
    collection: COLLECTIONS.keyAccounts,
    toRecord: toKeyAccount,
    toRow: plain,
    versioned: false,
  },
  peerReviews: {
    collection: COLLECTIONS.peerReviews,
    toRecord: toPeerReview,
    toRow: plain,
    versioned: false,
  },
  peerReviewWindows: {
    collection: COLLECTIONS.peerReviewWindows,
    toRecord: (r) => ({
      id: String(r.id),
      quarter: String(r.quarter),
      state: r.state === 'open' ? 'open' : 'closed',
      closesOn: r.closesOn == null ? null : String(r.closesOn),
      crossRegion: Array.isArray(r.crossRegion)
        ? (r.crossRegion as AppRecords['peerReviewWindows']['crossRegion'])
        : [],
      openedAt: String(r.openedAt),
      openedById: r.openedById == null ? null : String(r.openedById),
      closedAt: r.closedAt == null ? null : String(r.closedAt),
      version: Number(r.version ?? 1),
    }),
    toRow: plain,
    versioned: true,
  },
  formOverlays: {
    collection: COLLECTIONS.formOverlays,
    toRecord: (r) => ({
      id: String(r.id),
      overlay: r.overlay ?? null,
      version: Number(r.version),
      updatedAt: String(r.updatedAt),
      updatedById: String(r.updatedById),
    }),
    toRow: plain,
    versioned: true,
  },
  settingsVersions: versionSpec(COLLECTIONS.settingsVersions, toSettingsVersion),
  poolRuns: {
    collection: COLLECTIONS.poolRuns,
    toRecord: toPoolRun,
    // createdAt and updatedAt are NocoBase's own timestamps on this collection.
    toRow: ({ createdAt: _c, updatedAt: _u, ...run }) => ({ ...run }),
    versioned: true,
  },
  automationVersions: versionSpec(COLLECTIONS.automationVersions, toAutomationVersion),
  ruleVersions: versionSpec(COLLECTIONS.ruleVersions, toRuleVersion),
};

/** The id a record is stored under: its own, or the key the pack derives for links and activities. */
function keyOf<C extends RecordName>(c: C, record: AppRecords[C]): string {
  if (c === 'links') {
    const l = record as AppRecords['links'];
    return `${l.krId}~${l.objectiveId}`;
  }
  if (c === 'activities') {
    const a = record as AppRecords['activities'];
    return activityKey(a.personId, a.month);
  }
  return (record as { id: string }).id;
}

const isUnique = (error: unknown) => (error as { name?: string })?.name === 'SequelizeUniqueConstraintError';

/** The pack's `Records` over NocoBase repositories, inside `tx` (a transaction or none). */
export function nocobaseRecords(tx: TableAccess): Records {
  const self: Records = {
    async get(c, id) {
      const spec = SPECS[c] as Spec<typeof c>;
      const row = spec.key
        ? ((await tx.find(spec.collection, spec.key(id)))[0] ?? null)
        : await tx.findOne(spec.collection, id);
      return row ? ((await spec.toRecord(row, tx)) as never) : null;
    },
    async find(c, match) {
      const spec = SPECS[c] as Spec<typeof c>;
      const rows = await tx.find(
        spec.collection,
        match && Object.keys(match).length ? { ...match } : undefined,
      );
      return Promise.all(rows.map((r) => spec.toRecord(r, tx))) as never;
    },
    async insert(c, record) {
      const spec = SPECS[c] as Spec<typeof c>;
      try {
        await tx.create(spec.collection, spec.toRow(record as never, keyOf(c, record)));
      } catch (error) {
        if (isUnique(error)) throw new DuplicateRecord(c);
        throw error;
      }
    },
    async update(c, id, patch, expectedVersion) {
      const spec = SPECS[c] as Spec<typeof c>;
      const current = await self.get(c, id);
      if (!current) return false;
      const base = spec.versioned ? (expectedVersion ?? (current as { version: number }).version) : undefined;
      const next = { ...current, ...patch } as AppRecords[typeof c];
      if (base !== undefined) (next as { version: number }).version = base + 1;
      const { id: _id, ...values } = spec.toRow(next as never, id);
      // One UPDATE … WHERE version = base: a writer that committed first makes it change nothing.
      const where: Row = {
        ...(spec.key ? spec.key(id) : { id }),
        ...(base === undefined ? {} : { version: base }),
      };
      if (spec.stateField) where[spec.stateField] = (current as unknown as Row)[spec.stateField];
      return (await tx.updateWhere(spec.collection, where, values)) === 1;
    },
    async remove(c, id, expectedVersion) {
      const spec = SPECS[c] as Spec<typeof c>;
      const key = spec.key ? spec.key(id) : { id };
      const filter = expectedVersion === undefined ? key : { ...key, version: expectedVersion };
      return (await tx.destroy(spec.collection, filter)) >= 1;
    },
  };
  return self;
}

const audit = (tx: TableAccess, e: StoredAuditEntry) =>
  tx.create(COLLECTIONS.audit, {
    id: randomUUID(),
    at: e.at,
    actorId: e.actorId ?? 'system',
    action: e.action,
    subject: `${e.subjectType}:${e.subjectId}`,
    detail: { before: e.before ?? null, after: e.after ?? null },
  });

/** One Sequelize transaction per command: its record writes and audit rows commit together. */
export function nocobaseUnitOfWork(tables: Tables): UnitOfWork {
  return {
    transaction: (work) =>
      tables.transaction((access) => {
        const tx: Transaction = {
          ...nocobaseRecords(access),
          audit: (e) => audit(access, e).then(() => undefined),
        };
        return work(tx);
      }),
  };
}
