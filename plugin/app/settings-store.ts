import type { Settings } from '../domain/settings.ts';
import { defaultSettings } from '../engine/index.ts';
import type { HostUser, SettingsStore } from '../sdk/index.ts';
import { type Command, runCommand } from './command.ts';
import { proposeSettings, publishSettings, rollbackSettings } from './commands/settings.ts';
import type { AppPorts, Records, UnitOfWork } from './ports.ts';
import { type EvaluationPorts, publishedSettings } from './queries/evaluation.ts';
import { previewSettings } from './queries/settings-preview.ts';
import { versionsWithDiff } from './settings-document.ts';

/** Who wrote the shipped defaults. */
export const SYSTEM_ACTOR = 'system';

/** What the settings store runs over: the command ports and the evaluation of its previews. */
export type SettingsStorePorts = AppPorts & EvaluationPorts;

/** Stores the shipped defaults (or `defaults`) as version 1 when no settings exist yet. */
export async function ensureInitialSettings(
  uow: UnitOfWork,
  now: string,
  defaults: Settings = defaultSettings(),
): Promise<void> {
  await uow.transaction(async (tx) => {
    if ((await tx.find('settingsVersions')).length > 0) return;
    await tx.insert('settingsVersions', {
      version: 1,
      status: 'published',
      settings: defaults,
      reason: 'defaults',
      authorId: SYSTEM_ACTOR,
      createdAt: now,
      publishedAt: now,
      publishedById: SYSTEM_ACTOR,
      rollbackOf: null,
    });
  });
}

/** Every stored version, newest first, each with its diff. */
export const settingsVersions = async (records: Pick<Records, 'find'>) =>
  versionsWithDiff(await records.find('settingsVersions'));

/**
 * The sdk `SettingsStore` for `user`, the same on every host: reads over the `settingsVersions`
 * records, writes through the pack's settings commands (policy, versions, audit), previews through
 * the pack's preview. The policy of a preview is the caller's (a route, an action).
 */
export function createSettingsStore(ports: SettingsStorePorts, user: HostUser | null): SettingsStore {
  const run = <I, O>(command: Command<I, O>, input: I) => runCommand(ports, user, command, input);
  return {
    current: () => ports.uow.transaction(publishedSettings),
    propose: (settings, reason) => run(proposeSettings, { settings, reason }),
    preview: (doc) => previewSettings(ports, typeof doc === 'number' ? { version: doc } : { settings: doc }),
    publish: (version) => run(publishSettings, { version }),
    versions: () => ports.uow.transaction(settingsVersions),
    rollback: (toVersion, reason) => run(rollbackSettings, { toVersion, reason }),
  };
}
