import { defineCommand } from '../app/command.ts';
import { staleVersion } from '../app/errors.ts';
import { loadKeyResult } from '../app/guards.ts';
import { id } from '../app/input.ts';
import type { Records, StoredEscalation } from '../app/ports.ts';
import { krSubject } from '../app/subjects.ts';
import type { Id, Person } from '../domain/types.ts';
import type { HostUser } from '../sdk/index.ts';

/** Who runs automation steps that change records: the system, as an administrator. */
export const AUTOMATION_ACTOR: HostUser = {
  userId: 'system',
  personId: 'system',
  name: 'automations',
  role: 'admin',
  regionId: null,
  scope: null,
};

export interface EscalationStepInput {
  automationId: string;
  step: 'assign' | 'raise';
  escalationId?: Id;
  /** Without an escalation id: the KR's open escalation. */
  krId?: Id;
  /** The assign step's target (ignored by raise). */
  assigneeId?: Id | null;
}

/** The person above `assigneeId`: their manager, else the HQ strategy group. */
export function nextLevel(people: readonly Person[], assigneeId: Id | null): Id | null {
  const current = people.find((p) => p.id === assigneeId);
  if (current?.managerId) return current.managerId;
  return people.find((p) => p.role === 'strategy' && p.id !== assigneeId)?.id ?? null;
}

async function openEscalation(tx: Records, b: EscalationStepInput): Promise<StoredEscalation | null> {
  if (b.escalationId) {
    const e = await tx.get('escalations', b.escalationId);
    return e && e.resolvedAt === null ? e : null;
  }
  if (!b.krId) return null;
  const [open] = await tx.find('escalations', { krId: b.krId, resolvedAt: null });
  return open ?? null;
}

/**
 * An automation's assign or raise step: hands the open escalation to the step's target (raise: one
 * level up), with its audit row, as `AUTOMATION_ACTOR`. HR chose the target in the published
 * document, so the assignee list of the manual command does not apply. Null when there is nothing to
 * do: no open escalation, a locked cycle, no one to hand it to, or it is theirs already.
 */
export const escalationStep = defineCommand({
  name: 'escalation.assign',
  summary: 'An automation step assigns or raises an open escalation (run by the system)',
  changesRules: true,
  input: {
    type: 'object',
    required: ['automationId', 'step'],
    additionalProperties: false,
    properties: {
      automationId: id,
      step: { enum: ['assign', 'raise'] },
      escalationId: id,
      krId: id,
      assigneeId: { anyOf: [id, { type: 'null' }] },
    },
  },
  async run(ctx, b: EscalationStepInput) {
    const { tx } = ctx;
    const before = await openEscalation(tx, b);
    if (!before) return null;
    const kr = await loadKeyResult(tx, before.krId);
    const subject = await krSubject(tx, kr, 'escalation');
    ctx.allow('assign', subject, 'escalation');
    if ((await tx.get('cycles', kr.cycleId))?.locked) return null;
    const assigneeId =
      b.step === 'assign' ? (b.assigneeId ?? null) : nextLevel(await tx.find('people'), before.assigneeId);
    if (!assigneeId || assigneeId === before.assigneeId) return null;
    if (!(await tx.update('escalations', before.id, { assigneeId }, before.version))) {
      const current = await tx.get('escalations', before.id);
      throw staleVersion(`escalation ${before.id}`, before.version, current ?? before);
    }
    const after: StoredEscalation = { ...before, assigneeId, version: before.version + 1 };
    await ctx.audit({
      action: 'escalation.assign',
      subjectType: 'escalation',
      subjectId: before.id,
      before: { assigneeId: before.assigneeId, version: before.version },
      after: { assigneeId, version: after.version, automationId: b.automationId, step: b.step },
    });
    ctx.announce(
      kr.cycleId,
      { type: 'escalation.saved', id: after.id, version: after.version, record: after },
      subject,
    );
    return after;
  },
});
