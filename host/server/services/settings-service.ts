import {
  currentVersion,
  type VersionWithDiff,
  validateSettings,
  versionsWithDiff,
} from '../../../plugin/app/settings-document.ts';
import type { Settings } from '../../../plugin/domain/settings.ts';
import type { SettingsVersion } from '../../../plugin/sdk/index.ts';
import defaults from '../../../rules/settings.defaults.json' with { type: 'json' };
import { notFound } from '../http-error.ts';
import { fromSettingsVersion, toSettingsVersion } from '../storage/pool-settings-rows.ts';
import type { Db } from '../storage/queries.ts';

export type { VersionWithDiff };
export const SYSTEM_ACTOR = 'system';

/** Stores the shipped defaults as version 1 when no settings exist yet. */
export async function ensureInitialSettings(db: Db, now: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const any = await trx.selectFrom('settings_versions').select('version').limit(1).executeTakeFirst();
    if (any) return;
    const at = now.toISOString();
    await trx
      .insertInto('settings_versions')
      .values(
        fromSettingsVersion({
          version: 1,
          status: 'published',
          settings: validateSettings(defaults, 'rules/settings.defaults.json'),
          reason: 'defaults',
          authorId: SYSTEM_ACTOR,
          createdAt: at,
          publishedAt: at,
          publishedById: SYSTEM_ACTOR,
          rollbackOf: null,
        }),
      )
      .execute();
  });
}

async function allVersions(db: Db): Promise<SettingsVersion[]> {
  return (await db.selectFrom('settings_versions').selectAll().execute()).map(toSettingsVersion);
}

/** The published settings in effect: the most recently published version. */
export async function currentSettings(db: Db): Promise<{ version: number; settings: Settings }> {
  const rows = (
    await db.selectFrom('settings_versions').selectAll().where('status', '=', 'published').execute()
  ).map(toSettingsVersion);
  const current = currentVersion(rows);
  if (!current) throw new Error('settings: no published settings; the server seeds the defaults on start');
  return { version: current.version, settings: current.settings };
}

export async function getSettingsVersion(db: Db, version: number): Promise<SettingsVersion> {
  const row = await db
    .selectFrom('settings_versions')
    .selectAll()
    .where('version', '=', version)
    .executeTakeFirst();
  if (!row) throw notFound('settings version', String(version));
  return toSettingsVersion(row);
}

/** Every version, newest first, each with its diff against the version published before it (proposals: against the current). */
export async function listSettingsVersions(db: Db): Promise<VersionWithDiff[]> {
  return versionsWithDiff(await allVersions(db));
}
