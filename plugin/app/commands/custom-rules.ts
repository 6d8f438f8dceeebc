import { validateCustomRules } from '../../engine/custom-rules.ts';
import { currentRuleVersion, diffCustomRules, type RuleVersion } from '../../engine/custom-rules-versions.ts';
import { RuleFileError } from '../../engine/errors.ts';
import type { CommandContext } from '../command.ts';
import { defineCommand } from '../command.ts';
import { badRequest, conflict, notFound } from '../errors.ts';
import { text, version } from '../input.ts';
import type { Transaction } from '../ports.ts';

const SUBJECT = { type: 'customRules' } as const;
const reason = text(2000, 1);
const anyObject = { type: 'object', additionalProperties: true } as const;

function requireReason(why: string): string {
  if (why.trim().length === 0)
    throw badRequest('reason-required', 'custom rules: give a reason for the change (field "reason")');
  return why.trim();
}

/** A document the admin sent, checked like a rule file; a bad one is a 400 listing every problem with its path. */
export function checkedDocument(doc: unknown) {
  try {
    return validateCustomRules(doc);
  } catch (err) {
    if (err instanceof RuleFileError)
      throw badRequest('invalid-custom-rules', err.message, {
        issues: err.issues.map((i) => ({ path: i.field, message: i.message, ...(i.rule ? { rule: i.rule } : {}) })),
        params: { count: err.issues.length },
      });
    throw err;
  }
}

async function loadVersion(tx: Transaction, n: number): Promise<RuleVersion> {
  const found = await tx.get('ruleVersions', String(n));
  if (!found) throw notFound('custom rules version', String(n));
  return found;
}

/** The custom rules in effect, read in the command's transaction (version 0: none). */
export async function currentRulesOf(tx: Transaction): Promise<RuleVersion> {
  return currentRuleVersion(await tx.find('ruleVersions', { status: 'published' }));
}

/** Stores a new version as max + 1; two writers meeting on a number: the key refuses one, the runner retries. */
async function insertNext(ctx: CommandContext, row: Omit<RuleVersion, 'version'>) {
  const all = await ctx.tx.find('ruleVersions');
  const stored: RuleVersion = { ...row, version: Math.max(0, ...all.map((v) => v.version)) + 1 };
  await ctx.tx.insert('ruleVersions', stored);
  return stored;
}

const notAProposal = (v: RuleVersion, what: string) =>
  conflict(
    'not-a-proposal',
    `custom rules: version ${v.version} is ${v.status}; only a proposed version can be ${what}`,
    { params: { version: v.version }, current: v },
  );

async function settle(ctx: CommandContext, n: number, patch: Partial<RuleVersion>, what: string) {
  const before = await loadVersion(ctx.tx, n);
  if (before.status !== 'proposed') throw notAProposal(before, what);
  if (!(await ctx.tx.update('ruleVersions', String(n), patch)))
    throw notAProposal(await loadVersion(ctx.tx, n), what);
  return { before, after: { ...before, ...patch } };
}

export const proposeCustomRules = defineCommand({
  name: 'rules.propose',
  summary: 'Store a custom rules document as a proposal; the rules run once it is published',
  input: {
    type: 'object',
    required: ['document', 'reason'],
    additionalProperties: false,
    properties: { document: anyObject, reason },
  },
  async run(ctx, b: { document: unknown; reason: string }) {
    ctx.allow('create', SUBJECT, 'custom rules');
    const why = requireReason(b.reason);
    const document = checkedDocument(b.document);
    const current = await currentRulesOf(ctx.tx);
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
      action: 'rules.propose',
      subjectType: 'customRules',
      subjectId: String(stored.version),
      before: { version: current.version },
      after: { reason: why, diff: diffCustomRules(current.document, document) },
    });
    return stored;
  },
});

export const publishCustomRules = defineCommand({
  name: 'rules.publish',
  summary: 'Make a proposed custom rules version the one the engine runs (once)',
  changesRules: true,
  pathParams: ['version'],
  input: { type: 'object', required: ['version'], additionalProperties: false, properties: { version } },
  async run(ctx, b: { version: number }) {
    ctx.allow('publish', SUBJECT, 'custom rules');
    const current = await currentRulesOf(ctx.tx);
    const { after } = await settle(
      ctx,
      b.version,
      { status: 'published', publishedAt: ctx.now, publishedById: ctx.user.personId },
      'published',
    );
    await ctx.audit({
      action: 'rules.publish',
      subjectType: 'customRules',
      subjectId: String(b.version),
      before: { version: current.version },
      after: {
        version: b.version,
        reason: after.reason,
        diff: diffCustomRules(current.document, after.document),
      },
    });
    return after;
  },
});

export const discardCustomRules = defineCommand({
  name: 'rules.discard',
  summary: 'Set a custom rules proposal aside without publishing it',
  pathParams: ['version'],
  input: { type: 'object', required: ['version'], additionalProperties: false, properties: { version } },
  async run(ctx, b: { version: number }) {
    ctx.allow('update', SUBJECT, 'custom rules');
    const { after } = await settle(ctx, b.version, { status: 'discarded' }, 'discarded');
    await ctx.audit({
      action: 'rules.discard',
      subjectType: 'customRules',
      subjectId: String(b.version),
      before: { status: 'proposed' },
      after: { status: 'discarded' },
    });
    return after;
  },
});

export const rollbackCustomRules = defineCommand({
  name: 'rules.rollback',
  summary: 'Publish a copy of an earlier published custom rules version (0: no custom rules)',
  changesRules: true,
  input: {
    type: 'object',
    required: ['toVersion', 'reason'],
    additionalProperties: false,
    properties: { toVersion: { type: 'integer', minimum: 0, maximum: 1e9 }, reason },
  },
  async run(ctx, b: { toVersion: number; reason: string }) {
    ctx.allow('update', SUBJECT, 'custom rules');
    const why = requireReason(b.reason);
    const target = b.toVersion === 0 ? currentRuleVersion([]) : await loadVersion(ctx.tx, b.toVersion);
    if (target.status !== 'published')
      throw conflict(
        'never-published',
        `custom rules: version ${b.toVersion} was never published; roll back to a published version`,
        { params: { version: b.toVersion } },
      );
    const current = await currentRulesOf(ctx.tx);
    const diff = diffCustomRules(current.document, target.document);
    if (diff.length === 0)
      throw conflict(
        'already-current',
        `custom rules: the custom rules in effect (version ${current.version}) already equal version ${b.toVersion}`,
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
      action: 'rules.rollback',
      subjectType: 'customRules',
      subjectId: String(stored.version),
      before: { version: current.version },
      after: { version: stored.version, rollbackOf: b.toVersion, reason: why, diff },
    });
    return stored;
  },
});

export const CUSTOM_RULE_COMMANDS = [
  proposeCustomRules,
  publishCustomRules,
  discardCustomRules,
  rollbackCustomRules,
] as const;
