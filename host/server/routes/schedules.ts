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

  app.put<{ Body: { document: unknown; reason: string; baseVersion: number } }>(
    '/api/schedules',
    {
      config: { access: HR },
      schema: {
        body: {
          type: 'object',
          required: ['document', 'reason', 'baseVersion'],
          additionalProperties: false,
          // The version the editor loaded: a save on top of an older one is refused (409 stale-version).
          properties: {
            document: anyObject,
            reason: text(2000, 1),
            baseVersion: { type: 'integer', minimum: 0 },
          },
        },
      },
    },
    async (req) => {
      const user = requireUser(req);
      const { document, reason, baseVersion } = req.body;
      const saved = await store.save(document, reason, user.personId, baseVersion);
      const before = await store.at(saved.version - 1);
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
