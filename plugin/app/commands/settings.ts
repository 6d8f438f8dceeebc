import type { Settings } from '../../domain/settings.ts';
import { diffDocuments } from '../../engine/index.ts';
import type { SettingsVersion } from '../../sdk/index.ts';
import { type CommandContext, defineCommand } from '../command.ts';
import { badRequest, conflict, notFound } from '../errors.ts';
import { text, version } from '../input.ts';
import type { Transaction } from '../ports.ts';
import { currentVersion, validateSettings } from '../settings-document.ts';

const SUBJECT = { type: 'settings' } as const;
const reason = text(2000, 1);
const anyObject = { type: 'object', additionalProperties: true } as const;

function requireReason(why: string): string {
  if (why.trim().length === 0)
    throw badRequest('reason-required', 'settings: give a reason for the change (field "reason")');
  return why.trim();
}

async function loadVersion(tx: Transaction, n: number): Promise<SettingsVersion> {
  const found = await tx.get('settingsVersions', String(n));
  if (!found) throw notFound('settings version', String(n));
  return found;
}

/** The published settings in effect, read in the command's transaction. */
export async function currentSettingsOf(tx: Transaction): Promise<SettingsVersion> {
  const current = currentVersion(await tx.find('settingsVersions', { status: 'published' }));
  if (!current) throw new Error('settings: no published settings; the host seeds the defaults on start');
  return current;
}

/**
 * Stores a new version as max + 1. Rewriting the version in effect first takes its row lock, so
 * writers of new versions queue there and each reads the max its predecessor committed; should two
 * still meet on a number, the key refuses one and the runner retries it (`DuplicateRecord`).
 */
async function insertNext(
  ctx: CommandContext,
  current: SettingsVersion,
  row: Omit<SettingsVersion, 'version'>,
) {
  await ctx.tx.update('settingsVersions', String(current.version), {});
  const all = await ctx.tx.find('settingsVersions');
  const stored: SettingsVersion = { ...row, version: Math.max(0, ...all.map((v) => v.version)) + 1 };
  await ctx.tx.insert('settingsVersions', stored);
  return stored;
}

const notAProposal = (v: SettingsVersion, what: string) =>
  conflict(
    'not-a-proposal',
    `settings: version ${v.version} is ${v.status}; only a proposed version can be ${what}`,
    { params: { version: v.version }, current: v },
  );

/** Moves a proposal to `status` as a compare-and-set: a proposal is published (or discarded) once. */
async function settleProposal(
  ctx: CommandContext,
  n: number,
  patch: Partial<SettingsVersion>,
  what: string,
): Promise<{ before: SettingsVersion; after: SettingsVersion }> {
  const before = await loadVersion(ctx.tx, n);
  if (before.status !== 'proposed') throw notAProposal(before, what);
  if (!(await ctx.tx.update('settingsVersions', String(n), patch)))
    throw notAProposal(await loadVersion(ctx.tx, n), what);
  return { before, after: { ...before, ...patch } };
}

export const proposeSettings = defineCommand({
  name: 'settings.propose',
  summary: 'Store a settings document as a proposal; it takes effect once published',
  input: {
    type: 'object',
    required: ['settings', 'reason'],
    additionalProperties: false,
    properties: { settings: anyObject, reason },
  },
  async run(ctx, b: { settings: unknown; reason: string }) {
    ctx.allow('create', SUBJECT, 'settings');
    const why = requireReason(b.reason);
    const settings = validateSettings(b.settings, 'settings proposal');
    const current = await currentSettingsOf(ctx.tx);
    const stored = await insertNext(ctx, current, {
      status: 'proposed',
      settings,
      reason: why,
      authorId: ctx.user.personId,
      createdAt: ctx.now,
      publishedAt: null,
      publishedById: null,
      rollbackOf: null,
    });
    await ctx.audit({
      action: 'settings.propose',
      subjectType: 'settings',
      subjectId: String(stored.version),
      before: current.settings,
      after: { settings, reason: why },
    });
    return stored;
  },
});

export const publishSettings = defineCommand({
  name: 'settings.publish',
  summary: 'Make a proposal the settings in effect (once)',
  changesRules: true,
  pathParams: ['version'],
  input: { type: 'object', required: ['version'], additionalProperties: false, properties: { version } },
  async run(ctx, b: { version: number }) {
    ctx.allow('publish', SUBJECT, 'settings');
    const current = await currentSettingsOf(ctx.tx);
    const { after } = await settleProposal(
      ctx,
      b.version,
      { status: 'published', publishedAt: ctx.now, publishedById: ctx.user.personId },
      'published',
    );
    await ctx.audit({
      action: 'settings.publish',
      subjectType: 'settings',
      subjectId: String(b.version),
      before: { version: current.version, settings: current.settings },
      after: { version: b.version, settings: after.settings, reason: after.reason },
    });
    return after;
  },
});

export const discardSettings = defineCommand({
  name: 'settings.discard',
  summary: 'Set a proposal aside without publishing it',
  pathParams: ['version'],
  input: { type: 'object', required: ['version'], additionalProperties: false, properties: { version } },
  async run(ctx, b: { version: number }) {
    ctx.allow('update', SUBJECT, 'settings');
    const { after } = await settleProposal(ctx, b.version, { status: 'discarded' }, 'discarded');
    await ctx.audit({
      action: 'settings.discard',
      subjectType: 'settings',
      subjectId: String(b.version),
      before: { status: 'proposed' },
      after: { status: 'discarded' },
    });
    return after;
  },
});

export const rollbackSettings = defineCommand({
  name: 'settings.rollback',
  summary: 'Publish a copy of an earlier published version as a new version',
  changesRules: true,
  input: {
    type: 'object',
    required: ['toVersion', 'reason'],
    additionalProperties: false,
    properties: { toVersion: version, reason },
  },
  async run(ctx, b: { toVersion: number; reason: string }) {
    ctx.allow('update', SUBJECT, 'settings');
    const why = requireReason(b.reason);
    const target = await loadVersion(ctx.tx, b.toVersion);
    if (target.status !== 'published')
      throw conflict(
        'never-published',
        `settings: version ${b.toVersion} was never published; roll back to a published version`,
        { params: { version: b.toVersion } },
      );
    const current = await currentSettingsOf(ctx.tx);
    if (diffDocuments(current.settings, target.settings).length === 0)
      throw conflict(
        'already-current',
        `settings: the current settings (version ${current.version}) already equal version ${b.toVersion}`,
        { params: { version: b.toVersion } },
      );
    const stored = await insertNext(ctx, current, {
      status: 'published',
      settings: target.settings as Settings,
      reason: why,
      authorId: ctx.user.personId,
      createdAt: ctx.now,
      publishedAt: ctx.now,
      publishedById: ctx.user.personId,
      rollbackOf: b.toVersion,
    });
    await ctx.audit({
      action: 'settings.rollback',
      subjectType: 'settings',
      subjectId: String(stored.version),
      before: { version: current.version, settings: current.settings },
      after: { version: stored.version, rollbackOf: b.toVersion, settings: target.settings, reason: why },
    });
    return stored;
  },
});
