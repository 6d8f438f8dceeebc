import { randomUUID } from 'node:crypto';
import type { Escalation, EscalationReason } from '../../../plugin/domain/types.ts';
import { escalationAssignees } from '../../../plugin/sdk/index.ts';
import { writeAudit } from './audit.ts';
import { COLLECTIONS } from './collections.ts';
import { createNotifyPort } from './notify-port.ts';
import type { PackService } from './pack-service.ts';
import { toEscalation } from './records.ts';
import { type Body, bodyOf, id, MONTH, oneOf, onlyKeys, refuse, text } from './requests.ts';
import type { Tables } from './tables.ts';
import { allow, announceOn, krSubjectOf, loadKeyResult, peopleById, signedIn } from './write-support.ts';

type Handler = (s: PackService, p: Body, tables: Tables) => Promise<unknown>;

export const ESCALATION_REASONS = ['amber-streak', 'red', 'blocker', 'resource-request'] as const;
/** Body of `raiseEscalation`, checked as the reference host's `POST /api/escalations`. */
export function checkRaise(b: Body): {
  krId: string;
  month: string;
  reason: EscalationReason;
  detail: string;
} {
  onlyKeys(b, ['krId', 'month', 'reason', 'detail'], 'escalation');
  const krId = id(b.krId, 'krId');
  const month = text(b.month, 'month', 7, 7);
  if (!MONTH.test(month)) throw refuse(400, 'invalid-body', '"month" must be a month YYYY-MM');
  const reason = oneOf(b.reason, 'reason', ESCALATION_REASONS);
  const detail = b.detail === undefined ? '' : text(b.detail, 'detail', 4000);
  return { krId, month, reason, detail };
}

export function checkAssign(b: Body): { id: string; assigneeId: string } {
  onlyKeys(b, ['id', 'assigneeId'], 'escalation assignment');
  return { id: id(b.id, 'id'), assigneeId: id(b.assigneeId, 'assigneeId') };
}

export function checkResolve(b: Body): { id: string; resolution: string } {
  onlyKeys(b, ['id', 'resolution'], 'escalation resolution');
  return { id: id(b.id, 'id'), resolution: text(b.resolution, 'resolution', 4000, 1) };
}

async function loadEscalation(s: PackService, escalationId: string): Promise<Escalation> {
  const found = await s.data.get('escalations', escalationId);
  if (!found) throw refuse(404, 'not-found', `escalation "${escalationId}" does not exist; check the id`);
  return found;
}

/** The escalation with its KR's ownership facts (policy subject and board). */
async function withSubject(s: PackService, escalationId: string) {
  const escalation = await loadEscalation(s, escalationId);
  const kr = await loadKeyResult(s, escalation.krId);
  return { escalation, subject: await krSubjectOf(s, kr, 'escalation') };
}

/** Writes the changed escalation and its audit entry in one transaction. */
async function store(
  tables: Tables,
  s: PackService,
  entry: { action: string; before: unknown; after: Escalation; create?: boolean },
): Promise<void> {
  await tables.transaction(async (tx) => {
    if (entry.create) await tx.create(COLLECTIONS.escalations, { ...entry.after });
    else {
      // Only the row as it was read may change: a second resolver racing this one finds it changed.
      const [row] = await tx.find(COLLECTIONS.escalations, { id: entry.after.id });
      const now = row ? toEscalation(row) : null;
      if (!now || now.resolvedAt) {
        throw refuse(409, 'resolved', `escalation ${entry.after.id}: already resolved; reload it`, {
          current: now,
        });
      }
      const { id: _id, ...values } = entry.after;
      await tx.update(COLLECTIONS.escalations, entry.after.id, values);
    }
    await writeAudit(tx, {
      at: s.now(),
      actorId: s.user!.personId,
      action: entry.action,
      subject: `escalation:${entry.after.id}`,
      detail: { before: entry.before, after: entry.after },
    });
  });
}

const notify = (
  tables: Tables,
  s: PackService,
  input: Parameters<ReturnType<typeof createNotifyPort>['notify']>[0],
) => createNotifyPort(tables, s.now).notify(input);

/**
 * Escalation actions, as the reference host's `/api/escalations` routes: raise on a KR the user may
 * write, assign to someone the policy lets act on it, resolve (stamping the time, so response-time
 * metrics count it). Each is audited, notifies the person concerned and is announced on the board.
 */
export const ESCALATION_ACTIONS: Record<string, Handler> = {
  async raiseEscalation(s, p, tables) {
    const body = checkRaise(bodyOf(p));
    const kr = await loadKeyResult(s, body.krId);
    const subject = await krSubjectOf(s, kr, 'escalation');
    const personId = allow(s, 'create', subject, 'escalation');
    const people = await peopleById(s);
    const raisedById = kr.ownerType === 'person' ? kr.ownerId : personId;
    const escalation: Escalation = {
      id: randomUUID(),
      krId: kr.id,
      raisedById,
      assigneeId: people.get(raisedById)?.managerId ?? null,
      month: body.month,
      reason: body.reason,
      detail: body.detail,
      raisedAt: s.now(),
      resolvedAt: null,
      resolution: '',
    };
    await store(tables, s, { action: 'escalation.raise', before: null, after: escalation, create: true });
    if (escalation.assigneeId) {
      await notify(tables, s, {
        recipientIds: [escalation.assigneeId],
        kind: 'escalation.raised',
        params: { reason: escalation.reason, month: escalation.month },
        subject: { krId: kr.id, month: escalation.month },
        dedupKey: `escalation:${escalation.id}:raised`,
      });
    }
    announceOn(s, subject, { type: 'escalation.saved', id: escalation.id, record: escalation });
    return escalation;
  },

  async escalationAssignees(s, p) {
    const b = bodyOf(p);
    onlyKeys(b, ['id'], 'escalationAssignees');
    const { escalation, subject } = await withSubject(s, id(b.id, 'id'));
    const user = signedIn(s);
    if (escalation.assigneeId !== user.personId && !s.identity.can('read', subject)) {
      throw refuse(403, 'forbidden', `role ${user.role} may not read this escalation`);
    }
    return escalationAssignees(subject, (await peopleById(s)).values());
  },

  async assignEscalation(s, p, tables) {
    const body = checkAssign(bodyOf(p));
    const { escalation: before, subject } = await withSubject(s, body.id);
    allow(s, 'assign', subject, 'escalation');
    const people = await peopleById(s);
    if (!people.has(body.assigneeId)) {
      throw refuse(400, 'unknown-assignee', `escalation: assignee "${body.assigneeId}" is not a person`, {
        params: { id: body.assigneeId },
      });
    }
    const allowed = escalationAssignees(subject, people.values());
    if (!allowed.some((a) => a.id === body.assigneeId)) {
      throw refuse(
        400,
        'not-an-assignee',
        `escalation: "${body.assigneeId}" cannot act on this escalation; assign it to one of ${allowed.map((a) => a.id).join(', ')}`,
      );
    }
    if (before.resolvedAt)
      throw refuse(409, 'resolved', `escalation ${before.id}: already resolved; raise a new one`);
    const after = { ...before, assigneeId: body.assigneeId };
    await store(tables, s, {
      action: 'escalation.assign',
      before: { assigneeId: before.assigneeId },
      after,
    });
    await notify(tables, s, {
      recipientIds: [body.assigneeId],
      kind: 'escalation.assigned',
      params: { reason: before.reason, month: before.month },
      subject: { krId: before.krId, month: before.month },
      dedupKey: `escalation:${before.id}:assigned:${body.assigneeId}`,
    });
    announceOn(s, subject, { type: 'escalation.saved', id: after.id, record: after });
    return after;
  },

  async resolveEscalation(s, p, tables) {
    const body = checkResolve(bodyOf(p));
    const user = signedIn(s);
    const { escalation: before, subject } = await withSubject(s, body.id);
    if (before.assigneeId !== user.personId && !s.identity.can('resolve', subject)) {
      throw refuse(
        403,
        'forbidden',
        `only the assignee, the region's manager or an admin may resolve escalation ${before.id}`,
      );
    }
    if (before.resolvedAt) {
      throw refuse(409, 'resolved', `escalation ${before.id}: already resolved at ${before.resolvedAt}`, {
        current: before,
      });
    }
    const after = { ...before, resolvedAt: s.now(), resolution: body.resolution };
    await store(tables, s, { action: 'escalation.resolve', before: { resolvedAt: null }, after });
    await notify(tables, s, {
      recipientIds: [before.raisedById],
      kind: 'escalation.resolved',
      params: { month: before.month },
      subject: { krId: before.krId, month: before.month },
      dedupKey: `escalation:${before.id}:resolved`,
    });
    announceOn(s, subject, { type: 'escalation.saved', id: after.id, record: after });
    return after;
  },
};
