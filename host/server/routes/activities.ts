import type { FastifyInstance } from 'fastify';
import type { Activity } from '../../../plugin/domain/types.ts';
import { can } from '../../../plugin/sdk/permissions.ts';
import { requireUser } from '../auth/request-user.ts';
import type { ServerContext } from '../context.ts';
import { ACTIVITY_FIELDS, MAX_COUNT } from '../import/import-fields.ts';
import { writeAudit } from '../services/audit.ts';
import { fromActivity, toActivity } from '../storage/mappers.ts';
import { authorizeForPerson, id, month, peopleIndex, personSubject } from './support.ts';

const count = { type: 'integer', minimum: 0, maximum: MAX_COUNT } as const;
const cents = { type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER } as const;
/** The measured fields of an activity, in the import's order: every import field but person and month. */
const measures = Object.fromEntries(
  Object.entries(ACTIVITY_FIELDS).flatMap(([field, spec]) =>
    spec.type === 'count' ? [[field, count]] : spec.type === 'money' ? [[field, cents]] : [],
  ),
);

/** System data per person per month (entered by hand here; server-live imports files). */
export function activityRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get<{ Querystring: { personId?: string; month?: string } }>(
    '/api/activities',
    {
      config: { access: 'signed-in' },
      schema: {
        querystring: { type: 'object', additionalProperties: false, properties: { personId: id, month } },
      },
    },
    async (req) => {
      const user = requireUser(req);
      const people = await peopleIndex(ctx);
      let q = ctx.db.selectFrom('activities').selectAll().orderBy('person_id').orderBy('month');
      if (req.query.personId) q = q.where('person_id', '=', req.query.personId);
      if (req.query.month) q = q.where('month', '=', req.query.month);
      return (await q.execute())
        .map(toActivity)
        .filter((a) => can(user, 'read', personSubject(a.personId, people, 'activity')));
    },
  );

  app.put<{ Params: { personId: string; month: string }; Body: Omit<Activity, 'personId' | 'month'> }>(
    '/api/activities/:personId/:month',
    {
      config: { access: ['manager', 'hr', 'admin'] },
      schema: {
        params: { type: 'object', required: ['personId', 'month'], properties: { personId: id, month } },
        body: {
          type: 'object',
          additionalProperties: false,
          required: Object.keys(measures),
          properties: measures,
        },
      },
    },
    async (req) => {
      const people = await peopleIndex(ctx);
      const user = authorizeForPerson(req, 'update', req.params.personId, people, 'activity', 'activity');
      const activity: Activity = { personId: req.params.personId, month: req.params.month, ...req.body };
      await ctx.db.transaction().execute(async (trx) => {
        const row = await trx
          .selectFrom('activities')
          .selectAll()
          .where('person_id', '=', activity.personId)
          .where('month', '=', activity.month)
          .executeTakeFirst();
        if (row) {
          await trx
            .updateTable('activities')
            .set(fromActivity(activity))
            .where('person_id', '=', activity.personId)
            .where('month', '=', activity.month)
            .execute();
        } else {
          await trx.insertInto('activities').values(fromActivity(activity)).execute();
        }
        await writeAudit(trx, ctx.now(), {
          actorId: user.personId,
          action: 'activity.save',
          subjectType: 'activity',
          subjectId: `${activity.personId}:${activity.month}`,
          before: row ? toActivity(row) : null,
          after: activity,
        });
      });
      ctx.rules.schedule();
      return activity;
    },
  );
}
