import { randomUUID } from 'node:crypto';
import type { Id, Person } from '../../domain/types.ts';
import { can, type HostUser, type Subject } from '../../sdk/index.ts';
import { type CommandContext, defineCommand } from '../command.ts';
import { badRequest, forbidden } from '../errors.ts';
import { loadKeyResult } from '../guards.ts';
import { id, text } from '../input.ts';
import type { KrComment } from '../ports.ts';
import { byKeys, peopleById } from '../queries/readable.ts';
import { krSubject } from '../subjects.ts';

/** The policy's view of a person who is not the caller (a mention must be able to read the KR). */
const asUser = (p: Person): HostUser => ({
  userId: p.id,
  personId: p.id,
  name: p.name,
  role: p.role,
  regionId: p.regionId,
  scope: null,
});

/** The KR and its policy subject, refused unless the caller may read it. */
async function readableKr(ctx: CommandContext, krId: Id) {
  const kr = await loadKeyResult(ctx.tx, krId);
  const subject = await krSubject(ctx.tx, kr);
  ctx.allow('read', subject, 'key result');
  return { kr, subject };
}

/** A full session that may read the KR comments on it; a kickoff QR session only links. */
const mayComment = (user: HostUser, subject: Subject) => user.scope === null && can(user, 'read', subject);

function checkMentions(ids: Id[], people: Map<Id, Person>, subject: Subject): Id[] {
  const unique = [...new Set(ids)];
  for (const personId of unique) {
    const person = people.get(personId);
    if (!person)
      throw badRequest('unknown-mention', `keyResult.comment: mention "${personId}" is not a person`, {
        params: { id: personId },
      });
    if (!can(asUser(person), 'read', subject))
      throw badRequest(
        'mention-cannot-read',
        `keyResult.comment: ${person.name} (${personId}) cannot read this key result; mention someone who can`,
        { params: { name: person.name } },
      );
  }
  return unique;
}

export const commentOnKeyResult = defineCommand({
  name: 'keyResult.comment',
  summary: 'Comment on a key result; the people @mentioned (who must be able to read it) are notified',
  pathParams: ['id'],
  input: {
    type: 'object',
    required: ['id', 'text'],
    additionalProperties: false,
    properties: {
      id,
      text: text(4000, 1),
      mentionIds: { type: 'array', items: id, maxItems: 20 },
    },
  },
  async run(ctx, b: { id: Id; text: string; mentionIds?: Id[] }) {
    const { kr, subject } = await readableKr(ctx, b.id);
    if (!mayComment(ctx.user, subject))
      throw forbidden(`auth: this limited session may not comment on key result ${kr.id}; sign in fully`);
    const mentionIds = checkMentions(b.mentionIds ?? [], await peopleById(ctx.tx), subject);
    const comment: KrComment = {
      id: randomUUID(),
      krId: kr.id,
      authorId: ctx.user.personId,
      text: b.text.trim(),
      mentionIds,
      at: ctx.now,
    };
    await ctx.tx.insert('krComments', comment);
    await ctx.audit({
      action: 'keyResult.comment',
      subjectType: 'keyResult',
      subjectId: kr.id,
      before: null,
      after: comment,
    });
    const told = mentionIds.filter((p) => p !== ctx.user.personId);
    if (told.length)
      ctx.afterCommit(async () => {
        await ctx.ports.notify({
          recipientIds: told,
          kind: 'kr.mentioned',
          params: { by: ctx.user.name },
          subject: { krId: kr.id, personId: ctx.user.personId },
          dedupKey: `kr-comment:${comment.id}:mention`,
        });
      });
    ctx.announce(kr.cycleId, { type: 'keyResult.commented', id: kr.id, record: comment }, subject);
    return comment;
  },
});

export const keyResultComments = defineCommand({
  name: 'keyResult.comments',
  summary: "A key result's comments, oldest first, for whoever may read it",
  pathParams: ['id'],
  input: { type: 'object', required: ['id'], additionalProperties: false, properties: { id } },
  async run(ctx, q: { id: Id }) {
    const { kr, subject } = await readableKr(ctx, q.id);
    const comments = await ctx.tx.find('krComments', { krId: kr.id });
    return {
      comments: comments.sort(
        byKeys(
          (c) => c.at,
          (c) => c.id,
        ),
      ),
      canComment: mayComment(ctx.user, subject),
    };
  },
});
