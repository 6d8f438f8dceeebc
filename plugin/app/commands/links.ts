import type { Id } from '../../domain/types.ts';
import { type CommandContext, defineCommand } from '../command.ts';
import { badRequest, conflict, notFound, staleVersion } from '../errors.ts';
import { loadKeyResult, openCycle } from '../guards.ts';
import { id, version, linkWeight as weight } from '../input.ts';
import { linkKey, type StoredLink } from '../ports.ts';
import { recordChange } from '../record-change.ts';
import { krSubject } from '../subjects.ts';

/** Id of a link in board messages and audit rows. */
export const linkMessageId = (krId: Id, objectiveId: Id): string => `${krId}:${objectiveId}`;

async function linkable(ctx: CommandContext, krId: Id, action: 'create' | 'update' | 'delete') {
  const kr = await loadKeyResult(ctx.tx, krId);
  const subject = await krSubject(ctx.tx, kr, 'link');
  ctx.allow(action, subject, 'link');
  await openCycle(ctx.tx, kr.cycleId);
  return { kr, subject };
}

/** Creates the link (no version sent) or changes its weight (the version read), in one transaction. */
async function writeLink(
  ctx: CommandContext,
  b: { krId: Id; objectiveId: Id; weight: number; version?: number },
) {
  const { krId, objectiveId } = b;
  const key = linkKey(krId, objectiveId);
  const existing = await ctx.tx.get('links', key);
  const { kr, subject } = await linkable(ctx, krId, existing ? 'update' : 'create');
  const objective = await ctx.tx.get('objectives', objectiveId);
  if (!objective) throw notFound('objective', objectiveId);
  if (objective.cycleId !== kr.cycleId)
    throw badRequest(
      'other-cycle',
      `link: objective ${objectiveId} belongs to cycle ${objective.cycleId}, the key result to ${kr.cycleId}; link within one cycle`,
    );
  let link: StoredLink;
  if (!existing) {
    if (b.version !== undefined)
      throw conflict(
        'link-gone',
        `link ${krId} → ${objectiveId}: it was removed after you loaded it; create it again without a version`,
        { current: null },
      );
    link = { krId, objectiveId, weight: b.weight, linkedAt: ctx.now, version: 1 };
    await ctx.tx.insert('links', link);
  } else {
    if (b.version === undefined)
      throw staleVersion(`link ${krId} → ${objectiveId} (already exists)`, 0, existing);
    if (!(await ctx.tx.update('links', key, { weight: b.weight }, b.version)))
      throw staleVersion(`link ${krId} → ${objectiveId}`, b.version, existing);
    link = { ...existing, weight: b.weight, version: b.version + 1 };
  }
  const messageId = linkMessageId(krId, objectiveId);
  await recordChange(
    ctx,
    {
      action: existing ? 'link.update' : 'link.create',
      subjectType: 'link',
      subjectId: messageId,
      before: existing,
      after: link,
    },
    {
      cycleId: kr.cycleId,
      message: { type: 'link.saved', id: messageId, version: link.version, record: link },
      about: subject,
    },
  );
  return link;
}

async function removeLink(ctx: CommandContext, b: { krId: Id; objectiveId: Id; version: number }) {
  const { krId, objectiveId } = b;
  const { kr, subject } = await linkable(ctx, krId, 'delete');
  const key = linkKey(krId, objectiveId);
  const current = await ctx.tx.get('links', key);
  if (!current) throw notFound('link', `${krId} → ${objectiveId}`);
  if (current.version !== b.version || !(await ctx.tx.remove('links', key, b.version)))
    throw staleVersion(
      `link ${krId} → ${objectiveId}`,
      b.version,
      (await ctx.tx.get('links', key)) ?? current,
    );
  const messageId = linkMessageId(krId, objectiveId);
  await recordChange(
    ctx,
    { action: 'link.delete', subjectType: 'link', subjectId: messageId, before: current, after: null },
    { cycleId: kr.cycleId, message: { type: 'link.removed', id: messageId }, about: subject },
  );
  return current;
}

export const saveLink = defineCommand({
  name: 'link.save',
  summary: 'Link a key result to a strategic objective, or change the weight of its link',
  changesRules: true,
  pathParams: ['krId', 'objectiveId'],
  input: {
    type: 'object',
    required: ['krId', 'objectiveId', 'weight'],
    additionalProperties: false,
    properties: { krId: id, objectiveId: id, weight, version },
  },
  run: (ctx, b: { krId: Id; objectiveId: Id; weight: number; version?: number }) => writeLink(ctx, b),
});

export const deleteLink = defineCommand({
  name: 'link.delete',
  summary: 'Remove the link of a key result to an objective',
  changesRules: true,
  pathParams: ['krId', 'objectiveId'],
  input: {
    type: 'object',
    required: ['krId', 'objectiveId', 'version'],
    additionalProperties: false,
    properties: { krId: id, objectiveId: id, version },
  },
  run: (ctx, b: { krId: Id; objectiveId: Id; version: number }) => removeLink(ctx, b),
});

export const moveLink = defineCommand({
  name: 'link.move',
  summary: 'Move a key result from one objective to another in one step (drag on the board)',
  changesRules: true,
  input: {
    type: 'object',
    required: ['krId', 'fromObjectiveId', 'version', 'toObjectiveId', 'weight'],
    additionalProperties: false,
    properties: { krId: id, fromObjectiveId: id, version, toObjectiveId: id, weight, toVersion: version },
  },
  async run(
    ctx,
    b: {
      krId: Id;
      fromObjectiveId: Id;
      version: number;
      toObjectiveId: Id;
      weight: number;
      toVersion?: number;
    },
  ) {
    const removed = await removeLink(ctx, {
      krId: b.krId,
      objectiveId: b.fromObjectiveId,
      version: b.version,
    });
    const link = await writeLink(ctx, {
      krId: b.krId,
      objectiveId: b.toObjectiveId,
      weight: b.weight,
      version: b.toVersion,
    });
    return { removed, link };
  },
});
