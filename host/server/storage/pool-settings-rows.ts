import type { PoolRunResult } from '../../../plugin/domain/pool.ts';
import type { PoolRun } from '../../../plugin/domain/pool-lifecycle.ts';
import type { Settings } from '../../../plugin/domain/settings.ts';
import type { PoolRunState } from '../../../plugin/domain/types.ts';
import type { SettingsVersion } from '../../../plugin/sdk/index.ts';
import defaults from '../../../rules/settings.defaults.json' with { type: 'json' };
import { parseJson } from './mappers.ts';
import type { Database } from './schema.ts';

type SettingsRow = Database['settings_versions'];
type PoolRunRow = Database['pool_runs'];

export const toSettingsVersion = (r: SettingsRow): SettingsVersion => ({
  version: Number(r.version),
  status: r.status as SettingsVersion['status'],
  settings: parseJson<Settings>(r.document, defaults as Settings),
  reason: r.reason,
  authorId: r.author_id,
  createdAt: r.created_at,
  publishedAt: r.published_at,
  publishedById: r.published_by_id,
  rollbackOf: r.rollback_of === null ? null : Number(r.rollback_of),
});

export const fromSettingsVersion = (v: SettingsVersion): SettingsRow => ({
  version: v.version,
  status: v.status,
  document: JSON.stringify(v.settings),
  reason: v.reason,
  author_id: v.authorId,
  created_at: v.createdAt,
  published_at: v.publishedAt,
  published_by_id: v.publishedById,
  rollback_of: v.rollbackOf,
});

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
