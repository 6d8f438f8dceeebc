import { randomUUID } from 'node:crypto';
import type { ImportKind } from '../../../plugin/app/import-fields.ts';
import type { Activity, Id, KeyAccount } from '../../../plugin/domain/types.ts';
import type { HostUser, Subject } from '../../../plugin/sdk/index.ts';
import { writeAudit } from '../services/audit.ts';
import { fromActivity, fromKeyAccount, toActivity, toKeyAccount } from '../storage/mappers.ts';
import type { Db } from '../storage/queries.ts';
import { type CheckedFile, type CheckJob, checkFile } from './check-file.ts';
import type {
  ActivityPatch,
  ColumnMapping,
  KeyAccountPatch,
  RowIssue,
  ValidateOptions,
} from './validate-rows.ts';

/** `all-or-nothing`: any bad row refuses the whole file. `skip-bad-rows`: the good rows are written, the bad ones listed. */
export type ImportMode = 'all-or-nothing' | 'skip-bad-rows';
export const IMPORT_MODES: readonly ImportMode[] = ['all-or-nothing', 'skip-bad-rows'];

export interface ImportRequest {
  kind: ImportKind;
  /** Path of the uploaded file (.xlsx or .csv). */
  file: string;
  fileName?: string;
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
  /** Reads and checks the file; in this thread unless given (the server runs it on worker threads). */
  check?: (job: CheckJob) => Promise<CheckedFile>;
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
  const now = deps.now();
  const people = await deps.db.selectFrom('people').select(['id', 'name', 'region_id']).execute();
  const regionOf = new Map(people.map((p) => [p.id, p.region_id]));
  const subjectFor = (personId: Id): Subject => ({
    type: req.kind === 'activities' ? 'activity' : 'keyAccount',
    ownerPersonId: personId,
    regionId: regionOf.get(personId) ?? null,
  });
  const allowed = new Set(people.filter((p) => deps.can(user, 'update', subjectFor(p.id))).map((p) => p.id));
  const options: ValidateOptions = {
    people: people.map((p) => ({ id: p.id, name: p.name })),
    allowedPersonIds: allowed,
    moneyUnit: req.moneyUnit,
    today: now.toISOString().slice(0, 10),
  };
  const checked = await (deps.check ?? checkFile)({
    kind: req.kind,
    file: req.file,
    ...(req.fileName ? { fileName: req.fileName } : {}),
    ...(req.sheet ? { sheet: req.sheet } : {}),
    mapping: req.mapping,
    options,
  });
  let result: ImportResult | null = null;
  try {
    await deps.db.transaction().execute(async (trx) => {
      const base = { kind: req.kind, mode: req.mode, dryRun: req.dryRun, refused: false, preview: [] };
      if (checked.kind === 'activities') {
        const v = checked.validation;
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
        const v = checked.validation;
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

/** Rows per multi-row insert, and rows between two turns given back to the event loop. */
const BATCH = 200;
const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));

async function insertInBatches<T>(rows: T[], insert: (batch: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) {
    await insert(rows.slice(i, i + BATCH));
    await breathe();
  }
}

/** Upserts by person and month; fields the file does not map keep their stored value. `dry` counts only. */
async function writeActivities(
  db: Db,
  patches: ActivityPatch[],
  dry: boolean,
): Promise<{ created: number; updated: number; preview: Activity[] }> {
  const preview: Activity[] = [];
  const stored = await storedActivities(db, patches);
  const inserts: Activity[] = [];
  const updates: Activity[] = [];
  for (const p of patches) {
    const row = stored.get(`${p.personId}\u0000${p.month}`);
    const next: Activity = {
      ...(row ? toActivity(row) : { ...EMPTY_ACTIVITY, personId: p.personId, month: p.month }),
      ...p,
    };
    (row ? updates : inserts).push(next);
    if (preview.length < PREVIEW_ROWS) preview.push(next);
  }
  if (!dry) {
    for (const [i, next] of updates.entries()) {
      await db
        .updateTable('activities')
        .set(fromActivity(next))
        .where('person_id', '=', next.personId)
        .where('month', '=', next.month)
        .execute();
      if (i % BATCH === BATCH - 1) await breathe();
    }
    await insertInBatches(inserts, (batch) =>
      db.insertInto('activities').values(batch.map(fromActivity)).execute(),
    );
  }
  return { created: inserts.length, updated: updates.length, preview: dry ? preview : [] };
}

/** The stored rows of the people in the file, read in one query instead of one per row. */
async function storedActivities(db: Db, patches: ActivityPatch[]) {
  const personIds = [...new Set(patches.map((p) => p.personId))];
  const rows = personIds.length
    ? await db.selectFrom('activities').selectAll().where('person_id', 'in', personIds).execute()
    : [];
  return new Map(rows.map((r) => [`${r.person_id}\u0000${r.month}`, r]));
}

interface ResolvedAccount {
  row: number;
  existing: KeyAccount | null;
  next: KeyAccount;
}

/** The stored accounts the file may name: by its ids (in chunks) and by its owners, in few queries. */
async function storedAccounts(db: Db, rows: { record: KeyAccountPatch }[]) {
  const ids = [...new Set(rows.flatMap((r) => (r.record.id ? [r.record.id] : [])))];
  const owners = [...new Set(rows.flatMap((r) => (r.record.id ? [] : [r.record.ownerId])))];
  const found: KeyAccount[] = [];
  for (let i = 0; i < ids.length; i += BATCH) {
    const chunk = ids.slice(i, i + BATCH);
    found.push(
      ...(await db.selectFrom('key_accounts').selectAll().where('id', 'in', chunk).execute()).map(
        toKeyAccount,
      ),
    );
  }
  if (owners.length > 0) {
    const rowsOfOwners = await db
      .selectFrom('key_accounts')
      .selectAll()
      .where('owner_id', 'in', owners)
      .execute();
    found.push(...rowsOfOwners.map(toKeyAccount));
  }
  const byNameAndOwner = new Map<string, KeyAccount>();
  // The first stored row wins, as `executeTakeFirst` did.
  for (const a of [...found].reverse()) byNameAndOwner.set(`${a.name}\u0000${a.ownerId}`, a);
  return {
    byId: new Map(found.map((a) => [a.id, a])),
    byNameAndOwner,
  };
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
  const stored = await storedAccounts(db, rows);
  for (const { row, record } of rows) {
    const existing =
      (record.id
        ? stored.byId.get(record.id)
        : stored.byNameAndOwner.get(`${record.name}\u0000${record.ownerId}`)) ?? null;
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
  const updates = records.filter((r) => r.existing);
  const inserts = records.filter((r) => !r.existing).map((r) => r.next);
  if (!dry) {
    for (const [i, { existing, next }] of updates.entries()) {
      await db
        .updateTable('key_accounts')
        .set(fromKeyAccount(next))
        .where('id', '=', (existing as KeyAccount).id)
        .execute();
      if (i % BATCH === BATCH - 1) await breathe();
    }
    await insertInBatches(inserts, (batch) =>
      db.insertInto('key_accounts').values(batch.map(fromKeyAccount)).execute(),
    );
  }
  return {
    created: inserts.length,
    updated: updates.length,
    preview: dry ? records.slice(0, PREVIEW_ROWS).map((r) => r.next) : [],
  };
}
