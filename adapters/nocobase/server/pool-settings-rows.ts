import type { PoolRunResult } from '../../../plugin/domain/pool.ts';
import type { PoolRun } from '../../../plugin/domain/pool-lifecycle.ts';
import type { PoolRunState } from '../../../plugin/domain/types.ts';
import type { SettingsVersion } from '../../../plugin/sdk/index.ts';
import type { Row } from './records.ts';
import { versionFromRow } from './version-rows.ts';

const parsed = <T>(value: unknown): T => (typeof value === 'string' ? JSON.parse(value) : value) as T;
/** NocoBase's own timestamps arrive as Date objects or strings; the pack keeps ISO strings. */
const instant = (value: unknown): string => (value == null ? '' : new Date(value as string).toISOString());

export const toSettingsVersion = versionFromRow<SettingsVersion>('settings');

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
