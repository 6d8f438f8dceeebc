import type { Id } from '../../domain/types.ts';
import { can, escalationAssignees } from '../../sdk/index.ts';
import { type CommandContext, defineCommand } from '../command.ts';
import { loadEscalation, takesPart } from '../commands/escalations.ts';
import { forbidden } from '../errors.ts';
import { staying } from '../guards.ts';
import { id } from '../input.ts';
import { krOwnership } from '../subjects.ts';
import { byKeys, peopleById } from './readable.ts';

export const listEscalations = defineCommand({
  name: 'escalation.list',
  summary: 'The escalations the caller may read or is assigned, newest first',
  input: {
    type: 'object',
    additionalProperties: false,
    properties: { state: { enum: ['open', 'resolved'] }, cycleId: id },
  },
  async run(ctx, q: { state?: 'open' | 'resolved'; cycleId?: Id }) {
    const people = await peopleById(ctx.tx);
    const krs = new Map(
      (await ctx.tx.find('keyResults', q.cycleId ? { cycleId: q.cycleId } : undefined)).map((k) => [k.id, k]),
    );
    const all = await ctx.tx.find('escalations');
    return all
      .filter((e) => {
        const kr = krs.get(e.krId);
        if (!kr) return false;
        if (q.state === 'open' && e.resolvedAt) return false;
        if (q.state === 'resolved' && !e.resolvedAt) return false;
        return (
          e.assigneeId === ctx.user.personId || can(ctx.user, 'read', krOwnership(kr, people, 'escalation'))
        );
      })
      .sort(
        byKeys(
          (e) => e.raisedAt,
          (e) => e.id,
        ),
      )
      .reverse();
  },
});

/** Who reads one escalation: its assignee, and whoever may read escalations of its KR. */
async function readable(ctx: CommandContext, escalationId: Id) {
  const loaded = await loadEscalation(ctx, escalationId);
  const { escalation, subject } = loaded;
  if (escalation.assigneeId !== ctx.user.personId && !can(ctx.user, 'read', subject))
    throw forbidden(`auth: ${ctx.user.role} ${ctx.user.personId} may not read escalation ${escalationId}`);
  return loaded;
}

export const escalationAssigneesOf = defineCommand({
  name: 'escalation.assignees',
  summary: 'The people an escalation may be assigned to',
  pathParams: ['id'],
  input: { type: 'object', required: ['id'], additionalProperties: false, properties: { id } },
  async run(ctx, q: { id: Id }) {
    const { subject } = await readable(ctx, q.id);
    return escalationAssignees(subject, staying((await peopleById(ctx.tx)).values()));
  },
});

export const escalationComments = defineCommand({
  name: 'escalation.comments',
  summary: "An escalation's comment thread, oldest first",
  pathParams: ['id'],
  input: { type: 'object', required: ['id'], additionalProperties: false, properties: { id } },
  async run(ctx, q: { id: Id }) {
    const { escalation, subject } = await readable(ctx, q.id);
    const comments = await ctx.tx.find('escalationComments', { escalationId: escalation.id });
    return {
      comments: comments.sort(
        byKeys(
          (c) => c.at,
          (c) => c.id,
        ),
      ),
      canComment: !escalation.resolvedAt && takesPart(ctx, escalation, subject),
    };
  },
});
