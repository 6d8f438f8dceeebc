import { cycleMonths } from '../../domain/dates.ts';
import type { Activity, Id } from '../../domain/types.ts';
import { defineCommand } from '../command.ts';
import { notFound } from '../errors.ts';
import { openCycle } from '../guards.ts';
import { id, month } from '../input.ts';
import { activityKey, type Records } from '../ports.ts';
import { personSubject } from '../subjects.ts';

/** The most deals, visits or proposals a person could log in a month (the import's limit too). */
export const MAX_COUNT = 1_000_000;
export const ACTIVITY_COUNTS = ['dealsSigned', 'clientVisits', 'proposalsSent', 'proposalsWon'] as const;
export const ACTIVITY_MONEY = ['dealsAmountCents', 'highMarginAmountCents', 'collectionsCents'] as const;

const count = { type: 'integer', minimum: 0, maximum: MAX_COUNT } as const;
const cents = { type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER } as const;
const measures = {
  ...Object.fromEntries(ACTIVITY_COUNTS.map((f) => [f, count])),
  ...Object.fromEntries(ACTIVITY_MONEY.map((f) => [f, cents])),
};

/** Refuses a month of a locked cycle: its figures no longer change. */
async function monthOpen(records: Pick<Records, 'find' | 'get'>, m: string): Promise<void> {
  for (const cycle of await records.find('cycles'))
    if (cycle.locked && cycleMonths(cycle).includes(m)) await openCycle(records, cycle.id);
}

export const saveActivity = defineCommand({
  name: 'activity.save',
  summary: "Enter a person's system data for a month (deals, visits, proposals, collections in cents)",
  changesRules: true,
  pathParams: ['personId', 'month'],
  input: {
    type: 'object',
    required: ['personId', 'month', ...ACTIVITY_COUNTS, ...ACTIVITY_MONEY],
    additionalProperties: false,
    properties: { personId: id, month, ...measures },
  },
  async run(ctx, b: Activity) {
    const { tx } = ctx;
    const person = await tx.get('people', b.personId);
    if (!person) throw notFound('person', b.personId);
    ctx.allow('update', personSubject(person, 'activity'), 'activity');
    await monthOpen(tx, b.month);
    const key: Id = activityKey(b.personId, b.month);
    const before = await tx.get('activities', key);
    const activity: Activity = { ...b };
    if (before) await tx.update('activities', key, activity);
    else await tx.insert('activities', activity);
    await ctx.audit({
      action: 'activity.save',
      subjectType: 'activity',
      subjectId: key,
      before,
      after: activity,
    });
    return activity;
  },
});
