import type { FastifyInstance } from 'fastify';
import { commentOnKeyResult, keyResultComments } from '../../../plugin/app/commands/kr-comments.ts';
import { authorize, requireUser } from '../auth/request-user.ts';
import type { ServerContext } from '../context.ts';
import { notFound } from '../http-error.ts';
import { isDemoSeeded } from '../services/host-meta.ts';
import { parseJson } from '../storage/mappers.ts';
import { auditNames } from './audit-names.ts';
import { commandRoute } from './command-route.ts';
import { idParams, krSubject, loadKr, peopleIndex } from './support.ts';

/** What the KR detail drawer reads besides the KR: its comments and who changed what. */
export function krDetailRoutes(app: FastifyInstance, ctx: ServerContext): void {
  commandRoute(app, ctx, {
    method: 'GET',
    url: '/api/key-results/:id/comments',
    access: 'signed-in',
    command: keyResultComments,
  });
  commandRoute(app, ctx, {
    method: 'POST',
    url: '/api/key-results/:id/comments',
    access: 'signed-in',
    command: commentOnKeyResult,
    status: () => 201,
  });
  // The KR's audit rows (its own, its links' and its check-ins'), for whoever may read the KR.
  app.get<{ Params: { id: string } }>(
    '/api/key-results/:id/history',
    { config: { access: 'signed-in' }, schema: { params: idParams } },
    async (req) => {
      const kr = await loadKr(ctx, req.params.id);
      authorize(req, 'read', krSubject(kr, await peopleIndex(ctx)), 'key result');
      const checkIns = await ctx.db.selectFrom('check_ins').select('id').where('kr_id', '=', kr.id).execute();
      return auditRows(ctx, [
        ['keyResult', [kr.id]],
        ['link', [], `${kr.id}:%`],
        ['checkIn', checkIns.map((c) => c.id)],
      ]);
    },
  );
  // An escalation's trail (raised, assigned, commented, resolved), for whoever may read it.
  app.get<{ Params: { id: string } }>(
    '/api/escalations/:id/history',
    { config: { access: 'signed-in' }, schema: { params: idParams } },
    async (req) => {
      const e = await ctx.db
        .selectFrom('escalations')
        .selectAll()
        .where('id', '=', req.params.id)
        .executeTakeFirst();
      if (!e) throw notFound('escalation', req.params.id);
      const user = requireUser(req);
      if (e.assignee_id !== user.personId)
        authorize(
          req,
          'read',
          krSubject(await loadKr(ctx, e.kr_id), await peopleIndex(ctx), 'escalation'),
          'escalation',
        );
      return auditRows(ctx, [['escalation', [e.id]]]);
    },
  );
}

/** Audit rows of the given subjects (ids, or an id prefix pattern), newest first, with names. */
async function auditRows(ctx: ServerContext, subjects: [type: string, ids: string[], like?: string][]) {
  const wanted = subjects.filter(([, ids, like]) => ids.length > 0 || like);
  if (wanted.length === 0) return [];
  const rows = (
    await ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where((w) =>
        w.or(
          wanted.map(([type, ids, like]) =>
            w.and([
              w('subject_type', '=', type),
              like ? w('subject_id', 'like', like) : w('subject_id', 'in', ids),
            ]),
          ),
        ),
      )
      .orderBy('id', 'desc')
      .limit(200)
      .execute()
  ).map((r) => ({
    ...r,
    before: parseJson<unknown>(r.before, null),
    after: parseJson<unknown>(r.after, null),
  }));
  const names = await auditNames(ctx.db, rows, await isDemoSeeded(ctx.db));
  return rows.map((r, i) => ({
    id: Number(r.id),
    at: r.at,
    action: r.action,
    subjectType: r.subject_type,
    before: r.before,
    after: r.after,
    ...names[i],
  }));
}
