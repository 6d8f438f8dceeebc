import type { Id } from '../../domain/types.ts';
import { can } from '../../sdk/index.ts';
import { defineCommand } from '../command.ts';
import { id, month, noInput } from '../input.ts';
import { byKeys, peopleById } from './readable.ts';

/** Ownership facts of a record of one person, known or not (an unknown person reads as no region). */
const ofPerson = (
  people: Awaited<ReturnType<typeof peopleById>>,
  personId: Id,
  type: 'activity' | 'keyAccount',
) => ({
  type,
  ownerPersonId: personId,
  regionId: people.get(personId)?.regionId ?? null,
});

export const listActivities = defineCommand({
  name: 'activity.list',
  summary: 'Monthly system data of the people the caller may read',
  input: { type: 'object', additionalProperties: false, properties: { personId: id, month } },
  async run(ctx, q: { personId?: Id; month?: string }) {
    const people = await peopleById(ctx.tx);
    const match = { ...(q.personId ? { personId: q.personId } : {}), ...(q.month ? { month: q.month } : {}) };
    return (await ctx.tx.find('activities', match))
      .filter((a) => can(ctx.user, 'read', ofPerson(people, a.personId, 'activity')))
      .sort(
        byKeys(
          (a) => a.personId,
          (a) => a.month,
        ),
      );
  },
});

export const listKeyAccounts = defineCommand({
  name: 'keyAccount.list',
  summary: 'The key accounts of the people the caller may read',
  input: noInput,
  async run(ctx) {
    const people = await peopleById(ctx.tx);
    return (await ctx.tx.find('keyAccounts'))
      .filter((a) => can(ctx.user, 'read', ofPerson(people, a.ownerId, 'keyAccount')))
      .sort(byKeys((a) => a.id));
  },
});
