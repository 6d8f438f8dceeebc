import { type VersionFields, versionInEffect } from '../domain/document-versions.ts';
import type { SettingsChange, Subject } from '../sdk/index.ts';
import { type Command, type CommandContext, defineCommand } from './command.ts';
import { badRequest, conflict, notFound } from './errors.ts';
import { text, version } from './input.ts';
import type { AppRecords, Transaction } from './ports.ts';

type VersionRecord = 'settingsVersions' | 'automationVersions' | 'ruleVersions';
/** The records whose rows are versions of type `V`. */
type RecordOf<V> = { [R in VersionRecord]: AppRecords[R] extends V ? R : never }[VersionRecord];

export interface VersionedDocumentSpec<V extends VersionFields, D> {
  /** Command and audit prefix: `settings` gives `settings.propose` … `settings.rollback`. */
  kind: string;
  record: RecordOf<V>;
  /** Where the document sits, in the propose input and in a stored version. */
  field: 'settings' | 'document';
  /** Words for errors and the policy: `custom rules` gives "custom rules: give a reason…". */
  label: string;
  /** What a missing version is called in the 404 (a `Thing` of error-codes.ts). */
  versionNoun: Parameters<typeof notFound>[0];
  /** Wording of the version in effect in the already-current error ("the current settings"). */
  inEffect: string;
  subject: Subject;
  /** The audit rows' subject type. */
  auditSubject: string;
  /** One line per command for the API reference. */
  summaries: { propose: string; publish: string; discard: string; rollback: string };
  /** Checks a document sent in (reading other documents it depends on in `tx`); a bad one throws a 400 that names every problem. */
  validate(doc: unknown, tx: Transaction): D | Promise<D>;
  diff(before: D, after: D): SettingsChange[];
  /** The version 0 the pack ships (a rollback target); without it the host seeds version 1. */
  shipped?: () => V;
  /** Publishing changes what the rules see, so they re-run after publish and rollback. */
  changesRules?: boolean;
  /** The audit rows carry whole documents (settings) rather than their diff. */
  auditDocuments?: boolean;
}

export interface VersionedDocument<V> {
  propose: Command<Record<string, unknown> & { reason: string }, V>;
  publish: Command<{ version: number }, V>;
  discard: Command<{ version: number }, V>;
  rollback: Command<{ toVersion: number; reason: string }, V>;
  /** The version in effect, read in the command's transaction. */
  current(tx: Transaction): Promise<V>;
}

const reason = text(2000, 1);
const anyObject = { type: 'object', additionalProperties: true } as const;
const byNumber = {
  type: 'object',
  required: ['version'],
  additionalProperties: false,
  properties: { version },
} as const;

/** Propose / publish / discard / rollback of one versioned document, with author, reason, diff and audit. */
export function defineVersionedDocument<V extends VersionFields, D>(
  spec: VersionedDocumentSpec<V, D>,
): VersionedDocument<V> {
  const { kind, label, field } = spec;
  // The casts stay in here: RecordOf<V> already makes sure the record holds rows of V.
  const rows = (tx: Transaction) => ({
    get: (n: number) => tx.get(spec.record, String(n)) as Promise<V | null>,
    all: (where?: { status: V['status'] }) =>
      tx.find(spec.record, where as never) as Promise<unknown> as Promise<V[]>,
    insert: (v: V) => tx.insert(spec.record, v as never),
    update: (n: number, patch: Partial<V>, expected?: Partial<V>) =>
      tx.update(spec.record, String(n), patch as never, expected as never),
  });
  const docOf = (v: V) => (v as unknown as Record<string, D>)[field] as D;
  const withDoc = (fields: Omit<VersionFields, 'version'>, doc: D) =>
    ({ ...fields, [field]: doc }) as unknown as Omit<V, 'version'>;

  function requireReason(why: string): string {
    if (why.trim().length === 0)
      throw badRequest('reason-required', `${label}: give a reason for the change (field "reason")`);
    return why.trim();
  }

  async function load(tx: Transaction, n: number): Promise<V> {
    const found = await rows(tx).get(n);
    if (!found) throw notFound(spec.versionNoun, String(n));
    return found;
  }

  async function current(tx: Transaction): Promise<V> {
    const found = versionInEffect(await rows(tx).all({ status: 'published' }), spec.shipped?.());
    if (!found) throw new Error(`${label}: no published ${label}; the host seeds the defaults on start`);
    return found;
  }

  /**
   * Stores a new version as max + 1. Rewriting the version in effect first takes its row lock, so
   * writers of new versions queue there and each reads the max its predecessor committed; should two
   * still meet on a number, the key refuses one and the runner retries it (`DuplicateRecord`).
   */
  async function insertNext(ctx: CommandContext, inEffect: V, row: Omit<V, 'version'>): Promise<V> {
    const store = rows(ctx.tx);
    if (inEffect.version > 0) await store.update(inEffect.version, {});
    const all = await store.all();
    const stored = { ...row, version: Math.max(0, ...all.map((v) => v.version)) + 1 } as V;
    await store.insert(stored);
    return stored;
  }

  const notAProposal = (v: V, what: string) =>
    conflict(
      'not-a-proposal',
      `${label}: version ${v.version} is ${v.status}; only a proposed version can be ${what}`,
      {
        params: { version: v.version },
        current: v,
      },
    );

  /** Moves a proposal on as a compare-and-set on its status: a proposal is published (or discarded) once. */
  async function settle(ctx: CommandContext, n: number, patch: Partial<V>, what: string) {
    const before = await load(ctx.tx, n);
    if (before.status !== 'proposed') throw notAProposal(before, what);
    // Against the status read here: a publish committed since then makes the update change nothing.
    const proposed = { status: 'proposed' } as Partial<V>;
    if (!(await rows(ctx.tx).update(n, patch, proposed))) throw notAProposal(await load(ctx.tx, n), what);
    return { ...before, ...patch };
  }

  /** The audit's view of the version in effect, and of the document that now is (or would be) in effect. */
  const was = (v: V) =>
    spec.auditDocuments ? { version: v.version, [field]: docOf(v) } : { version: v.version };
  const becomes = (before: V, doc: D, why: string) =>
    spec.auditDocuments
      ? { [field]: doc, reason: why }
      : { reason: why, diff: spec.diff(docOf(before), doc) };

  const propose = defineCommand({
    name: `${kind}.propose`,
    summary: spec.summaries.propose,
    input: {
      type: 'object',
      required: [field, 'reason'],
      additionalProperties: false,
      properties: { [field]: anyObject, reason },
    },
    async run(ctx, b: Record<string, unknown> & { reason: string }) {
      ctx.allow('create', spec.subject, label);
      const why = requireReason(b.reason);
      const doc = await spec.validate(b[field], ctx.tx);
      const inEffect = await current(ctx.tx);
      const stored = await insertNext(
        ctx,
        inEffect,
        withDoc(
          {
            status: 'proposed',
            reason: why,
            authorId: ctx.user.personId,
            createdAt: ctx.now,
            publishedAt: null,
            publishedById: null,
            rollbackOf: null,
          },
          doc,
        ),
      );
      await ctx.audit({
        action: `${kind}.propose`,
        subjectType: spec.auditSubject,
        subjectId: String(stored.version),
        before: spec.auditDocuments ? docOf(inEffect) : was(inEffect),
        after: becomes(inEffect, doc, why),
      });
      return stored;
    },
  });

  const publish = defineCommand({
    name: `${kind}.publish`,
    summary: spec.summaries.publish,
    ...(spec.changesRules ? { changesRules: true } : {}),
    pathParams: ['version'],
    input: byNumber,
    async run(ctx, b: { version: number }) {
      ctx.allow('publish', spec.subject, label);
      const inEffect = await current(ctx.tx);
      const patch = {
        status: 'published',
        publishedAt: ctx.now,
        publishedById: ctx.user.personId,
      } as Partial<V>;
      const after = await settle(ctx, b.version, patch, 'published');
      await ctx.audit({
        action: `${kind}.publish`,
        subjectType: spec.auditSubject,
        subjectId: String(b.version),
        before: was(inEffect),
        after: { version: b.version, ...becomes(inEffect, docOf(after), after.reason) },
      });
      return after;
    },
  });

  const discard = defineCommand({
    name: `${kind}.discard`,
    summary: spec.summaries.discard,
    pathParams: ['version'],
    input: byNumber,
    async run(ctx, b: { version: number }) {
      ctx.allow('update', spec.subject, label);
      const after = await settle(ctx, b.version, { status: 'discarded' } as Partial<V>, 'discarded');
      await ctx.audit({
        action: `${kind}.discard`,
        subjectType: spec.auditSubject,
        subjectId: String(b.version),
        before: { status: 'proposed' },
        after: { status: 'discarded' },
      });
      return after;
    },
  });

  const rollback = defineCommand({
    name: `${kind}.rollback`,
    summary: spec.summaries.rollback,
    ...(spec.changesRules ? { changesRules: true } : {}),
    input: {
      type: 'object',
      required: ['toVersion', 'reason'],
      additionalProperties: false,
      properties: {
        toVersion: spec.shipped ? { type: 'integer', minimum: 0, maximum: 1e9 } : version,
        reason,
      },
    },
    async run(ctx, b: { toVersion: number; reason: string }) {
      ctx.allow('update', spec.subject, label);
      const why = requireReason(b.reason);
      const target = b.toVersion === 0 && spec.shipped ? spec.shipped() : await load(ctx.tx, b.toVersion);
      if (target.status !== 'published')
        throw conflict(
          'never-published',
          `${label}: version ${b.toVersion} was never published; roll back to a published version`,
          { params: { version: b.toVersion } },
        );
      const inEffect = await current(ctx.tx);
      if (spec.diff(docOf(inEffect), docOf(target)).length === 0)
        throw conflict(
          'already-current',
          `${label}: ${spec.inEffect} (version ${inEffect.version}) already equal version ${b.toVersion}`,
          { params: { version: b.toVersion } },
        );
      const stored = await insertNext(
        ctx,
        inEffect,
        withDoc(
          {
            status: 'published',
            reason: why,
            authorId: ctx.user.personId,
            createdAt: ctx.now,
            publishedAt: ctx.now,
            publishedById: ctx.user.personId,
            rollbackOf: b.toVersion,
          },
          docOf(target),
        ),
      );
      await ctx.audit({
        action: `${kind}.rollback`,
        subjectType: spec.auditSubject,
        subjectId: String(stored.version),
        before: was(inEffect),
        after: { version: stored.version, rollbackOf: b.toVersion, ...becomes(inEffect, docOf(target), why) },
      });
      return stored;
    },
  });

  return { propose, publish, discard, rollback, current };
}
