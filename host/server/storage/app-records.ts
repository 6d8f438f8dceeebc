import type { Kysely } from 'kysely';
import {
  type AppRecords,
  DuplicateRecord,
  type RecordName,
  type Records,
  type Transaction,
  type UnitOfWork,
} from '../../../plugin/app/ports.ts';
import type { KrLink } from '../../../plugin/domain/types.ts';
import { specOf } from '../../../plugin/records/row-codec.ts';
import { automationRows } from '../automations/version-rows.ts';
import { fromRuleVersion, toRuleVersion } from '../routes/custom-rules-rows.ts';
import { writeAudit } from '../services/audit.ts';
import { readCustom, writeCustom } from '../services/custom-values.ts';
import {
  fromActivity,
  fromCheckIn,
  fromCycle,
  fromEscalation,
  fromKeyAccount,
  fromKeyResult,
  fromObjective,
  fromPeerReview,
  fromPerson,
  parseJson,
  plainLink,
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
} from './mappers.ts';
import { fromPoolRun, settingsRows, toPoolRun } from './pool-settings-rows.ts';
import type { Database, VersionTable } from './schema.ts';

type Db = Kysely<Database>;
type AnyRow = Record<string, unknown>;

/** How one record name is stored: its table, key columns (from the record id) and row mapping. */
interface Spec<C extends RecordName> {
  table: keyof Database;
  key(id: string): AnyRow;
  /** The domain field of each column a `Match` may name (only these filters are allowed). */
  columns: Partial<Record<keyof AppRecords[C], string>>;
  toRecord(row: AnyRow, db: Db): Promise<AppRecords[C]> | AppRecords[C];
  toRow(record: AppRecords[C]): AnyRow;
}

/** A versioned document's table: keyed by version; publishing compares the status it read. */
const versionSpec = <C extends 'settingsVersions' | 'automationVersions' | 'ruleVersions'>(
  table: keyof Database,
  rows: { to(row: VersionTable): AppRecords[C]; from(version: AppRecords[C]): VersionTable },
): Spec<C> => ({
  table,
  key: (id) => ({ version: Number(id) }),
  columns: { status: 'status' } as Spec<C>['columns'],
  toRecord: (r) => rows.to(r as VersionTable),
  toRow: rows.from,
});

const custom = (row: AnyRow) => readCustom(row.custom as string | null);
const splitAt = (id: string, sep: string): [string, string] => {
  const i = id.lastIndexOf(sep);
  return i < 0 ? [id, ''] : [id.slice(0, i), id.slice(i + sep.length)];
};

async function linksOf(db: Db, krId: string): Promise<KrLink[]> {
  const rows = await db
    .selectFrom('kr_links')
    .selectAll()
    .where('kr_id', '=', krId)
    .orderBy('objective_id')
    .execute();
  return rows.map((r) => plainLink(toLink(r)));
}

const SPECS: { [C in RecordName]: Spec<C> } = {
  cycles: {
    table: 'cycles',
    key: (id) => ({ id }),
    columns: { id: 'id' },
    toRecord: (r) => toCycle(r as never),
    toRow: fromCycle,
  },
  regions: {
    table: 'regions',
    key: (id) => ({ id }),
    columns: { id: 'id' },
    toRecord: (r) => toRegion(r as never),
    toRow: (r) => ({ ...r }),
  },
  people: {
    table: 'people',
    key: (id) => ({ id }),
    columns: { id: 'id', role: 'role', regionId: 'region_id', managerId: 'manager_id' },
    toRecord: (r) => ({ ...toPerson(r as never), version: Number(r.version) }),
    toRow: (p) => fromPerson(p, p.version ?? 1),
  },
  personMoves: {
    table: 'person_moves',
    key: (id) => ({ id }),
    columns: { id: 'id', personId: 'person_id' },
    toRecord: (r) => ({
      id: r.id as string,
      personId: r.person_id as string,
      fromRegionId: (r.from_region_id as string | null) ?? null,
      toRegionId: r.to_region_id as string,
      fromManagerId: (r.from_manager_id as string | null) ?? null,
      toManagerId: (r.to_manager_id as string | null) ?? null,
      on: r.on_date as string,
      reason: r.reason as string,
      krs: r.krs as 'move' | 'stay',
      at: r.at as string,
      byId: (r.by_id as string | null) ?? null,
    }),
    toRow: (m) => ({
      id: m.id,
      person_id: m.personId,
      from_region_id: m.fromRegionId,
      to_region_id: m.toRegionId,
      from_manager_id: m.fromManagerId,
      to_manager_id: m.toManagerId,
      on_date: m.on,
      reason: m.reason,
      krs: m.krs,
      at: m.at,
      by_id: m.byId,
    }),
  },
  objectives: {
    table: 'objectives',
    key: (id) => ({ id }),
    columns: { id: 'id', cycleId: 'cycle_id', ownerId: 'owner_id' },
    toRecord: (r) => ({ ...toObjective(r as never), custom: custom(r) }),
    toRow: (o) => ({ ...fromObjective(o, o.version), custom: writeCustom(o.custom) }),
  },
  keyResults: {
    table: 'key_results',
    key: (id) => ({ id }),
    columns: { id: 'id', cycleId: 'cycle_id', ownerId: 'owner_id', ownerType: 'owner_type' },
    toRecord: async (r, db) => ({
      ...toKeyResult(r as never, await linksOf(db, r.id as string)),
      custom: custom(r),
    }),
    toRow: (k) => ({ ...fromKeyResult(k), custom: writeCustom(k.custom) }),
  },
  links: {
    table: 'kr_links',
    key: (id) => {
      const [kr_id, objective_id] = splitAt(id, '~');
      return { kr_id, objective_id };
    },
    columns: { krId: 'kr_id', objectiveId: 'objective_id' },
    toRecord: (r) => toLink(r as never),
    toRow: (l) => ({
      kr_id: l.krId,
      objective_id: l.objectiveId,
      weight: l.weight,
      linked_at: l.linkedAt,
      version: l.version,
    }),
  },
  checkIns: {
    table: 'check_ins',
    key: (id) => ({ id }),
    columns: { id: 'id', krId: 'kr_id', month: 'month' },
    toRecord: (r) => ({ ...toCheckIn(r as never), custom: custom(r) }),
    toRow: (c) => ({ ...fromCheckIn(c), custom: writeCustom(c.custom) }),
  },
  escalations: {
    table: 'escalations',
    key: (id) => ({ id }),
    columns: {
      id: 'id',
      krId: 'kr_id',
      month: 'month',
      assigneeId: 'assignee_id',
      resolvedAt: 'resolved_at',
    },
    toRecord: (r) => ({ ...toEscalation(r as never), version: Number(r.version) }),
    toRow: (e) => ({ ...fromEscalation(e), version: e.version }),
  },
  escalationComments: {
    table: 'escalation_comments',
    key: (id) => ({ id }),
    columns: { id: 'id', escalationId: 'escalation_id' },
    toRecord: (r) => ({
      id: r.id as string,
      escalationId: r.escalation_id as string,
      authorId: r.author_id as string,
      text: r.text as string,
      at: r.at as string,
    }),
    toRow: (c) => ({
      id: c.id,
      escalation_id: c.escalationId,
      author_id: c.authorId,
      text: c.text,
      at: c.at,
    }),
  },
  krComments: {
    table: 'kr_comments',
    key: (id) => ({ id }),
    columns: { id: 'id', krId: 'kr_id' },
    toRecord: (r) => ({
      id: r.id as string,
      krId: r.kr_id as string,
      authorId: r.author_id as string,
      text: r.text as string,
      mentionIds: parseJson<string[]>(r.mention_ids as string, []),
      at: r.at as string,
    }),
    toRow: (c) => ({
      id: c.id,
      kr_id: c.krId,
      author_id: c.authorId,
      text: c.text,
      mention_ids: JSON.stringify(c.mentionIds),
      at: c.at,
    }),
  },
  activities: {
    table: 'activities',
    key: (id) => {
      const [person_id, month] = splitAt(id, ':');
      return { person_id, month };
    },
    columns: { personId: 'person_id', month: 'month' },
    toRecord: (r) => toActivity(r as never),
    toRow: fromActivity,
  },
  keyAccounts: {
    table: 'key_accounts',
    key: (id) => ({ id }),
    columns: { id: 'id', ownerId: 'owner_id' },
    toRecord: (r) => toKeyAccount(r as never),
    toRow: fromKeyAccount,
  },
  peerReviews: {
    table: 'peer_reviews',
    key: (id) => ({ id }),
    columns: { id: 'id', quarter: 'quarter', reviewerId: 'reviewer_id', revieweeId: 'reviewee_id' },
    toRecord: (r) => toPeerReview(r as never),
    toRow: fromPeerReview,
  },
  peerReviewWindows: {
    table: 'peer_review_windows',
    key: (id) => ({ quarter: id }),
    columns: { id: 'quarter', quarter: 'quarter', state: 'state' },
    toRecord: (r) => ({
      id: r.quarter as string,
      quarter: r.quarter as string,
      state: r.state as 'open' | 'closed',
      closesOn: (r.closes_on as string | null) ?? null,
      crossRegion: parseJson(r.cross_region as string, []),
      openedAt: r.opened_at as string,
      openedById: (r.opened_by_id as string | null) ?? null,
      closedAt: (r.closed_at as string | null) ?? null,
      version: Number(r.version),
    }),
    toRow: (w) => ({
      quarter: w.quarter,
      state: w.state,
      closes_on: w.closesOn,
      cross_region: JSON.stringify(w.crossRegion),
      opened_at: w.openedAt,
      opened_by_id: w.openedById,
      closed_at: w.closedAt,
      version: w.version,
    }),
  },
  formOverlays: {
    table: 'form_overlays',
    key: (id) => ({ form_id: id }),
    columns: { id: 'form_id' },
    toRecord: (r) => ({
      id: r.form_id as string,
      overlay: parseJson(r.overlay as string, null),
      version: Number(r.version),
      updatedAt: r.updated_at as string,
      updatedById: r.updated_by_id as string,
    }),
    toRow: (o) => ({
      form_id: o.id,
      overlay: JSON.stringify(o.overlay),
      version: o.version,
      updated_at: o.updatedAt,
      updated_by_id: o.updatedById,
    }),
  },
  settingsVersions: versionSpec('settings_versions', settingsRows),
  poolRuns: {
    table: 'pool_runs',
    key: (id) => ({ id }),
    columns: { id: 'id', quarter: 'quarter', state: 'state' },
    toRecord: (r) => toPoolRun(r as never),
    toRow: fromPoolRun,
  },
  automationVersions: versionSpec('automation_versions', automationRows),
  ruleVersions: versionSpec('rule_versions', { to: toRuleVersion, from: fromRuleVersion }),
};

/** SQLite and PostgreSQL both report a unique-key violation on insert; anything else stays itself. */
function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  return (
    code === '23505' || (typeof code === 'string' && /^SQLITE_CONSTRAINT_(PRIMARYKEY|UNIQUE)$/.test(code))
  );
}

function where<Q extends { where: (...a: never[]) => Q }>(q: Q, values: AnyRow): Q {
  let out = q;
  for (const [column, value] of Object.entries(values))
    out = (out.where as (c: string, op: string, v: unknown) => Q)(column, value === null ? 'is' : '=', value);
  return out;
}

/** The pack's `Records` over this host's tables, inside `db` (a transaction or the database). */
export function sqlRecords(db: Db): Records {
  const self: Records = {
    async get(c, id) {
      const spec = SPECS[c] as Spec<typeof c>;
      const row = await where(db.selectFrom(spec.table).selectAll(), spec.key(id)).executeTakeFirst();
      return row ? ((await spec.toRecord(row as AnyRow, db)) as never) : null;
    },
    async find(c, match) {
      const spec = SPECS[c] as Spec<typeof c>;
      const filter: AnyRow = {};
      for (const [field, value] of Object.entries(match ?? {})) {
        const column = spec.columns[field as keyof (typeof spec)['columns']];
        if (!column) throw new Error(`records: ${c} cannot be filtered by "${field}"; add it to its columns`);
        filter[column] = value;
      }
      const rows = await where(db.selectFrom(spec.table).selectAll(), filter).execute();
      return Promise.all(rows.map((r) => spec.toRecord(r as AnyRow, db))) as never;
    },
    async insert(c, record) {
      const spec = SPECS[c] as Spec<typeof c>;
      try {
        await db
          .insertInto(spec.table)
          .values(spec.toRow(record as never) as never)
          .execute();
      } catch (error) {
        if (isUniqueViolation(error)) throw new DuplicateRecord(c);
        throw error;
      }
    },
    async update(c, id, patch, expectedVersion) {
      const spec = SPECS[c] as Spec<typeof c>;
      // Versioned or not, and the lifecycle field an update compares, are the pack's record schema's.
      const { versioned, stateField } = specOf(c);
      const current = await self.get(c, id);
      if (!current) return false;
      // A versioned record is always written as a compare-and-set, against the sent or the read version.
      const base = versioned ? (expectedVersion ?? (current as { version: number }).version) : undefined;
      if (base !== undefined && (current as { version: number }).version !== base) return false;
      const next = { ...current, ...patch } as AppRecords[typeof c];
      if (base !== undefined) (next as { version: number }).version = base + 1;
      const values = spec.toRow(next as never);
      let q = where(db.updateTable(spec.table).set(values as never), spec.key(id));
      // A concurrent writer that committed first makes this match nothing.
      if (base !== undefined) q = q.where('version' as never, '=', base as never);
      if (stateField) {
        const read = spec.toRow(current as never)[stateField];
        q = q.where(stateField as never, '=', read as never);
      }
      const result = await q.executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async remove(c, id, expectedVersion) {
      const spec = SPECS[c] as Spec<typeof c>;
      let q = where(db.deleteFrom(spec.table), spec.key(id));
      if (expectedVersion !== undefined) q = q.where('version' as never, '=', expectedVersion as never);
      const result = await q.executeTakeFirst();
      return Number(result.numDeletedRows) >= 1;
    },
  };
  return self;
}

/** One kysely transaction per command: its record writes and audit rows commit together. */
export function sqlUnitOfWork(db: Db): UnitOfWork {
  return {
    transaction: (work) =>
      db.transaction().execute((trx) => {
        const tx: Transaction = { ...sqlRecords(trx), audit: (e) => writeAudit(trx, new Date(e.at), e) };
        return work(tx);
      }),
  };
}
