import { randomUUID } from 'node:crypto';
import type { KeyResult, TargetRevision } from '../../domain/types.ts';
import { type CommandContext, defineCommand } from '../command.ts';
import { checkCustomValues, customValuesSchema } from '../custom-values.ts';
import { badRequest, conflict, notFound, staleVersion } from '../errors.ts';
import { loadKeyResult, openCycle } from '../guards.ts';
import { amount, id, idAtVersion, text, version } from '../input.ts';
import type { AppRecords, CustomValues } from '../ports.ts';
import { recordChange } from '../record-change.ts';
import { krSubject } from '../subjects.ts';
import { liveKeyResult } from './archive-guard.ts';
import { checkFigures, checkRationaleKept } from './kr-bounds.ts';

type StoredKr = AppRecords['keyResults'];

/** Fields of a KR its writers edit; the same on create and on update. */
const editable = {
  title: text(300, 1),
  metric: { enum: ['number', 'percent', 'currency', 'milestone'] },
  baseline: amount,
  target: amount,
  unit: text(40),
  focusTags: { type: 'array', maxItems: 20, items: text(60, 1) },
  rationale: text(4000),
  evidence: text(4000),
  updateIntervalDays: { type: ['integer', 'null'], minimum: 1, maximum: 365 },
  custom: customValuesSchema,
} as const;

type Editable = Partial<
  Pick<
    KeyResult,
    | 'title'
    | 'metric'
    | 'baseline'
    | 'target'
    | 'unit'
    | 'focusTags'
    | 'rationale'
    | 'evidence'
    | 'updateIntervalDays'
  >
> & { custom?: CustomValues | null };

const saved = (kr: StoredKr) => ({ type: 'keyResult.saved', id: kr.id, version: kr.version, record: kr });

export const createKeyResult = defineCommand({
  name: 'keyResult.create',
  summary: 'Propose a key result for a person or a region in a cycle',
  changesRules: true,
  input: {
    type: 'object',
    required: ['cycleId', 'ownerType', 'ownerId', 'title', 'metric', 'baseline', 'target'],
    additionalProperties: false,
    properties: { cycleId: id, ownerType: { enum: ['person', 'region'] }, ownerId: id, ...editable },
  },
  async run(
    ctx,
    b: Editable &
      Pick<KeyResult, 'cycleId' | 'ownerType' | 'ownerId' | 'title' | 'metric' | 'baseline' | 'target'>,
  ) {
    const { tx } = ctx;
    const owner =
      b.ownerType === 'person' ? await tx.get('people', b.ownerId) : await tx.get('regions', b.ownerId);
    if (!owner)
      throw badRequest(
        'unknown-owner',
        `key result: owner "${b.ownerId}" is not a ${b.ownerType}; pick an existing one`,
        {
          params: { id: b.ownerId },
        },
      );
    const subject = await krSubject(tx, b);
    ctx.allow('create', subject, 'key result');
    await openCycle(tx, b.cycleId);
    checkFigures(b, null, 'key result');
    const custom = await checkCustomValues(tx, 'key-result', b.custom, null);
    const kr: StoredKr = {
      id: randomUUID(),
      cycleId: b.cycleId,
      ownerType: b.ownerType,
      ownerId: b.ownerId,
      title: b.title,
      metric: b.metric,
      baseline: b.baseline,
      target: b.target,
      unit: b.unit ?? '',
      focusTags: b.focusTags ?? [],
      links: [],
      rationale: b.rationale ?? '',
      rationaleAt: b.rationale ? ctx.now : null,
      evidence: b.evidence ?? '',
      confirmedAt: null,
      updateIntervalDays: b.updateIntervalDays ?? null,
      targetHistory: [],
      // Check-ins are owed from this month on (plugin/domain/kr-lifetime.ts).
      createdAt: ctx.now,
      version: 1,
      custom,
    };
    await tx.insert('keyResults', kr);
    await recordChange(
      ctx,
      { action: 'keyResult.create', subjectType: 'keyResult', subjectId: kr.id, before: null, after: kr },
      { cycleId: kr.cycleId, message: saved(kr), about: subject },
    );
    return kr;
  },
});

/** Writes `after` over `before` as a compare-and-set, or answers 409 with the row that won. */
async function replaceKr(ctx: CommandContext, before: StoredKr, after: StoredKr) {
  const { version: _v, links: _l, ...patch } = after;
  if (!(await ctx.tx.update('keyResults', before.id, patch, before.version))) {
    const current = await ctx.tx.get('keyResults', before.id);
    if (!current) throw notFound('key result', before.id);
    throw staleVersion(`key result ${before.id}`, before.version, current);
  }
  return { ...after, version: before.version + 1 };
}

export const updateKeyResult = defineCommand({
  name: 'keyResult.update',
  summary: 'Edit a key result; a revised target needs a reason and keeps the old value',
  changesRules: true,
  pathParams: ['id'],
  input: {
    type: 'object',
    required: ['id', 'version'],
    additionalProperties: false,
    properties: { id, version, targetReason: text(1000, 1), ...editable },
  },
  async run(ctx, b: Editable & { id: string; version: number; targetReason?: string }) {
    const { id: krId, version: sent, targetReason, custom: customSent, ...patch } = b;
    const before = await loadKeyResult(ctx.tx, krId);
    const subject = await krSubject(ctx.tx, before);
    ctx.allow('update', subject, 'key result');
    await openCycle(ctx.tx, before.cycleId);
    if (before.version !== sent) throw staleVersion(`key result ${before.id}`, sent, before);
    liveKeyResult(before, 'key result');
    checkRationaleKept(before.rationale, patch.rationale, `key result ${before.id}`);
    checkFigures({ ...before, ...patch }, before, `key result ${before.id}`);
    const custom = await checkCustomValues(ctx.tx, 'key-result', customSent, before.custom ?? null);
    const targetHistory: TargetRevision[] = [...before.targetHistory];
    if (patch.target !== undefined && patch.target !== before.target) {
      if (!targetReason)
        throw badRequest(
          'target-reason-required',
          `key result ${before.id}: a revised target needs a reason (field "targetReason")`,
        );
      targetHistory.push({
        at: ctx.now,
        previousTarget: before.target,
        newTarget: patch.target,
        reason: targetReason,
      });
    }
    const rationaleChanged = patch.rationale !== undefined && patch.rationale !== before.rationale;
    const after = await replaceKr(ctx, before, {
      ...before,
      ...patch,
      custom,
      targetHistory,
      rationaleAt: rationaleChanged ? ctx.now : before.rationaleAt,
      // An edit answers a send-back: the KR goes to the manager again.
      sentBack: null,
    });
    await recordChange(
      ctx,
      { action: 'keyResult.update', subjectType: 'keyResult', subjectId: before.id, before, after },
      { cycleId: after.cycleId, message: saved(after), about: subject },
    );
    return after;
  },
});

export const confirmKeyResult = defineCommand({
  name: 'keyResult.confirm',
  summary: "The owner's manager confirms (or withdraws the confirmation of) a key result's alignment",
  changesRules: true,
  pathParams: ['id'],
  input: {
    type: 'object',
    required: ['id', 'version'],
    additionalProperties: false,
    properties: { id, version, confirmed: { type: 'boolean' } },
  },
  async run(ctx, b: { id: string; version: number; confirmed?: boolean }) {
    const before = await loadKeyResult(ctx.tx, b.id);
    const subject = await krSubject(ctx.tx, before);
    ctx.allow('confirm', subject, 'key result');
    await openCycle(ctx.tx, before.cycleId);
    if (before.version !== b.version) throw staleVersion(`key result ${before.id}`, b.version, before);
    liveKeyResult(before, 'key result');
    const confirmedAt = b.confirmed === false ? null : ctx.now;
    const sentBack = confirmedAt ? null : (before.sentBack ?? null);
    const after = await replaceKr(ctx, before, { ...before, confirmedAt, sentBack });
    await recordChange(
      ctx,
      {
        action: 'keyResult.confirm',
        subjectType: 'keyResult',
        subjectId: before.id,
        before: { confirmedAt: before.confirmedAt },
        after: { confirmedAt },
      },
      { cycleId: after.cycleId, message: saved(after), about: subject },
    );
    return after;
  },
});

export const deleteKeyResult = defineCommand({
  name: 'keyResult.delete',
  summary: 'Remove a key result (managers of its region and admins)',
  changesRules: true,
  pathParams: ['id'],
  input: idAtVersion,
  async run(ctx, b: { id: string; version: number }) {
    const before = await loadKeyResult(ctx.tx, b.id);
    const subject = await krSubject(ctx.tx, before);
    ctx.allow('delete', subject, 'key result');
    await openCycle(ctx.tx, before.cycleId);
    const checkIns = await ctx.tx.find('checkIns', { krId: before.id });
    if (checkIns.length > 0)
      throw conflict(
        'kr-has-check-ins',
        `key result ${before.id}: ${checkIns.length} check-ins report on it; archive it instead (keyResult.archive) to keep its history`,
        { params: { count: checkIns.length } },
      );
    if (before.version !== b.version || !(await ctx.tx.remove('keyResults', before.id, b.version))) {
      const current = (await ctx.tx.get('keyResults', before.id)) ?? before;
      throw staleVersion(`key result ${before.id}`, b.version, current);
    }
    await recordChange(
      ctx,
      { action: 'keyResult.delete', subjectType: 'keyResult', subjectId: before.id, before, after: null },
      { cycleId: before.cycleId, message: { type: 'keyResult.removed', id: before.id }, about: subject },
    );
    return { ok: true };
  },
});

export const archiveKeyResult = defineCommand({
  name: 'keyResult.archive',
  summary:
    'Archive a key result (managers of its region and admins): it leaves the board, the rules and the pool; its check-ins and audit stay',
  changesRules: true,
  pathParams: ['id'],
  input: idAtVersion,
  async run(ctx, b: { id: string; version: number }) {
    const before = await loadKeyResult(ctx.tx, b.id);
    const subject = await krSubject(ctx.tx, before);
    ctx.allow('delete', subject, 'key result');
    await openCycle(ctx.tx, before.cycleId);
    if (before.version !== b.version) throw staleVersion(`key result ${before.id}`, b.version, before);
    liveKeyResult(before, 'key result');
    const after = await replaceKr(ctx, before, { ...before, archivedAt: ctx.now });
    // Every board drops the card; the row stays for history, reports and the audit log.
    await recordChange(
      ctx,
      {
        action: 'keyResult.archive',
        subjectType: 'keyResult',
        subjectId: before.id,
        before: { archivedAt: null },
        after: { archivedAt: after.archivedAt },
      },
      { cycleId: after.cycleId, message: { type: 'keyResult.removed', id: after.id }, about: subject },
    );
    return after;
  },
});

export const sendBackKeyResult = defineCommand({
  name: 'keyResult.sendBack',
  summary: "The owner's manager sends a key result back with a comment instead of confirming it",
  changesRules: true,
  pathParams: ['id'],
  input: {
    type: 'object',
    required: ['id', 'version', 'reason'],
    additionalProperties: false,
    properties: { id, version, reason: { ...text(500, 1), pattern: '\\S' } },
  },
  async run(ctx, b: { id: string; version: number; reason: string }) {
    const before = await loadKeyResult(ctx.tx, b.id);
    const subject = await krSubject(ctx.tx, before);
    ctx.allow('confirm', subject, 'key result');
    await openCycle(ctx.tx, before.cycleId);
    if (before.version !== b.version) throw staleVersion(`key result ${before.id}`, b.version, before);
    liveKeyResult(before, 'key result');
    const sentBack = { at: ctx.now, byId: ctx.user.personId, reason: b.reason.trim() };
    const after = await replaceKr(ctx, before, { ...before, confirmedAt: null, sentBack });
    await recordChange(
      ctx,
      {
        action: 'keyResult.sendBack',
        subjectType: 'keyResult',
        subjectId: before.id,
        before: { confirmedAt: before.confirmedAt, sentBack: before.sentBack ?? null },
        after: { confirmedAt: null, sentBack },
      },
      { cycleId: after.cycleId, message: saved(after), about: subject },
    );
    if (after.ownerType === 'person' && after.ownerId !== ctx.user.personId)
      ctx.afterCommit(async () => {
        await ctx.ports.notify({
          recipientIds: [after.ownerId],
          kind: 'keyResult.sentBack',
          params: { kr: after.title, reason: sentBack.reason },
          subject: { krId: after.id, personId: after.ownerId },
          dedupKey: `kr:${after.id}:sentBack:${after.version}`,
        });
      });
    return after;
  },
});
