import { randomUUID } from 'node:crypto';
import {
  computePoolRun,
  POOL_TRANSITIONS,
  type PoolRunResult,
  type PoolStatement,
  type PoolTransition,
  quarterMonths,
} from '../../../plugin/domain/index.ts';
import type { PoolRunState } from '../../../plugin/domain/types.ts';
import { badRequest, conflict, notFound, staleVersion } from '../http-error.ts';
import { parseJson } from '../storage/mappers.ts';
import { type Db, listCycles, loadSnapshot } from '../storage/queries.ts';
import type { Database } from '../storage/schema.ts';
import { writeAudit } from './audit.ts';
import { currentSettings } from './settings-service.ts';

export interface PoolRun {
  id: string;
  quarter: string;
  cycleId: string;
  state: PoolRunState;
  poolCents: number | null;
  settingsVersion: number | null;
  computedAt: string | null;
  createdAt: string;
  createdById: string;
  updatedAt: string;
  version: number;
  /** Null until computed. Eligible, excluded and allocations of everyone. */
  result: Omit<PoolRunResult, 'statements'> | null;
}

const toRun = (r: Database['pool_runs']): PoolRun => {
  const result = parseJson<PoolRunResult | null>(r.result, null);
  return {
    id: r.id,
    quarter: r.quarter,
    cycleId: r.cycle_id,
    state: r.state as PoolRunState,
    poolCents: r.pool_cents === null ? null : Number(r.pool_cents),
    settingsVersion: r.settings_version === null ? null : Number(r.settings_version),
    computedAt: r.computed_at,
    createdAt: r.created_at,
    createdById: r.created_by_id,
    updatedAt: r.updated_at,
    version: Number(r.version),
    result: result
      ? {
          quarter: result.quarter,
          poolCents: result.poolCents,
          eligible: result.eligible,
          excluded: result.excluded,
          allocations: result.allocations,
        }
      : null,
  };
};

const QUARTER = /^\d{4}-Q[1-4]$/;

export async function getPoolRun(db: Db, id: string): Promise<PoolRun> {
  const row = await db.selectFrom('pool_runs').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('pool run', id);
  return toRun(row);
}

export async function listPoolRuns(db: Db): Promise<PoolRun[]> {
  return (await db.selectFrom('pool_runs').selectAll().orderBy('quarter', 'desc').execute()).map(toRun);
}

export async function poolStatements(db: Db, runId: string): Promise<PoolStatement[]> {
  const rows = await db
    .selectFrom('pool_allocations')
    .selectAll()
    .where('run_id', '=', runId)
    .orderBy('person_id')
    .execute();
  return rows.map((r) => parseJson<PoolStatement>(r.statement, null as unknown as PoolStatement));
}

function refuseLocked(run: PoolRun): void {
  if (run.state === 'locked') {
    throw conflict(
      'run-locked',
      `pool run ${run.quarter}: the run is locked and never changes; start no new action on it`,
      { current: run, params: { quarter: run.quarter } },
    );
  }
}

function checkVersion(run: PoolRun, expected: number | undefined): void {
  if (expected !== undefined && expected !== run.version)
    throw staleVersion(`pool run ${run.quarter}`, expected, run);
}

export async function createPoolRun(db: Db, actorId: string, now: Date, quarter: string): Promise<PoolRun> {
  if (!QUARTER.test(quarter))
    throw badRequest('bad-quarter', `pool run: quarter "${quarter}" must look like 2026-Q1`, {
      params: { quarter },
    });
  const months = quarterMonths(quarter);
  const cycle = (await listCycles(db)).find(
    (c) => c.start.slice(0, 7) <= months[0]! && months[months.length - 1]! <= c.end.slice(0, 7),
  );
  if (!cycle) throw badRequest('no-cycle', `pool run: no cycle covers ${quarter}; create the cycle first`);
  return db.transaction().execute(async (trx) => {
    const existing = await trx
      .selectFrom('pool_runs')
      .selectAll()
      .where('quarter', '=', quarter)
      .executeTakeFirst();
    if (existing) {
      throw conflict(
        'run-exists',
        `pool run: ${quarter} already has a run (${existing.state}); open it instead`,
        { current: toRun(existing), params: { quarter, state: existing.state } },
      );
    }
    const id = randomUUID();
    const at = now.toISOString();
    await trx
      .insertInto('pool_runs')
      .values({
        id,
        quarter,
        cycle_id: cycle.id,
        state: 'draft',
        pool_cents: null,
        settings_version: null,
        result: null,
        computed_at: null,
        created_at: at,
        created_by_id: actorId,
        updated_at: at,
        version: 1,
      })
      .execute();
    const run = await getPoolRun(trx, id);
    await writeAudit(trx, now, {
      actorId,
      action: 'pool.create',
      subjectType: 'poolRun',
      subjectId: id,
      before: null,
      after: run,
    });
    return run;
  });
}

/** Computes (or recomputes) a draft with the current data and settings. */
export async function computePool(
  db: Db,
  actorId: string,
  now: Date,
  id: string,
  expected?: number,
): Promise<PoolRun> {
  return db.transaction().execute(async (trx) => {
    const run = await getPoolRun(trx, id);
    refuseLocked(run);
    checkVersion(run, expected);
    if (run.state !== 'draft') {
      throw conflict(
        'not-draft',
        `pool run ${run.quarter}: only a draft can be computed; it is ${run.state}`,
        { current: run, params: { quarter: run.quarter, state: run.state } },
      );
    }
    const cycle = (await listCycles(trx)).find((c) => c.id === run.cycleId);
    if (!cycle) throw notFound('cycle', run.cycleId);
    const snapshot = await loadSnapshot(trx, cycle);
    const { version, settings } = await currentSettings(trx);
    const result = computePoolRun(snapshot, settings, run.quarter);
    await trx.deleteFrom('pool_allocations').where('run_id', '=', id).execute();
    const statements = new Map(result.statements.map((s) => [s.personId, s]));
    for (const a of result.allocations) {
      await trx
        .insertInto('pool_allocations')
        .values({
          run_id: id,
          person_id: a.personId,
          cents: a.cents,
          ideal_cents: a.idealCents,
          floor_applied: a.floorApplied ? 1 : 0,
          cap_applied: a.capApplied ? 1 : 0,
          statement: JSON.stringify(statements.get(a.personId) ?? null),
        })
        .execute();
    }
    await trx
      .updateTable('pool_runs')
      .set({
        pool_cents: result.poolCents,
        settings_version: version,
        result: JSON.stringify(result),
        computed_at: now.toISOString(),
        updated_at: now.toISOString(),
        version: run.version + 1,
      })
      .where('id', '=', id)
      .execute();
    const after = await getPoolRun(trx, id);
    await writeAudit(trx, now, {
      actorId,
      action: 'pool.compute',
      subjectType: 'poolRun',
      subjectId: id,
      before: { state: run.state, poolCents: run.poolCents, allocations: run.result?.allocations ?? null },
      after: {
        state: after.state,
        poolCents: after.poolCents,
        settingsVersion: version,
        allocations: result.allocations,
      },
    });
    return after;
  });
}

export async function transitionPool(
  db: Db,
  actorId: string,
  now: Date,
  id: string,
  action: PoolTransition,
  expected?: number,
): Promise<PoolRun> {
  const step = POOL_TRANSITIONS[action];
  return db.transaction().execute(async (trx) => {
    const run = await getPoolRun(trx, id);
    refuseLocked(run);
    checkVersion(run, expected);
    if (run.state !== step.from) {
      throw conflict(
        'bad-state',
        `pool run ${run.quarter}: "${action}" needs state ${step.from}, it is ${run.state}`,
        { current: run, params: { quarter: run.quarter, action, state: run.state, needed: step.from } },
      );
    }
    if (!run.result) {
      throw conflict('not-computed', `pool run ${run.quarter}: compute the run before "${action}"`, {
        current: run,
        params: { quarter: run.quarter, action },
      });
    }
    await trx
      .updateTable('pool_runs')
      .set({ state: step.to, updated_at: now.toISOString(), version: run.version + 1 })
      .where('id', '=', id)
      .execute();
    const after = await getPoolRun(trx, id);
    await writeAudit(trx, now, {
      actorId,
      action: `pool.${action}`,
      subjectType: 'poolRun',
      subjectId: id,
      before: { state: run.state, version: run.version },
      after: { state: after.state, version: after.version },
    });
    return after;
  });
}

export async function deletePoolRun(db: Db, actorId: string, now: Date, id: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const run = await getPoolRun(trx, id);
    refuseLocked(run);
    if (run.state !== 'draft') {
      throw conflict(
        'not-draft',
        `pool run ${run.quarter}: only a draft can be deleted; it is ${run.state}`,
        { current: run, params: { quarter: run.quarter, state: run.state } },
      );
    }
    await trx.deleteFrom('pool_runs').where('id', '=', id).execute();
    await writeAudit(trx, now, {
      actorId,
      action: 'pool.delete',
      subjectType: 'poolRun',
      subjectId: id,
      before: run,
      after: null,
    });
  });
}
