import { randomUUID } from 'node:crypto';
import type { EscalationReason, Id } from '../../domain/types.ts';
import { can, escalationAssignees, type NotificationInput, type Subject } from '../../sdk/index.ts';
import { type CommandContext, defineCommand } from '../command.ts';
import { badRequest, conflict, forbidden, notFound, staleVersion } from '../errors.ts';
import { loadKeyResult, monthInCycle, openCycle, staying } from '../guards.ts';
import { id, month, text, version } from '../input.ts';
import type { EscalationComment, StoredEscalation } from '../ports.ts';
import { peopleById } from '../queries/readable.ts';
import { krSubject } from '../subjects.ts';

export const ESCALATION_REASONS = ['amber-streak', 'red', 'blocker', 'resource-request'] as const;

/** The escalation, its KR and the KR's ownership facts (the policy subject). */
export async function loadEscalation(ctx: CommandContext, escalationId: Id) {
  const escalation = await ctx.tx.get('escalations', escalationId);
  if (!escalation) throw notFound('escalation', escalationId);
  const kr = await loadKeyResult(ctx.tx, escalation.krId);
  return { escalation, kr, subject: await krSubject(ctx.tx, kr, 'escalation') };
}

/** Who takes part in an escalation: its owner, its assignee and whoever may raise, assign or resolve it. */
export function takesPart(ctx: CommandContext, e: StoredEscalation, subject: Subject): boolean {
  const { user } = ctx;
  return (
    e.raisedById === user.personId ||
    e.assigneeId === user.personId ||
    (['create', 'assign', 'resolve'] as const).some((a) => can(user, a, subject))
  );
}

const stillOpen = (e: StoredEscalation) => {
  if (e.resolvedAt)
    throw conflict('resolved', `escalation ${e.id}: already resolved at ${e.resolvedAt}; raise a new one`, {
      current: e,
    });
};

/** Applies `patch` as a compare-and-set on the version sent (or read); 409 naming what won a race. */
async function replaceEscalation(
  ctx: CommandContext,
  before: StoredEscalation,
  sent: number | undefined,
  patch: Partial<StoredEscalation>,
): Promise<StoredEscalation> {
  const base = sent ?? before.version;
  if (base !== before.version) throw staleVersion(`escalation ${before.id}`, base, before);
  if (!(await ctx.tx.update('escalations', before.id, patch, base))) {
    const current = await ctx.tx.get('escalations', before.id);
    if (!current) throw notFound('escalation', before.id);
    stillOpen(current);
    throw staleVersion(`escalation ${before.id}`, base, current);
  }
  return { ...before, ...patch, version: base + 1 };
}

/** Tells people once the change is committed (a rolled-back write notifies no one). */
const notifyOnCommit = (ctx: CommandContext, input: NotificationInput) =>
  ctx.afterCommit(async () => {
    await ctx.ports.notify(input);
  });

const saved = (e: StoredEscalation) => ({
  type: 'escalation.saved',
  id: e.id,
  krId: e.krId,
  version: e.version,
  record: e,
});

export const raiseEscalation = defineCommand({
  name: 'escalation.raise',
  summary: "Raise a key result's problem to its owner's manager (one open escalation per KR)",
  changesRules: true,
  input: {
    type: 'object',
    required: ['krId', 'month', 'reason'],
    additionalProperties: false,
    properties: { krId: id, month, reason: { enum: ESCALATION_REASONS }, detail: text(4000) },
  },
  async run(ctx, b: { krId: Id; month: string; reason: EscalationReason; detail?: string }) {
    const { tx } = ctx;
    const kr = await loadKeyResult(tx, b.krId);
    const subject = await krSubject(tx, kr, 'escalation');
    ctx.allow('create', subject, 'escalation');
    monthInCycle(await openCycle(tx, kr.cycleId), b.month, 'escalation');
    const [open] = await tx.find('escalations', { krId: kr.id, resolvedAt: null });
    if (open)
      throw conflict(
        'escalation-open',
        `escalation: key result ${kr.id} already has open escalation ${open.id}; comment on it or resolve it first`,
        { params: { id: open.id }, current: open },
      );
    const raisedById = kr.ownerType === 'person' ? kr.ownerId : ctx.user.personId;
    const raiser = await tx.get('people', raisedById);
    const escalation: StoredEscalation = {
      id: randomUUID(),
      krId: kr.id,
      raisedById,
      assigneeId: raiser?.managerId ?? null,
      month: b.month,
      reason: b.reason,
      detail: b.detail ?? '',
      raisedAt: ctx.now,
      resolvedAt: null,
      resolution: '',
      version: 1,
    };
    await tx.insert('escalations', escalation);
    await ctx.audit({
      action: 'escalation.raise',
      subjectType: 'escalation',
      subjectId: escalation.id,
      before: null,
      after: escalation,
    });
    const { assigneeId } = escalation;
    if (assigneeId)
      notifyOnCommit(ctx, {
        recipientIds: [assigneeId],
        kind: 'escalation.raised',
        params: { reason: escalation.reason, month: escalation.month },
        subject: { krId: kr.id, month: escalation.month, escalationId: escalation.id },
        dedupKey: `escalation:${escalation.id}:raised`,
      });
    ctx.announce(kr.cycleId, saved(escalation), subject);
    return escalation;
  },
});

export const assignEscalation = defineCommand({
  name: 'escalation.assign',
  summary: 'Hand an open escalation to someone who may act on it (the region’s manager, HR, an admin)',
  changesRules: true,
  pathParams: ['id'],
  input: {
    type: 'object',
    required: ['id', 'assigneeId'],
    additionalProperties: false,
    properties: { id, assigneeId: id, version },
  },
  async run(ctx, b: { id: Id; assigneeId: Id; version?: number }) {
    const { escalation: before, kr, subject } = await loadEscalation(ctx, b.id);
    ctx.allow('assign', subject, 'escalation');
    const people = await peopleById(ctx.tx);
    if (!people.has(b.assigneeId))
      throw badRequest('unknown-assignee', `escalation: assignee "${b.assigneeId}" is not a person`, {
        params: { id: b.assigneeId },
      });
    const allowed = escalationAssignees(subject, staying(people.values()));
    if (!allowed.some((p) => p.id === b.assigneeId))
      throw badRequest(
        'not-an-assignee',
        `escalation: "${b.assigneeId}" cannot act on this escalation; assign it to one of ${allowed.map((p) => p.id).join(', ')}`,
      );
    stillOpen(before);
    await openCycle(ctx.tx, kr.cycleId);
    const after = await replaceEscalation(ctx, before, b.version, { assigneeId: b.assigneeId });
    await ctx.audit({
      action: 'escalation.assign',
      subjectType: 'escalation',
      subjectId: before.id,
      before: { assigneeId: before.assigneeId, version: before.version },
      after: { assigneeId: after.assigneeId, version: after.version },
    });
    notifyOnCommit(ctx, {
      recipientIds: [b.assigneeId],
      kind: 'escalation.assigned',
      params: { reason: before.reason, month: before.month },
      subject: { krId: kr.id, month: before.month, escalationId: before.id },
      dedupKey: `escalation:${before.id}:assigned:${b.assigneeId}`,
    });
    ctx.announce(kr.cycleId, saved(after), subject);
    return after;
  },
});

export const commentOnEscalation = defineCommand({
  name: 'escalation.comment',
  summary: "Add a message to an open escalation's thread (its owner, assignee and managers)",
  pathParams: ['id'],
  input: {
    type: 'object',
    required: ['id', 'text'],
    additionalProperties: false,
    properties: { id, text: text(4000, 1) },
  },
  async run(ctx, b: { id: Id; text: string }) {
    const { escalation, kr, subject } = await loadEscalation(ctx, b.id);
    if (!takesPart(ctx, escalation, subject))
      throw forbidden(
        `auth: ${ctx.user.role} ${ctx.user.personId} takes no part in escalation ${escalation.id}; only its owner, assignee and managers comment`,
      );
    stillOpen(escalation);
    await openCycle(ctx.tx, kr.cycleId);
    const comment: EscalationComment = {
      id: randomUUID(),
      escalationId: escalation.id,
      authorId: ctx.user.personId,
      text: b.text,
      at: ctx.now,
    };
    await ctx.tx.insert('escalationComments', comment);
    await ctx.audit({
      action: 'escalation.comment',
      subjectType: 'escalation',
      subjectId: escalation.id,
      before: null,
      after: comment,
    });
    const others = [escalation.raisedById, escalation.assigneeId].filter(
      (p): p is Id => p !== null && p !== ctx.user.personId,
    );
    if (others.length)
      notifyOnCommit(ctx, {
        recipientIds: others,
        kind: 'escalation.commented',
        params: { month: escalation.month },
        subject: { krId: kr.id, month: escalation.month, escalationId: escalation.id },
        dedupKey: `escalation:${escalation.id}:comment:${comment.id}`,
      });
    ctx.announce(
      kr.cycleId,
      { type: 'escalation.commented', id: escalation.id, krId: kr.id, record: comment },
      subject,
    );
    return comment;
  },
});

export const resolveEscalation = defineCommand({
  name: 'escalation.resolve',
  summary: 'Close an escalation with how it was solved (its assignee, the region’s manager or an admin)',
  changesRules: true,
  pathParams: ['id'],
  input: {
    type: 'object',
    required: ['id', 'resolution'],
    additionalProperties: false,
    properties: { id, resolution: text(4000, 1), version },
  },
  async run(ctx, b: { id: Id; resolution: string; version?: number }) {
    const { escalation: before, kr, subject } = await loadEscalation(ctx, b.id);
    if (before.assigneeId !== ctx.user.personId && !can(ctx.user, 'resolve', subject))
      throw forbidden(
        `auth: only the assignee, the region's manager or an admin may resolve escalation ${before.id}`,
      );
    stillOpen(before);
    await openCycle(ctx.tx, kr.cycleId);
    const after = await replaceEscalation(ctx, before, b.version, {
      resolvedAt: ctx.now,
      resolution: b.resolution,
    });
    await ctx.audit({
      action: 'escalation.resolve',
      subjectType: 'escalation',
      subjectId: before.id,
      before: { resolvedAt: null, version: before.version },
      after: { resolvedAt: after.resolvedAt, resolution: after.resolution, version: after.version },
    });
    notifyOnCommit(ctx, {
      recipientIds: [before.raisedById],
      kind: 'escalation.resolved',
      params: { month: before.month },
      subject: { krId: kr.id, month: before.month, escalationId: before.id },
      dedupKey: `escalation:${before.id}:resolved`,
    });
    ctx.announce(kr.cycleId, saved(after), subject);
    return after;
  },
});
