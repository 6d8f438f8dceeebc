import type { PoolRunResult } from '../../../plugin/domain/pool.ts';
import type { PoolRun } from '../../../plugin/domain/pool-lifecycle.ts';
import type { Settings } from '../../../plugin/domain/settings.ts';
import type { PoolRunState } from '../../../plugin/domain/types.ts';
import type { SettingsVersion } from '../../../plugin/sdk/index.ts';
import type { Row } from './records.ts';

const parsed = <T>(value: unknown): T => (typeof value === 'string' ? JSON.parse(value) : value) as T;
/** NocoBase's own timestamps arrive as Date objects or strings; the pack keeps ISO strings. */
const instant = (value: unknown): string => (value == null ? '' : new Date(value as string).toISOString());

export const toSettingsVersion = (r: Row): SettingsVersion => ({
  version: Number(r.version),
  status: r.status as SettingsVersion['status'],
  settings: parsed<Settings>(r.settings),
  reason: String(r.reason ?? ''),
  authorId: String(r.authorId),
  createdAt: String(r.createdAt),
  publishedAt: (r.publishedAt as string | null) ?? null,
  publishedById: (r.publishedById as string | null) ?? null,
  rollbackOf: r.rollbackOf == null ? null : Number(r.rollbackOf),
});

export const toPoolRun = (r: Row): PoolRun => ({
  id: String(r.id),
  quarter: String(r.quarter),
  cycleId: String(r.cycleId),
  state: r.state as PoolRunState,
  poolCents: r.poolCents == null ? null : Number(r.poolCents),
  settingsVersion: r.settingsVersion == null ? null : Number(r.settingsVersion),
  computedAt: (r.computedAt as string | null) ?? null,
  createdAt: instant(r.createdAt),
  createdById: String(r.createdById),
  updatedAt: instant(r.updatedAt),
  version: Number(r.version),
  result: r.result == null ? null : parsed<PoolRunResult>(r.result),
});
