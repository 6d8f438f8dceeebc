import { randomUUID } from 'node:crypto';
import {
  computePoolRun,
  cycleMonths,
  POOL_TRANSITIONS,
  type PoolTransition,
  quarterOf,
} from '../../../plugin/domain/index.ts';
import type { PoolRunState } from '../../../plugin/domain/types.ts';
import type { DataPort, SettingsStore } from '../../../plugin/sdk/index.ts';
import { COLLECTIONS } from './collections.ts';
import type { Row } from './records.ts';
import type { Tables } from './tables.ts';

const T = COLLECTIONS.poolRuns;
const QUARTER = /^\d{4}-Q[1-4]$/;

export interface PoolRunRecord {
  id: string;
  quarter: string;
  cycleId: string;
  state: PoolRunState;
  poolCents: number | null;
  settingsVersion: number | null;
  computedAt: string | null;
  result: unknown;
  createdById: string;
  version: number;
}

/** A stored pool run row as the pack's record. */
export const toRun = (r: Row): PoolRunRecord => ({
  id: String(r.id),
  quarter: String(r.quarter),
  cycleId: String(r.cycleId),
  state: r.state as PoolRunState,
  poolCents: r.poolCents == null ? null : Number(r.poolCents),
  settingsVersion: r.settingsVersion == null ? null : Number(r.settingsVersion),
  computedAt: (r.computedAt as string | null) ?? null,
  result: typeof r.result === 'string' ? JSON.parse(r.result) : (r.result ?? null),
  createdById: String(r.createdById),
  version: Number(r.version),
});

export interface PoolDeps {
  tables: Tables;
  data: DataPort;
  settings: SettingsStore;
  actorId: string;
  now: () => string;
}

/**
 * Computes the pool of `quarter` from current data and settings and stores it as the quarter's draft
 * run (a new run, or the existing draft recomputed). A run past draft is refused: its numbers are final.
 */
export async function computeDraftRun(deps: PoolDeps, quarter: string): Promise<PoolRunRecord> {
  if (!QUARTER.test(quarter)) throw new Error(`pool run: "${quarter}" is not a quarter; use YYYY-Qn`);
  const cycles = await deps.data.list('cycles');
  const cycle = cycles.find((c) => cycleMonths(c).some((m) => quarterOf(m) === quarter));
  if (!cycle) throw new Error(`pool run: no cycle contains ${quarter}; create the cycle first`);
  const snapshot = await deps.data.snapshot(cycle.id);
  const { version: settingsVersion, settings } = await deps.settings.current();
  const result = computePoolRun(snapshot, settings, quarter);
  return deps.tables.transaction(async (tx) => {
    const existing = (await tx.find(T, { quarter })).map(toRun)[0];
    const at = deps.now();
    const values = { poolCents: result.poolCents, settingsVersion, computedAt: at, result };
    if (existing) {
      if (existing.state !== 'draft') {
        throw new Error(`pool run: ${quarter} is ${existing.state}; only a draft run can be recomputed`);
      }
      const next = { ...existing, ...values, version: existing.version + 1 };
      await tx.update(T, existing.id, { ...values, version: next.version });
      return next;
    }
    const run: PoolRunRecord = {
      id: randomUUID(),
      quarter,
      cycleId: cycle.id,
      state: 'draft',
      ...values,
      createdById: deps.actorId,
      version: 1,
    };
    await tx.create(T, { ...run });
    return run;
  });
}

/** Moves a run one state on (`approve`, `release`, `lock`) when `expectedVersion` is current. */
export async function transitionRun(
  deps: PoolDeps,
  id: string,
  transition: PoolTransition,
  expectedVersion: number,
): Promise<PoolRunRecord> {
  const step = POOL_TRANSITIONS[transition];
  if (!step) throw new Error(`pool run: unknown transition "${transition}"; use approve, release or lock`);
  return deps.tables.transaction(async (tx) => {
    const row = await tx.findOne(T, id);
    if (!row) throw new Error(`pool run: there is no run ${id}; list the runs first`);
    const run = toRun(row);
    if (run.version !== expectedVersion) {
      throw new Error(
        `pool run: ${id} changed (version ${run.version}, you had ${expectedVersion}); reload it`,
      );
    }
    if (run.state !== step.from) {
      throw new Error(`pool run: ${id} is ${run.state}; ${transition} needs a ${step.from} run`);
    }
    const next = { ...run, state: step.to, version: run.version + 1 };
    await tx.update(T, id, { state: next.state, version: next.version });
    return next;
  });
}
