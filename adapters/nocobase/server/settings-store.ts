import { type Command, runCommand } from '../../../plugin/app/command.ts';
import { validateSettingsWithCustom } from '../../../plugin/app/commands/custom-rules.ts';
import { proposeSettings, publishSettings, rollbackSettings } from '../../../plugin/app/commands/settings.ts';
import { notFound } from '../../../plugin/app/errors.ts';
import type { AppPorts } from '../../../plugin/app/ports.ts';
import { currentVersion, versionsWithDiff } from '../../../plugin/app/settings-document.ts';
import type { Settings } from '../../../plugin/domain/settings.ts';
import { currentRuleVersion } from '../../../plugin/engine/custom-rules-versions.ts';
import { defaultSettings } from '../../../plugin/engine/index.ts';
import type { HostUser, SettingsPreview, SettingsStore } from '../../../plugin/sdk/index.ts';
import { nocobaseRecords } from './app-records.ts';
import { COLLECTIONS } from './collections.ts';
import type { TableAccess, Tables } from './tables.ts';

const SYSTEM_ACTOR = 'system';

/** Stores the shipped defaults as version 1 when no settings exist yet (plugin install). */
export async function ensureInitialSettings(tables: Tables, now: string): Promise<void> {
  await tables.transaction(async (tx) => {
    if ((await tx.find(COLLECTIONS.settingsVersions)).length > 0) return;
    await tx.create(COLLECTIONS.settingsVersions, {
      version: 1,
      status: 'published',
      settings: defaultSettings(),
      reason: 'defaults',
      authorId: SYSTEM_ACTOR,
      createdAt: now,
      publishedAt: now,
      publishedById: SYSTEM_ACTOR,
      rollbackOf: null,
    });
  });
}

/** Every stored version, newest first, each with its diff (as the reference host lists them). */
export const settingsVersions = async (tables: TableAccess) =>
  versionsWithDiff(await nocobaseRecords(tables).find('settingsVersions'));

/** The published settings in effect. */
export async function currentSettings(tables: TableAccess): Promise<{ version: number; settings: Settings }> {
  const current = currentVersion(
    await nocobaseRecords(tables).find('settingsVersions', { status: 'published' }),
  );
  if (!current)
    throw new Error('settings: no published settings; enable the plugin again to seed the defaults');
  return { version: current.version, settings: current.settings };
}

/**
 * The sdk `SettingsStore` for `user`: reads over the `okr_settings_versions` collection, writes through
 * the pack's settings commands (policy, versions, audit). `preview` needs the data port and the engine.
 */
export function createSettingsStore(
  tables: Tables,
  user: HostUser | null,
  ports: AppPorts,
  preview: (settings: Settings) => Promise<SettingsPreview>,
): SettingsStore {
  const run = <I, O>(command: Command<I, O>, input: I) => runCommand(ports, user, command, input);
  return {
    current: () => currentSettings(tables),
    propose: (settings, reason) => run(proposeSettings, { settings, reason }),
    async preview(doc) {
      if (typeof doc !== 'number') {
        const rules = await nocobaseRecords(tables).find('ruleVersions', { status: 'published' });
        return preview(
          validateSettingsWithCustom(doc, 'previewed settings', currentRuleVersion(rules).document),
        );
      }
      const stored = await nocobaseRecords(tables).get('settingsVersions', String(doc));
      if (!stored) throw notFound('settings version', String(doc));
      return preview(stored.settings);
    },
    publish: (version) => run(publishSettings, { version }),
    versions: () => settingsVersions(tables),
    rollback: (toVersion, reason) => run(rollbackSettings, { toVersion, reason }),
  };
}
