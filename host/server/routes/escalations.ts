import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Escalation, EscalationReason } from '../../../plugin/domain/types.ts';
import { escalationAssignees } from '../../../plugin/sdk/escalation-assignees.ts';
import { can } from '../../../plugin/sdk/permissions.ts';
import { authorize, requireUser } from '../auth/request-user.ts';
import type { ServerContext } from '../context.ts';
import { badRequest, conflict, forbidden, notFound } from '../http-error.ts';
import { writeAudit } from '../services/audit.ts';
import { fromEscalation, toEscalation } from '../storage/mappers.ts';
import { listKeyResults } from '../storage/queries.ts';
import { announce, id, idParams, krSubject, loadKr, month, peopleIndex, text } from './support.ts';

export function escalationRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const announceEscalation = (cycleId: string, escalation: Escalation, byPersonId: string) =>
    announce(ctx, cycleId, { type: 'escalation.saved', id: escalation.id, record: escalation, byPersonId });
  const load = async (escalationId: string) => {
    const row = await ctx.db
      .selectFrom('escalations')
      .selectAll()
      .where('id', '=', escalationId)
      .executeTakeFirst();
    if (!row) throw notFound('escalation', escalationId);
    return toEscalation(row);
  };

  app.get<{ Querystring: { state?: 'open' | 'resolved'; cycleId?: string } }>(
    '/api/escalations',
    {
      config: { access: 'signed-in' },
      schema: {
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { state: { enum: ['open', 'resolved'] }, cycleId: id },
        },
      },
    },
    async (req) => {
      const user = requireUser(req);
      const people = await peopleIndex(ctx);
      const krs = new Map((await listKeyResults(ctx.db, req.query.cycleId)).map((k) => [k.id, k]));
      const rows = (
        await ctx.db.selectFrom('escalations').selectAll().orderBy('raised_at', 'desc').execute()
      ).map(toEscalation);
      return rows.filter((e) => {
        const kr = krs.get(e.krId);
        if (!kr) return false;
        if (req.query.state === 'open' && e.resolvedAt) return false;
        if (req.query.state === 'resolved' && !e.resolvedAt) return false;
        return e.assigneeId === user.personId || can(user, 'read', krSubject(kr, people, 'escalation'));
      });
    },
  );

  app.post<{ Body: { krId: string; month: string; reason: EscalationReason; detail?: string } }>(
    '/api/escalations',
    {
      config: { access: ['sales', 'manager', 'admin'] },
      schema: {
        body: {
          type: 'object',
          required: ['krId', 'month', 'reason'],
          additionalProperties: false,
          properties: {
            krId: id,
            month,
            reason: { enum: ['amber-streak', 'red', 'blocker', 'resource-request'] },
            detail: text(4000),
          },
        },
      },
    },
    async (req, reply) => {
      const kr = await loadKr(ctx, req.body.krId);
      const people = await peopleIndex(ctx);
      const user = authorize(req, 'create', krSubject(kr, people, 'escalation'), 'escalation');
      const ownerId = kr.ownerType === 'person' ? kr.ownerId : user.personId;
      const escalation: Escalation = {
        id: randomUUID(),
        krId: kr.id,
        raisedById: ownerId,
        assigneeId: people.get(ownerId)?.managerId ?? null,
        month: req.body.month,
        reason: req.body.reason,
        detail: req.body.detail ?? '',
        raisedAt: ctx.now().toISOString(),
        resolvedAt: null,
        resolution: '',
      };
      await ctx.db.transaction().execute(async (trx) => {
        await trx.insertInto('escalations').values(fromEscalation(escalation)).execute();
        await writeAudit(trx, ctx.now(), {
          actorId: user.personId,
          action: 'escalation.raise',
          subjectType: 'escalation',
          subjectId: escalation.id,
          before: null,
          after: escalation,
        });
      });
      if (escalation.assigneeId) {
        await ctx.notifications.notify({
          recipientIds: [escalation.assigneeId],
          kind: 'escalation.raised',
          params: { reason: escalation.reason, month: escalation.month },
          subject: { krId: kr.id, month: escalation.month },
          dedupKey: `escalation:${escalation.id}:raised`,
        });
      }
      announceEscalation(kr.cycleId, escalation, user.personId);
      return reply.status(201).send(escalation);
    },
  );

  app.post<{ Params: { id: string }; Body: { assigneeId: string } }>(
    '/api/escalations/:id/assign',
    {
      config: { access: ['manager', 'hr', 'admin'] },
      schema: {
        params: idParams,
        body: {
          type: 'object',
          required: ['assigneeId'],
          additionalProperties: false,
          properties: { assigneeId: id },
        },
      },
    },
    async (req) => {
      const before = await load(req.params.id);
      const kr = await loadKr(ctx, before.krId);
      const people = await peopleIndex(ctx);
      const subject = krSubject(kr, people, 'escalation');
      const user = authorize(req, 'assign', subject, 'escalation');
      if (!people.has(req.body.assigneeId))
        throw badRequest(
          'unknown-assignee',
          `escalation: assignee "${req.body.assigneeId}" is not a person`,
          {
            params: { id: req.body.assigneeId },
          },
        );
      const allowed = escalationAssignees(subject, people.values());
      if (!allowed.some((p) => p.id === req.body.assigneeId))
        throw badRequest(
          'not-an-assignee',
          `escalation: "${req.body.assigneeId}" cannot act on this escalation; assign it to one of ${allowed.map((p) => p.id).join(', ')}`,
        );
      if (before.resolvedAt)
        throw conflict('resolved', `escalation ${before.id}: already resolved; raise a new one`);
      const after = { ...before, assigneeId: req.body.assigneeId };
      await ctx.db.transaction().execute(async (trx) => {
        await trx
          .updateTable('escalations')
          .set({ assignee_id: after.assigneeId })
          .where('id', '=', before.id)
          .execute();
        await writeAudit(trx, ctx.now(), {
          actorId: user.personId,
          action: 'escalation.assign',
          subjectType: 'escalation',
          subjectId: before.id,
          before: { assigneeId: before.assigneeId },
          after: { assigneeId: after.assigneeId },
        });
      });
      await ctx.notifications.notify({
        recipientIds: [req.body.assigneeId],
        kind: 'escalation.assigned',
        params: { reason: before.reason, month: before.month },
        subject: { krId: kr.id, month: before.month },
        dedupKey: `escalation:${before.id}:assigned:${req.body.assigneeId}`,
      });
      announceEscalation(kr.cycleId, after, user.personId);
      return after;
    },
  );

  app.post<{ Params: { id: string }; Body: { resolution: string } }>(
    '/api/escalations/:id/resolve',
    {
      config: { access: 'signed-in' },
      schema: {
        params: idParams,
        body: {
          type: 'object',
          required: ['resolution'],
          additionalProperties: false,
          properties: { resolution: text(4000, 1) },
        },
      },
    },
    async (req) => {
      const user = requireUser(req);
      const before = await load(req.params.id);
      const kr = await loadKr(ctx, before.krId);
      const people = await peopleIndex(ctx);
      if (before.assigneeId !== user.personId && !can(user, 'resolve', krSubject(kr, people, 'escalation'))) {
        throw forbidden(
          `auth: only the assignee, the region's manager or an admin may resolve escalation ${before.id}`,
        );
      }
      if (before.resolvedAt)
        throw conflict('resolved', `escalation ${before.id}: already resolved at ${before.resolvedAt}`, {
          current: before,
        });
      const after = { ...before, resolvedAt: ctx.now().toISOString(), resolution: req.body.resolution };
      await ctx.db.transaction().execute(async (trx) => {
        await trx
          .updateTable('escalations')
          .set({ resolved_at: after.resolvedAt, resolution: after.resolution })
          .where('id', '=', before.id)
          .execute();
        await writeAudit(trx, ctx.now(), {
          actorId: user.personId,
          action: 'escalation.resolve',
          subjectType: 'escalation',
          subjectId: before.id,
          before: { resolvedAt: null },
          after: { resolvedAt: after.resolvedAt, resolution: after.resolution },
        });
      });
      await ctx.notifications.notify({
        recipientIds: [before.raisedById],
        kind: 'escalation.resolved',
        params: { month: before.month },
        subject: { krId: kr.id, month: before.month },
        dedupKey: `escalation:${before.id}:resolved`,
      });
      announceEscalation(kr.cycleId, after, user.personId);
      return after;
    },
  );
}
