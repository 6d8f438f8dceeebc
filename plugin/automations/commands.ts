import type { CommandContext } from '../app/command.ts';
import { defineCommand } from '../app/command.ts';
import { badRequest, conflict, notFound } from '../app/errors.ts';
import { text, version } from '../app/input.ts';
import type { Transaction } from '../app/ports.ts';
import { AutomationDocumentError, validateAutomations } from './validate.ts';
import { type AutomationVersion, currentAutomations, diffAutomations } from './versions.ts';

const SUBJECT = { type: 'automation' } as const;
const reason = text(2000, 1);
const anyObject = { type: 'object', additionalProperties: true } as const;

function requireReason(why: string): string {
  if (why.trim().length === 0)
    throw badRequest('reason-required', 'automations: give a reason for the change (field "reason")');
  return why.trim();
}

/** A document HR sent, checked; a bad one is a 400 listing every problem with its path. */
export function checkedDocument(doc: unknown) {
  try {
    return validateAutomations(doc, 'automations');
  } catch (err) {
    if (err instanceof AutomationDocumentError)
      throw badRequest('invalid-automations', err.message, {
        issues: err.issues,
        params: { count: err.issues.length },
      });
    throw err;
  }
}

async function loadVersion(tx: Transaction, n: number): Promise<AutomationVersion> {
  const found = await tx.get('automationVersions', String(n));
  if (!found) throw notFound('automation version', String(n));
  return found;
}

/** The automations in effect, read in the command's transaction (version 0: the shipped defaults). */
export async function currentAutomationsOf(tx: Transaction): Promise<AutomationVersion> {
  return currentAutomations(await tx.find('automationVersions', { status: 'published' }));
}

/** Stores a new version as max + 1; two writers meeting on a number: the key refuses one, the runner retries. */
async function insertNext(ctx: CommandContext, row: Omit<AutomationVersion, 'version'>) {
  const all = await ctx.tx.find('automationVersions');
  const stored: AutomationVersion = { ...row, version: Math.max(0, ...all.map((v) => v.version)) + 1 };
  await ctx.tx.insert('automationVersions', stored);
  return stored;
}

const notAProposal = (v: AutomationVersion, what: string) =>
  conflict(
    'not-a-proposal',
    `automations: version ${v.version} is ${v.status}; only a proposed version can be ${what}`,
    { params: { version: v.version }, current: v },
  );

async function settle(ctx: CommandContext, n: number, patch: Partial<AutomationVersion>, what: string) {
  const before = await loadVersion(ctx.tx, n);
  if (before.status !== 'proposed') throw notAProposal(before, what);
  if (!(await ctx.tx.update('automationVersions', String(n), patch)))
    throw notAProposal(await loadVersion(ctx.tx, n), what);
  return { before, after: { ...before, ...patch } };
}

export const proposeAutomations = defineCommand({
  name: 'automations.propose',
  summary: 'Store an automations document as a proposal; it takes effect once published',
  input: {
    type: 'object',
    required: ['document', 'reason'],
    additionalProperties: false,
    properties: { document: anyObject, reason },
  },
  async run(ctx, b: { document: unknown; reason: string }) {
    ctx.allow('create', SUBJECT, 'automations');
    const why = requireReason(b.reason);
    const document = checkedDocument(b.document);
    const current = await currentAutomationsOf(ctx.tx);
    const stored = await insertNext(ctx, {
      status: 'proposed',
      document,
      reason: why,
      authorId: ctx.user.personId,
      createdAt: ctx.now,
      publishedAt: null,
      publishedById: null,
      rollbackOf: null,
    });
    await ctx.audit({
      action: 'automations.propose',
      subjectType: 'automations',
      subjectId: String(stored.version),
      before: { version: current.version },
      after: { reason: why, diff: diffAutomations(current.document, document) },
    });
    return stored;
  },
});

export const publishAutomations = defineCommand({
  name: 'automations.publish',
  summary: 'Make a proposed automations version the one in effect (once)',
  pathParams: ['version'],
  input: { type: 'object', required: ['version'], additionalProperties: false, properties: { version } },
  async run(ctx, b: { version: number }) {
    ctx.allow('publish', SUBJECT, 'automations');
    const current = await currentAutomationsOf(ctx.tx);
    const { after } = await settle(
      ctx,
      b.version,
      { status: 'published', publishedAt: ctx.now, publishedById: ctx.user.personId },
      'published',
    );
    await ctx.audit({
      action: 'automations.publish',
      subjectType: 'automations',
      subjectId: String(b.version),
      before: { version: current.version },
      after: {
        version: b.version,
        reason: after.reason,
        diff: diffAutomations(current.document, after.document),
      },
    });
    return after;
  },
});

export const discardAutomations = defineCommand({
  name: 'automations.discard',
  summary: 'Set an automations proposal aside without publishing it',
  pathParams: ['version'],
  input: { type: 'object', required: ['version'], additionalProperties: false, properties: { version } },
  async run(ctx, b: { version: number }) {
    ctx.allow('update', SUBJECT, 'automations');
    const { after } = await settle(ctx, b.version, { status: 'discarded' }, 'discarded');
    await ctx.audit({
      action: 'automations.discard',
      subjectType: 'automations',
      subjectId: String(b.version),
      before: { status: 'proposed' },
      after: { status: 'discarded' },
    });
    return after;
  },
});

export const rollbackAutomations = defineCommand({
  name: 'automations.rollback',
  summary: 'Publish a copy of an earlier published automations version (0: the shipped defaults)',
  input: {
    type: 'object',
    required: ['toVersion', 'reason'],
    additionalProperties: false,
    properties: { toVersion: { type: 'integer', minimum: 0, maximum: 1e9 }, reason },
  },
  async run(ctx, b: { toVersion: number; reason: string }) {
    ctx.allow('update', SUBJECT, 'automations');
    const why = requireReason(b.reason);
    const target = b.toVersion === 0 ? currentAutomations([]) : await loadVersion(ctx.tx, b.toVersion);
    if (target.status !== 'published')
      throw conflict(
        'never-published',
        `automations: version ${b.toVersion} was never published; roll back to a published version`,
        { params: { version: b.toVersion } },
      );
    const current = await currentAutomationsOf(ctx.tx);
    const diff = diffAutomations(current.document, target.document);
    if (diff.length === 0)
      throw conflict(
        'already-current',
        `automations: the automations in effect (version ${current.version}) already equal version ${b.toVersion}`,
        { params: { version: b.toVersion } },
      );
    const stored = await insertNext(ctx, {
      status: 'published',
      document: target.document,
      reason: why,
      authorId: ctx.user.personId,
      createdAt: ctx.now,
      publishedAt: ctx.now,
      publishedById: ctx.user.personId,
      rollbackOf: b.toVersion,
    });
    await ctx.audit({
      action: 'automations.rollback',
      subjectType: 'automations',
      subjectId: String(stored.version),
      before: { version: current.version },
      after: { version: stored.version, rollbackOf: b.toVersion, reason: why, diff },
    });
    return stored;
  },
});

export const AUTOMATION_COMMANDS = [
  proposeAutomations,
  publishAutomations,
  discardAutomations,
  rollbackAutomations,
] as const;
