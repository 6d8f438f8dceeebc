import { type Command, runCommand } from '../../../plugin/app/command.ts';
import { updateKeyResult } from '../../../plugin/app/commands/key-results.ts';
import { deleteLink, saveLink } from '../../../plugin/app/commands/links.ts';
import { AppError } from '../../../plugin/app/errors.ts';
import type { AppPorts } from '../../../plugin/app/ports.ts';
import type { Id, Objective } from '../../../plugin/domain/types.ts';
import type { HostUser } from '../../../plugin/sdk/index.ts';
import { sqlUnitOfWork } from '../storage/app-records.ts';
import { type StoredLink, toKeyResult, toLink, toObjective } from '../storage/mappers.ts';
import type { Db } from '../storage/queries.ts';
import type { BoardIntent, BoardKr } from './protocol.ts';

export type { BoardKr };

export type ApplyResult =
  | { status: 'committed'; kr: BoardKr }
  | { status: 'stale'; kr: BoardKr }
  | { status: 'not-found'; what: 'key-result' | 'objective' }
  | { status: 'forbidden' }
  | { status: 'locked' };

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

/** The command a board intent is, with its input. */
function commandOf(intent: BoardIntent): [Command<never, unknown>, Record<string, unknown>] {
  switch (intent.kind) {
    case 'update-kr':
      return [updateKeyResult, { id: intent.krId, version: intent.version, ...intent.fields }];
    case 'link':
      return [
        saveLink,
        {
          krId: intent.krId,
          objectiveId: intent.objectiveId,
          weight: intent.weight,
          ...(intent.version === null ? {} : { version: intent.version }),
        },
      ];
    case 'unlink':
      return [deleteLink, { krId: intent.krId, objectiveId: intent.objectiveId, version: intent.version }];
  }
}

/** The use-case ports of a board write: the board itself announces the change and paces the rules; KR and link edits notify no one. */
const boardPorts = (db: Db, now: Date): AppPorts => ({
  uow: sqlUnitOfWork(db),
  data: { snapshot: () => Promise.reject(new Error('realtime: a board write reads no snapshot')) },
  now: () => now,
  publish: () => undefined,
  rulesChanged: () => undefined,
  notify: async () => 0,
});

/**
 * Applies one board intent as the pack's command (one transaction with its audit row): the row
 * version must match the stored one, else nothing is written and the current KR is returned.
 */
export async function applyIntent(
  db: Db,
  cycleId: Id,
  intent: BoardIntent,
  user: HostUser,
  now: Date,
): Promise<ApplyResult> {
  const kr = await db
    .selectFrom('key_results')
    .select('cycle_id')
    .where('id', '=', intent.krId)
    .executeTakeFirst();
  if (!kr || kr.cycle_id !== cycleId) return { status: 'not-found', what: 'key-result' };
  const [command, input] = commandOf(intent);
  try {
    await runCommand(boardPorts(db, now), user, command, input);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    if (
      error.code === 'stale-version' ||
      error.code === 'link-gone' ||
      (error.code === 'not-found' && error.params.what === 'link')
    )
      return { status: 'stale', kr: (await krWithLinks(db, intent.krId))! };
    if (error.code === 'cycle-locked') return { status: 'locked' };
    if (error.statusCode === 403) return { status: 'forbidden' };
    if (error.code === 'not-found' || error.code === 'other-cycle')
      return { status: 'not-found', what: 'objective' };
    throw error;
  }
  return { status: 'committed', kr: (await krWithLinks(db, intent.krId))! };
}
