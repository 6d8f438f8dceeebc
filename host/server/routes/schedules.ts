import type { FastifyInstance } from 'fastify';
import { requireUser } from '../auth/request-user.ts';
import type { ServerContext } from '../context.ts';
import { notifyServicesOf } from '../schedules/notify-services.ts';
import { occurrencesOn } from '../schedules/occurrences.ts';
import { scheduleSchema } from '../schedules/schedule-document.ts';
import { addDays, localParts } from '../schedules/zoned-time.ts';
import { writeAudit } from '../services/audit.ts';
import { anyObject, text } from './support.ts';

const HR = ['hr', 'admin'] as const;

/** The schedule document (HR edits it, every save a version), what is coming up, and a manual run. */
export async function scheduleRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  const { store, runner, worker } = await notifyServicesOf(app, ctx);

  app.get('/api/schedules', { config: { access: HR } }, async () => store.current());
  app.get('/api/schedules/schema', { config: { access: 'signed-in' } }, async () => scheduleSchema);
  app.get('/api/schedules/versions', { config: { access: HR } }, async () => store.versions());

  app.put<{ Body: { document: unknown; reason: string } }>(
    '/api/schedules',
    {
      config: { access: HR },
      schema: {
        body: {
          type: 'object',
          required: ['document', 'reason'],
          additionalProperties: false,
          properties: { document: anyObject, reason: text(2000, 1) },
        },
      },
    },
    async (req) => {
      const user = requireUser(req);
      const before = await store.current();
      const saved = await store.save(req.body.document, req.body.reason, user.personId);
      await writeAudit(ctx.db, ctx.now(), {
        actorId: user.personId,
        action: 'schedules.update',
        subjectType: 'schedules',
        subjectId: String(saved.version),
        before: before.document,
        after: { document: saved.document, reason: saved.reason },
      });
      return saved;
    },
  );

  app.get<{ Querystring: { days?: number } }>(
    '/api/schedules/upcoming',
    {
      config: { access: HR },
      schema: {
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { days: { type: 'integer', minimum: 1, maximum: 120 } },
        },
      },
    },
    async (req) => {
      const { document } = await store.current();
      const today = localParts(ctx.now(), document.timeZone).date;
      const nowMs = ctx.now().getTime();
      const out = [];
      for (let i = 0; i < (req.query.days ?? 31); i += 1)
        out.push(...occurrencesOn(addDays(today, i), document));
      return out.filter((o) => Date.parse(o.scheduledAt) >= nowMs);
    },
  );

  app.post('/api/schedules/run', { config: { access: HR } }, async () => {
    const runs = await runner.tick();
    worker.kick();
    return { at: ctx.now().toISOString(), runs };
  });
}
