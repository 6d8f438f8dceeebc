import type { Settings } from '../../../plugin/domain/settings.ts';
import { defaultSettings, diffDocuments, loadSettings } from '../../../plugin/engine/index.ts';
import type { SettingsPreview, SettingsStore, SettingsVersion } from '../../../plugin/sdk/index.ts';
import { COLLECTIONS } from './collections.ts';
import type { Row } from './records.ts';
import type { TableAccess, Tables } from './tables.ts';

const T = COLLECTIONS.settingsVersions;
const SYSTEM_ACTOR = 'system';

const toVersion = (r: Row): SettingsVersion => ({
  version: Number(r.version),
  status: r.status as SettingsVersion['status'],
  settings: (typeof r.settings === 'string' ? JSON.parse(r.settings) : r.settings) as Settings,
  reason: String(r.reason ?? ''),
  authorId: String(r.authorId),
  createdAt: String(r.createdAt),
  publishedAt: (r.publishedAt as string | null) ?? null,
  publishedById: (r.publishedById as string | null) ?? null,
  rollbackOf: r.rollbackOf == null ? null : Number(r.rollbackOf),
});

const all = async (tx: TableAccess) =>
  (await tx.find(T)).map(toVersion).sort((a, b) => b.version - a.version);

const published = (versions: SettingsVersion[]) =>
  versions
    .filter((v) => v.status === 'published')
    .sort((a, b) => (b.publishedAt ?? '').localeCompare(a.publishedAt ?? '') || b.version - a.version)[0];

const requireReason = (reason: string): string => {
  const why = reason.trim();
  if (!why) throw new Error('settings: give a reason for the change; it is kept with the version');
  return why;
};

/** Stores the shipped defaults as version 1 when no settings exist yet (plugin install). */
export async function ensureInitialSettings(tables: Tables, now: string): Promise<void> {
  await tables.transaction(async (tx) => {
    if ((await tx.find(T)).length > 0) return;
    await tx.create(T, {
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

/**
 * The sdk `SettingsStore` over the `okr_settings_versions` collection. `actorId` is the person acting;
 * `preview` is given by the caller because it needs the data port and the engine.
 */
export function createSettingsStore(
  tables: Tables,
  actorId: string,
  now: () => string,
  preview: (settings: Settings) => Promise<SettingsPreview>,
): SettingsStore {
  const current = async (tx: TableAccess = tables) => {
    const v = published(await all(tx));
    if (!v) throw new Error('settings: no published settings; enable the plugin again to seed the defaults');
    return { version: v.version, settings: v.settings };
  };
  const next = async (tx: TableAccess) => ((await all(tx))[0]?.version ?? 0) + 1;
  const get = async (tx: TableAccess, version: number) => {
    const row = await tx.findOne(T, version);
    if (!row) throw new Error(`settings: there is no version ${version}; list the versions first`);
    return toVersion(row);
  };
  return {
    current: () => current(),
    async propose(doc, reason) {
      const why = requireReason(reason);
      const settings = loadSettings(doc, 'proposed settings');
      return tables.transaction(async (tx) => {
        const row = {
          version: await next(tx),
          status: 'proposed' as const,
          settings,
          reason: why,
          authorId: actorId,
          createdAt: now(),
          publishedAt: null,
          publishedById: null,
          rollbackOf: null,
        };
        await tx.create(T, row);
        return row;
      });
    },
    async preview(doc) {
      const settings =
        typeof doc === 'number' ? (await get(tables, doc)).settings : loadSettings(doc, 'previewed settings');
      return preview(settings);
    },
    async publish(version) {
      return tables.transaction(async (tx) => {
        const v = await get(tx, version);
        if (v.status !== 'proposed') {
          throw new Error(
            `settings: version ${version} is ${v.status}; only a proposed version can be published`,
          );
        }
        const at = now();
        await tx.update(T, version, { status: 'published', publishedAt: at, publishedById: actorId });
        return { ...v, status: 'published', publishedAt: at, publishedById: actorId };
      });
    },
    versions: () => all(tables),
    async rollback(toVersion, reason) {
      const why = requireReason(reason);
      return tables.transaction(async (tx) => {
        const target = await get(tx, toVersion);
        if (target.status !== 'published') {
          throw new Error(
            `settings: version ${toVersion} was never published; roll back to a published version`,
          );
        }
        const before = await current(tx);
        if (diffDocuments(before.settings, target.settings).length === 0) {
          throw new Error(
            `settings: the current settings (version ${before.version}) already equal version ${toVersion}`,
          );
        }
        const at = now();
        const row: SettingsVersion = {
          version: await next(tx),
          status: 'published',
          settings: target.settings,
          reason: why,
          authorId: actorId,
          createdAt: at,
          publishedAt: at,
          publishedById: actorId,
          rollbackOf: toVersion,
        };
        await tx.create(T, { ...row });
        return row;
      });
    },
  };
}
