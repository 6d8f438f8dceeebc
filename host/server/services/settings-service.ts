import { publishedSettings } from '../../../plugin/app/queries/evaluation.ts';
import { type VersionWithDiff, validateSettings } from '../../../plugin/app/settings-document.ts';
import {
  ensureInitialSettings as seedSettings,
  settingsVersions,
} from '../../../plugin/app/settings-store.ts';
import type { Settings } from '../../../plugin/domain/settings.ts';
import type { SettingsVersion } from '../../../plugin/sdk/index.ts';
import defaults from '../../../rules/settings.defaults.json' with { type: 'json' };
import { notFound } from '../http-error.ts';
import { sqlRecords, sqlUnitOfWork } from '../storage/app-records.ts';
import type { Db } from '../storage/queries.ts';

export type { VersionWithDiff };

/** Stores the shipped defaults (rules/settings.defaults.json) as version 1 when no settings exist yet. */
export const ensureInitialSettings = (db: Db, now: Date): Promise<void> =>
  seedSettings(
    sqlUnitOfWork(db),
    now.toISOString(),
    validateSettings(defaults, 'rules/settings.defaults.json'),
  );

/** The published settings in effect: the most recently published version. */
export const currentSettings = (db: Db): Promise<{ version: number; settings: Settings }> =>
  publishedSettings(sqlRecords(db));

export async function getSettingsVersion(db: Db, version: number): Promise<SettingsVersion> {
  const stored = await sqlRecords(db).get('settingsVersions', String(version));
  if (!stored) throw notFound('settings version', String(version));
  return stored;
}

/** Every version, newest first, each with its diff against the version published before it (proposals: against the current). */
export const listSettingsVersions = (db: Db): Promise<VersionWithDiff[]> => settingsVersions(sqlRecords(db));
