import type { Settings } from '../../../plugin/domain/settings.ts';
import type { SettingsChange, SettingsVersion } from '../../../plugin/sdk/index.ts';
import defaults from '../../../rules/settings.defaults.json' with { type: 'json' };
import { badRequest, conflict, notFound } from '../http-error.ts';
import { parseJson } from '../storage/mappers.ts';
import type { Db } from '../storage/queries.ts';
import type { Database } from '../storage/schema.ts';
import { writeAudit } from './audit.ts';
import { diffDocuments, loadSettings, SettingsError } from './engine.ts';
import { settingsIssues } from './settings-issues.ts';

export const SYSTEM_ACTOR = 'system';

const toVersion = (r: Database['settings_versions']): SettingsVersion => ({
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

/** Validates a settings document; a bad one is a 400 listing every field problem. */
export function validateSettings(doc: unknown, source: string): Settings {
  try {
    return loadSettings(doc, source);
  } catch (err) {
    if (err instanceof SettingsError) {
      const issues = settingsIssues(doc);
      throw badRequest('invalid-settings', err.message, {
        issues: issues.length > 0 ? issues : err.issues,
        params: { count: err.issues.length },
      });
    }
    throw err;
  }
}

async function nextVersion(db: Db): Promise<number> {
  const row = await db
    .selectFrom('settings_versions')
    .select((eb) => eb.fn.max('version').as('max'))
    .executeTakeFirst();
  return Number(row?.max ?? 0) + 1;
}

/** Stores the shipped defaults as version 1 when no settings exist yet. */
export async function ensureInitialSettings(db: Db, now: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const any = await trx.selectFrom('settings_versions').select('version').limit(1).executeTakeFirst();
    if (any) return;
    const settings = validateSettings(defaults, 'rules/settings.defaults.json');
    await trx
      .insertInto('settings_versions')
      .values({
        version: 1,
        status: 'published',
        document: JSON.stringify(settings),
        reason: 'defaults',
        author_id: SYSTEM_ACTOR,
        created_at: now.toISOString(),
        published_at: now.toISOString(),
        published_by_id: SYSTEM_ACTOR,
        rollback_of: null,
      })
      .execute();
  });
}

/** The published settings in effect: the most recently published version. */
export async function currentSettings(db: Db): Promise<{ version: number; settings: Settings }> {
  const row = await db
    .selectFrom('settings_versions')
    .selectAll()
    .where('status', '=', 'published')
    .orderBy('published_at', 'desc')
    .orderBy('version', 'desc')
    .executeTakeFirst();
  if (!row) throw new Error('settings: no published settings; the server seeds the defaults on start');
  return { version: Number(row.version), settings: toVersion(row).settings };
}

export async function getSettingsVersion(db: Db, version: number): Promise<SettingsVersion> {
  const row = await db
    .selectFrom('settings_versions')
    .selectAll()
    .where('version', '=', version)
    .executeTakeFirst();
  if (!row) throw notFound('settings version', String(version));
  return toVersion(row);
}

export type VersionWithDiff = SettingsVersion & {
  current: boolean;
  diff: SettingsChange[];
  diffAgainst: number | null;
};

/** Every version, newest first, each with its diff against the version published before it (proposals: against the current). */
export async function listSettingsVersions(db: Db): Promise<VersionWithDiff[]> {
  const rows = (await db.selectFrom('settings_versions').selectAll().orderBy('version', 'asc').execute()).map(
    toVersion,
  );
  const current = await currentSettings(db);
  const published = rows
    .filter((r) => r.status === 'published')
    .sort((a, b) => (a.publishedAt ?? '').localeCompare(b.publishedAt ?? '') || a.version - b.version);
  const out = rows.map((v): VersionWithDiff => {
    let base: SettingsVersion | undefined;
    if (v.status === 'published') {
      const i = published.findIndex((p) => p.version === v.version);
      base = i > 0 ? published[i - 1] : undefined;
    } else {
      base = rows.find((r) => r.version === current.version);
    }
    return {
      ...v,
      current: v.version === current.version,
      diff: base ? diffDocuments(base.settings, v.settings) : [],
      diffAgainst: base?.version ?? null,
    };
  });
  return out.reverse();
}

function requireReason(reason: unknown): string {
  if (typeof reason !== 'string' || reason.trim().length === 0) {
    throw badRequest('reason-required', 'settings: give a reason for the change (field "reason")');
  }
  return reason.trim();
}

export async function proposeSettings(db: Db, actorId: string, now: Date, doc: unknown, reason: string) {
  const why = requireReason(reason);
  const settings = validateSettings(doc, 'settings proposal');
  return db.transaction().execute(async (trx) => {
    const version = await nextVersion(trx);
    await trx
      .insertInto('settings_versions')
      .values({
        version,
        status: 'proposed',
        document: JSON.stringify(settings),
        reason: why,
        author_id: actorId,
        created_at: now.toISOString(),
        published_at: null,
        published_by_id: null,
        rollback_of: null,
      })
      .execute();
    const current = await currentSettings(trx);
    await writeAudit(trx, now, {
      actorId,
      action: 'settings.propose',
      subjectType: 'settings',
      subjectId: String(version),
      before: current.settings,
      after: { settings, reason: why },
    });
    return getSettingsVersion(trx, version);
  });
}

export async function publishSettings(db: Db, actorId: string, now: Date, version: number) {
  return db.transaction().execute(async (trx) => {
    const proposal = await getSettingsVersion(trx, version);
    if (proposal.status !== 'proposed') {
      throw conflict(
        'not-a-proposal',
        `settings: version ${version} is ${proposal.status}; only a proposed version can be published`,
        { params: { version } },
      );
    }
    const before = await currentSettings(trx);
    await trx
      .updateTable('settings_versions')
      .set({ status: 'published', published_at: now.toISOString(), published_by_id: actorId })
      .where('version', '=', version)
      .execute();
    await writeAudit(trx, now, {
      actorId,
      action: 'settings.publish',
      subjectType: 'settings',
      subjectId: String(version),
      before: { version: before.version, settings: before.settings },
      after: { version, settings: proposal.settings, reason: proposal.reason },
    });
    return getSettingsVersion(trx, version);
  });
}

export async function discardSettings(db: Db, actorId: string, now: Date, version: number) {
  return db.transaction().execute(async (trx) => {
    const proposal = await getSettingsVersion(trx, version);
    if (proposal.status !== 'proposed') {
      throw conflict(
        'not-a-proposal',
        `settings: version ${version} is ${proposal.status}; only a proposal can be discarded`,
        { params: { version } },
      );
    }
    await trx
      .updateTable('settings_versions')
      .set({ status: 'discarded' })
      .where('version', '=', version)
      .execute();
    await writeAudit(trx, now, {
      actorId,
      action: 'settings.discard',
      subjectType: 'settings',
      subjectId: String(version),
      before: { status: 'proposed' },
      after: { status: 'discarded' },
    });
    return getSettingsVersion(trx, version);
  });
}

/** Publishes a copy of an earlier published version as a new version. */
export async function rollbackSettings(
  db: Db,
  actorId: string,
  now: Date,
  toVersion: number,
  reason: string,
) {
  const why = requireReason(reason);
  return db.transaction().execute(async (trx) => {
    const target = await getSettingsVersion(trx, toVersion);
    if (target.status !== 'published') {
      throw conflict(
        'never-published',
        `settings: version ${toVersion} was never published; roll back to a published version`,
        { params: { version: toVersion } },
      );
    }
    const before = await currentSettings(trx);
    if (diffDocuments(before.settings, target.settings).length === 0) {
      throw conflict(
        'already-current',
        `settings: the current settings (version ${before.version}) already equal version ${toVersion}`,
        { params: { version: toVersion } },
      );
    }
    const version = await nextVersion(trx);
    await trx
      .insertInto('settings_versions')
      .values({
        version,
        status: 'published',
        document: JSON.stringify(target.settings),
        reason: why,
        author_id: actorId,
        created_at: now.toISOString(),
        published_at: now.toISOString(),
        published_by_id: actorId,
        rollback_of: toVersion,
      })
      .execute();
    await writeAudit(trx, now, {
      actorId,
      action: 'settings.rollback',
      subjectType: 'settings',
      subjectId: String(version),
      before: { version: before.version, settings: before.settings },
      after: { version, rollbackOf: toVersion, settings: target.settings, reason: why },
    });
    return getSettingsVersion(trx, version);
  });
}
