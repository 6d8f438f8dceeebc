import type { Activity } from '../../../plugin/domain/types.ts';
import { writeAudit } from './audit.ts';
import { COLLECTIONS } from './collections.ts';
import type { PackService } from './pack-service.ts';
import { activityId, activityRow, toActivity } from './records.ts';
import { type Body, bodyOf, id, MONTH, onlyKeys, refuse, text } from './requests.ts';
import type { Tables } from './tables.ts';
import { allow, peopleById } from './write-support.ts';

type Handler = (s: PackService, p: Body, tables: Tables) => Promise<unknown>;

/** The reference host's limit for counted activity (`MAX_COUNT` of its import fields). */
const MAX_COUNT = 1_000_000;
const COUNTS = ['dealsSigned', 'clientVisits', 'proposalsSent', 'proposalsWon'] as const;
const MONEY = ['dealsAmountCents', 'highMarginAmountCents', 'collectionsCents'] as const;

const whole = (v: unknown, field: string, max: number): number => {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > max) {
    throw refuse(400, 'invalid-body', `"${field}" must be a whole number from 0 to ${max}`);
  }
  return v;
};

/** Body of `saveActivity`, checked as the reference host's `PUT /api/activities/:personId/:month`. */
export function checkActivity(b: Body): Activity {
  onlyKeys(b, ['personId', 'month', ...COUNTS, ...MONEY], 'activity');
  const personId = id(b.personId, 'personId');
  const month = text(b.month, 'month', 7, 7);
  if (!MONTH.test(month)) throw refuse(400, 'invalid-body', '"month" must be a month YYYY-MM');
  const out: Record<string, unknown> = { personId, month };
  for (const f of COUNTS) out[f] = whole(b[f], f, MAX_COUNT);
  for (const f of MONEY) out[f] = whole(b[f], f, Number.MAX_SAFE_INTEGER);
  return out as unknown as Activity;
}

/** A person's monthly activity (system data entered by hand): their manager, hr or an admin, audited. */
export const ACTIVITY_ACTIONS: Record<string, Handler> = {
  async saveActivity(s, p, tables) {
    const activity = checkActivity(bodyOf(p));
    const person = (await peopleById(s)).get(activity.personId);
    if (!person) throw refuse(404, 'not-found', `person "${activity.personId}" does not exist; check the id`);
    const subject = { type: 'activity' as const, ownerPersonId: person.id, regionId: person.regionId };
    const personId = allow(s, 'update', subject, 'activity');
    const key = activityId(activity);
    await tables.transaction(async (tx) => {
      const row = await tx.findOne(COLLECTIONS.activities, key);
      const before = row ? toActivity(row) : null;
      if (row) await tx.update(COLLECTIONS.activities, key, { ...activity });
      else await tx.create(COLLECTIONS.activities, activityRow(activity));
      await writeAudit(tx, {
        at: s.now(),
        actorId: personId,
        action: 'activity.save',
        subject: `activity:${key}`,
        detail: { before, after: activity },
      });
    });
    return activity;
  },
};
