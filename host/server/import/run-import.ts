import { randomUUID } from 'node:crypto';
import type { Activity, Id, KeyAccount } from '../../../plugin/domain/types.ts';
import type { HostUser, Subject } from '../../../plugin/sdk/index.ts';
import { writeAudit } from '../services/audit.ts';
import { fromActivity, fromKeyAccount, toActivity, toKeyAccount } from '../storage/mappers.ts';
import type { Db } from '../storage/queries.ts';
import type { ImportKind } from './import-fields.ts';
import { detectFormat, type FileFormat, readTable } from './read-table.ts';
import {
  type ActivityPatch,
  type ColumnMapping,
  type KeyAccountPatch,
  type RowIssue,
  type ValidateOptions,
  validateActivities,
  validateKeyAccounts,
} from './validate-rows.ts';

/** `all-or-nothing`: any bad row refuses the whole file. `skip-bad-rows`: the good rows are written, the bad ones listed. */
export type ImportMode = 'all-or-nothing' | 'skip-bad-rows';
export const IMPORT_MODES: readonly ImportMode[] = ['all-or-nothing', 'skip-bad-rows'];

export interface ImportRequest {
  kind: ImportKind;
  bytes: Uint8Array;
  fileName?: string;
  format?: FileFormat;
  /** Sheet of an .xlsx file; the first sheet when omitted. */
  sheet?: string;
  mapping: ColumnMapping;
  mode: ImportMode;
  /** Validate and count, write nothing. */
  dryRun: boolean;
  moneyUnit: 'yuan' | 'cents';
}

export interface ImportResult {
  kind: ImportKind;
  mode: ImportMode;
  dryRun: boolean;
  /** True when nothing was written because of bad rows (`all-or-nothing`). */
  refused: boolean;
  /** Data rows in the file (blank rows not counted). */
  total: number;
  /** Rows that passed every check. */
  valid: number;
  /** Rows with at least one issue (left out in `skip-bad-rows`). */
  invalid: number;
  /** New and changed records written (or that would be, in a dry run). */
  created: number;
  updated: number;
  issues: RowIssue[];
  /** First good records, as they would be stored (dry run only). */
  preview: (Activity | KeyAccount)[];
}

export interface ImportDeps {
  db: Db;
  now: () => Date;
  can: (user: HostUser, action: 'create' | 'update', subject: Subject) => boolean;
}

const PREVIEW_ROWS = 20;

const EMPTY_ACTIVITY: Omit<Activity, 'personId' | 'month'> = {
  dealsSigned: 0,
  dealsAmountCents: 0,
  highMarginAmountCents: 0,
  clientVisits: 0,
  proposalsSent: 0,
  proposalsWon: 0,
  collectionsCents: 0,
};

/** Thrown inside the transaction to roll it back on a refused file. */
class Refused extends Error {}

/**
 * Reads, checks and stores an activity or key-account file in one transaction. A refused file or a
 * dry run writes nothing; otherwise every good row is written and the audit log gets one entry.
 */
export async function runImport(deps: ImportDeps, user: HostUser, req: ImportRequest): Promise<ImportResult> {
  const table = await readTable(req.bytes, req.format ?? detectFormat(req.bytes, req.fileName), req.sheet);
  const now = deps.now();
  let result: ImportResult | null = null;
  try {
    await deps.db.transaction().execute(async (trx) => {
      const people = await trx.selectFrom('people').select(['id', 'name', 'region_id']).execute();
      const regionOf = new Map(people.map((p) => [p.id, p.region_id]));
      const subjectFor = (personId: Id): Subject => ({
        type: req.kind === 'activities' ? 'activity' : 'keyAccount',
        ownerPersonId: personId,
        regionId: regionOf.get(personId) ?? null,
      });
      const allowed = new Set(
        people.filter((p) => deps.can(user, 'update', subjectFor(p.id))).map((p) => p.id),
      );
      const opts: ValidateOptions = {
        people: people.map((p) => ({ id: p.id, name: p.name })),
        allowedPersonIds: allowed,
        moneyUnit: req.moneyUnit,
        today: now.toISOString().slice(0, 10),
      };
      const base = { kind: req.kind, mode: req.mode, dryRun: req.dryRun, refused: false, preview: [] };
      if (req.kind === 'activities') {
        const v = validateActivities(table, req.mapping, opts);
        const counts = await writeActivities(
          trx,
          v.good.map((g) => g.record),
          req.dryRun || (req.mode === 'all-or-nothing' && v.bad.length > 0),
        );
        result = {
          ...base,
          total: v.total,
          valid: v.good.length,
          invalid: v.badRows,
          ...counts,
          issues: v.bad,
        };
      } else {
        const v = validateKeyAccounts(table, req.mapping, opts);
        const idColumn = Object.entries(req.mapping).find(([, f]) => f === 'id')?.[0] ?? null;
        const { records, issues } = await resolveAccounts(trx, v.good, allowed, idColumn);
        const bad = [...v.bad, ...issues].sort((a, b) => a.row - b.row);
        const invalid = v.badRows + new Set(issues.map((i) => i.row)).size;
        const counts = await writeKeyAccounts(
          trx,
          records,
          req.dryRun || (req.mode === 'all-or-nothing' && bad.length > 0),
        );
        result = { ...base, total: v.total, valid: records.length, invalid, ...counts, issues: bad };
      }
      const r = result as ImportResult;
      if (r.issues.length > 0 && req.mode === 'all-or-nothing') {
        r.refused = true;
        throw new Refused();
      }
      if (req.dryRun) throw new Refused();
      await writeAudit(trx, now, {
        actorId: user.personId,
        action: `import.${req.kind}`,
        subjectType: req.kind === 'activities' ? 'activity' : 'keyAccount',
        subjectId: req.fileName ?? '(upload)',
        before: undefined,
        after: { mode: req.mode, total: r.total, created: r.created, updated: r.updated, skipped: r.invalid },
      });
    });
  } catch (e) {
    if (!(e instanceof Refused)) throw e;
  }
  const r = result as ImportResult | null;
  if (!r) throw new Error('import: no result; this is a bug');
  if (r.refused) {
    r.created = 0;
    r.updated = 0;
    r.preview = [];
  }
  return r;
}

/** Upserts by person and month; fields the file does not map keep their stored value. `dry` counts only. */
async function writeActivities(
  db: Db,
  patches: ActivityPatch[],
  dry: boolean,
): Promise<{ created: number; updated: number; preview: Activity[] }> {
  let created = 0;
  let updated = 0;
  const preview: Activity[] = [];
  for (const p of patches) {
    const row = await db
      .selectFrom('activities')
      .selectAll()
      .where('person_id', '=', p.personId)
      .where('month', '=', p.month)
      .executeTakeFirst();
    const next: Activity = {
      ...(row ? toActivity(row) : { ...EMPTY_ACTIVITY, personId: p.personId, month: p.month }),
      ...p,
    };
    if (row) updated++;
    else created++;
    if (preview.length < PREVIEW_ROWS) preview.push(next);
    if (dry) continue;
    if (row) {
      await db
        .updateTable('activities')
        .set(fromActivity(next))
        .where('person_id', '=', p.personId)
        .where('month', '=', p.month)
        .execute();
    } else {
      await db.insertInto('activities').values(fromActivity(next)).execute();
    }
  }
  return { created, updated, preview: dry ? preview : [] };
}

interface ResolvedAccount {
  row: number;
  existing: KeyAccount | null;
  next: KeyAccount;
}

/**
 * Matches each account row to a stored account (by id, else by name and owner). Moving an account
 * away from an owner the user may not manage is refused like an unknown person.
 */
async function resolveAccounts(
  db: Db,
  rows: { row: number; record: KeyAccountPatch }[],
  allowed: ReadonlySet<Id>,
  idColumn: string | null,
): Promise<{ records: ResolvedAccount[]; issues: RowIssue[] }> {
  const records: ResolvedAccount[] = [];
  const issues: RowIssue[] = [];
  for (const { row, record } of rows) {
    const found = record.id
      ? await db.selectFrom('key_accounts').selectAll().where('id', '=', record.id).executeTakeFirst()
      : await db
          .selectFrom('key_accounts')
          .selectAll()
          .where('name', '=', record.name)
          .where('owner_id', '=', record.ownerId)
          .executeTakeFirst();
    const existing = found ? toKeyAccount(found) : null;
    if (existing && !allowed.has(existing.ownerId)) {
      issues.push({
        row,
        column: idColumn,
        field: 'id',
        reason: 'person-outside-region',
        value: existing.id,
      });
      continue;
    }
    const next: KeyAccount = {
      id: existing?.id ?? record.id ?? `ka-${randomUUID()}`,
      name: record.name,
      ownerId: record.ownerId,
      lastContactAt:
        record.lastContactAt !== undefined ? record.lastContactAt : (existing?.lastContactAt ?? null),
    };
    records.push({ row, existing, next });
  }
  return { records, issues };
}

async function writeKeyAccounts(
  db: Db,
  records: ResolvedAccount[],
  dry: boolean,
): Promise<{ created: number; updated: number; preview: KeyAccount[] }> {
  let created = 0;
  let updated = 0;
  for (const { existing, next } of records) {
    if (existing) updated++;
    else created++;
    if (dry) continue;
    if (existing)
      await db.updateTable('key_accounts').set(fromKeyAccount(next)).where('id', '=', existing.id).execute();
    else await db.insertInto('key_accounts').values(fromKeyAccount(next)).execute();
  }
  return { created, updated, preview: dry ? records.slice(0, PREVIEW_ROWS).map((r) => r.next) : [] };
}
