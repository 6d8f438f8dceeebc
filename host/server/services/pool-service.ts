import type { PoolStatement } from '../../../plugin/domain/index.ts';
import type { PoolRun } from '../../../plugin/domain/pool-lifecycle.ts';
import { notFound } from '../http-error.ts';
import { toPoolRun } from '../storage/pool-settings-rows.ts';
import type { Db } from '../storage/queries.ts';

export type { PoolRun };

export async function getPoolRun(db: Db, id: string): Promise<PoolRun> {
  const row = await db.selectFrom('pool_runs').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('pool run', id);
  return toPoolRun(row);
}

export async function listPoolRuns(db: Db): Promise<PoolRun[]> {
  return (await db.selectFrom('pool_runs').selectAll().orderBy('quarter', 'desc').execute()).map(toPoolRun);
}

/** Everyone's statements of a computed run, by person id. */
export const poolStatements = (run: PoolRun): PoolStatement[] =>
  [...(run.result?.statements ?? [])].sort((a, b) => a.personId.localeCompare(b.personId));
