import type { PoolRunResult } from '../../../plugin/domain/pool.ts';
import type { PoolRun } from '../../../plugin/domain/pool-lifecycle.ts';
import type { Settings } from '../../../plugin/domain/settings.ts';
import type { PoolRunState } from '../../../plugin/domain/types.ts';
import type { SettingsVersion } from '../../../plugin/sdk/index.ts';
import defaults from '../../../rules/settings.defaults.json' with { type: 'json' };
import { parseJson } from './mappers.ts';
import type { Database } from './schema.ts';
import { versionRows } from './version-rows.ts';

type PoolRunRow = Database['pool_runs'];

export const settingsRows = versionRows<SettingsVersion, Settings>('settings', () => defaults as Settings);
export const { to: toSettingsVersion, from: fromSettingsVersion } = settingsRows;

export const toPoolRun = (r: PoolRunRow): PoolRun => ({
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
  result: parseJson<PoolRunResult | null>(r.result, null),
});

export const fromPoolRun = (run: PoolRun): PoolRunRow => ({
  id: run.id,
  quarter: run.quarter,
  cycle_id: run.cycleId,
  state: run.state,
  pool_cents: run.poolCents,
  settings_version: run.settingsVersion,
  result: run.result === null ? null : JSON.stringify(run.result),
  computed_at: run.computedAt,
  created_at: run.createdAt,
  created_by_id: run.createdById,
  updated_at: run.updatedAt,
  version: run.version,
});
