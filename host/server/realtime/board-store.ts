import type { Id, KeyResult, Objective } from '../../../plugin/domain/types.ts';
import { type Action, boardOf, type HostUser, type Subject } from '../../../plugin/sdk/index.ts';
import { writeAudit } from '../services/audit.ts';
import { type StoredLink, toKeyResult, toLink, toObjective } from '../storage/mappers.ts';
import { type Db, getLinkRow } from '../storage/queries.ts';
import type { BoardIntent } from './protocol.ts';

/** A KR as the board sees it: its links carry their own row version. */
export type BoardKr = Omit<KeyResult, 'links'> & { links: StoredLink[] };

export type ApplyResult =
  | { status: 'committed'; kr: BoardKr }
  | { status: 'stale'; kr: BoardKr }
  | { status: 'not-found'; what: 'key-result' | 'objective' }
  | { status: 'forbidden' }
  | { status: 'locked' };

/** The server's permission check (plugin/sdk/permissions.ts `can`), passed in so tests and hosts share one table. */
export type CanFn = (user: HostUser, action: Action, subject: Subject) => boolean;

export interface BoardState {
  cycleId: Id;
  locked: boolean;
  objectives: Objective[];
  keyResults: BoardKr[];
}

async function krWithLinks(db: Db, id: Id): Promise<BoardKr | null> {
  const row = await db.selectFrom('key_results').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return null;
  const links = await db
    .selectFrom('kr_links')
    .selectAll()
    .where('kr_id', '=', id)
    .orderBy('objective_id')
    .execute();
  return toKeyResult(row, links.map(toLink)) as BoardKr;
}

/** The board of a cycle (its objectives and KRs with link versions), or null when there is no such cycle. */
export async function loadBoard(db: Db, cycleId: Id): Promise<BoardState | null> {
  const cycle = await db.selectFrom('cycles').selectAll().where('id', '=', cycleId).executeTakeFirst();
  if (!cycle) return null;
  const [objectives, krs, links] = await Promise.all([
    db.selectFrom('objectives').selectAll().where('cycle_id', '=', cycleId).orderBy('id').execute(),
    db.selectFrom('key_results').selectAll().where('cycle_id', '=', cycleId).orderBy('id').execute(),
    db
      .selectFrom('kr_links')
      .innerJoin('key_results', 'key_results.id', 'kr_links.kr_id')
      .selectAll('kr_links')
      .where('key_results.cycle_id', '=', cycleId)
      .orderBy('kr_links.kr_id')
      .orderBy('kr_links.objective_id')
      .execute(),
  ]);
  const byKr = new Map<Id, StoredLink[]>();
  for (const l of links) byKr.set(l.kr_id, [...(byKr.get(l.kr_id) ?? []), toLink(l)]);
  return {
    cycleId,
    locked: Number(cycle.locked) === 1,
    objectives: objectives.map(toObjective).map(({ version: _v, ...o }) => o),
    keyResults: krs.map((r) => toKeyResult(r, byKr.get(r.id) ?? []) as BoardKr),
  };
}

/** Ownership facts of a KR for the permission check: owner person (personal KRs) and region. */
async function subjectOf(
  db: Db,
  type: 'keyResult' | 'link',
  kr: { owner_type: string; owner_id: string },
  cycleId: Id,
): Promise<Subject> {
  const boardId = boardOf(cycleId);
  if (kr.owner_type === 'region') return { type, ownerPersonId: null, regionId: kr.owner_id, boardId };
  const person = await db
    .selectFrom('people')
    .select('region_id')
    .where('id', '=', kr.owner_id)
    .executeTakeFirst();
  return { type, ownerPersonId: kr.owner_id, regionId: person?.region_id ?? null, boardId };
}

function permissionOf(intent: BoardIntent): { action: Action; type: 'keyResult' | 'link' } {
  switch (intent.kind) {
    case 'update-kr':
      return { action: 'update', type: 'keyResult' };
    case 'link':
      return { action: intent.version === null ? 'create' : 'update', type: 'link' };
    case 'unlink':
      return { action: 'delete', type: 'link' };
  }
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Applies one board intent in a single transaction: the row version must match the stored one,
 * else nothing is written and the current KR is returned. The audit log row is part of the same transaction.
 */
export async function applyIntent(
  db: Db,
  cycleId: Id,
  intent: BoardIntent,
  user: HostUser,
  can: CanFn,
  now: Date,
): Promise<ApplyResult> {
  const nowIso = now.toISOString();
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('key_results')
      .selectAll()
      .where('id', '=', intent.krId)
      .where('cycle_id', '=', cycleId)
      .executeTakeFirst();
    if (!row) return { status: 'not-found', what: 'key-result' };
    const cycle = await trx
      .selectFrom('cycles')
      .select('locked')
      .where('id', '=', cycleId)
      .executeTakeFirst();
    if (!cycle || Number(cycle.locked) === 1) return { status: 'locked' };
    const { action, type } = permissionOf(intent);
    if (!can(user, action, await subjectOf(trx, type, row, cycleId))) return { status: 'forbidden' };

    const stale = async (): Promise<ApplyResult> => ({
      status: 'stale',
      kr: (await krWithLinks(trx, intent.krId))!,
    });
    const audit = (
      auditAction: string,
      subjectType: string,
      subjectId: string,
      before: unknown,
      after: unknown,
    ) =>
      writeAudit(trx, now, {
        actorId: user.personId,
        action: auditAction,
        subjectType,
        subjectId,
        before,
        after,
      });

    switch (intent.kind) {
      case 'update-kr': {
        const f = intent.fields;
        const set: Record<string, unknown> = {};
        if (f.title !== undefined) set.title = f.title;
        if (f.evidence !== undefined) set.evidence = f.evidence;
        if (f.focusTags !== undefined) set.focus_tags = JSON.stringify(f.focusTags);
        if (f.updateIntervalDays !== undefined) set.update_interval_days = f.updateIntervalDays;
        if (f.rationale !== undefined) {
          set.rationale = f.rationale;
          if (f.rationale !== row.rationale) set.rationale_at = f.rationale === '' ? null : nowIso;
        }
        const result = await trx
          .updateTable('key_results')
          .set({ ...set, version: Number(row.version) + 1 })
          .where('id', '=', intent.krId)
          .where('version', '=', intent.version)
          .executeTakeFirst();
        if (Number(result.numUpdatedRows) !== 1) return stale();
        const stored: Record<string, unknown> = { ...toKeyResult(row, []) };
        const before = Object.fromEntries(Object.keys(f).map((k) => [k, stored[k]]));
        await audit('keyResult.update', 'keyResult', intent.krId, before, f);
        break;
      }
      case 'link': {
        const objective = await trx
          .selectFrom('objectives')
          .select('id')
          .where('id', '=', intent.objectiveId)
          .where('cycle_id', '=', cycleId)
          .executeTakeFirst();
        if (!objective) return { status: 'not-found', what: 'objective' };
        const subjectId = `${intent.krId}:${intent.objectiveId}`;
        const existing = await getLinkRow(trx, intent.krId, intent.objectiveId);
        if (intent.version === null) {
          if (existing) return stale();
          const inserted = await trx
            .insertInto('kr_links')
            .values({
              kr_id: intent.krId,
              objective_id: intent.objectiveId,
              weight: intent.weight,
              linked_at: nowIso,
              version: 1,
            })
            .onConflict((oc) => oc.columns(['kr_id', 'objective_id']).doNothing())
            .executeTakeFirst();
          if (Number(inserted.numInsertedOrUpdatedRows ?? 0) !== 1) return stale();
          await audit('link.create', 'link', subjectId, undefined, {
            weight: intent.weight,
            linkedAt: nowIso,
          });
        } else {
          if (!existing || Number(existing.version) !== intent.version) return stale();
          const result = await trx
            .updateTable('kr_links')
            .set({ weight: intent.weight, version: intent.version + 1 })
            .where('kr_id', '=', intent.krId)
            .where('objective_id', '=', intent.objectiveId)
            .where('version', '=', intent.version)
            .executeTakeFirst();
          if (Number(result.numUpdatedRows) !== 1) return stale();
          if (!sameJson(Number(existing.weight), intent.weight)) {
            await audit(
              'link.update',
              'link',
              subjectId,
              { weight: Number(existing.weight) },
              { weight: intent.weight },
            );
          }
        }
        break;
      }
      case 'unlink': {
        const existing = await getLinkRow(trx, intent.krId, intent.objectiveId);
        if (!existing || Number(existing.version) !== intent.version) return stale();
        const result = await trx
          .deleteFrom('kr_links')
          .where('kr_id', '=', intent.krId)
          .where('objective_id', '=', intent.objectiveId)
          .where('version', '=', intent.version)
          .executeTakeFirst();
        if (Number(result.numDeletedRows) !== 1) return stale();
        await audit(
          'link.delete',
          'link',
          `${intent.krId}:${intent.objectiveId}`,
          toLink(existing),
          undefined,
        );
        break;
      }
    }
    return { status: 'committed', kr: (await krWithLinks(trx, intent.krId))! };
  });
}
