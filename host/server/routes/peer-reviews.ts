import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { peerReviewSummary } from '../../../plugin/domain/contribution.ts';
import { PEER_DIMENSIONS, type PeerDimension, type PeerReview } from '../../../plugin/domain/types.ts';
import { can } from '../../../plugin/sdk/permissions.ts';
import { authorize, requireUser } from '../auth/request-user.ts';
import type { ServerContext } from '../context.ts';
import { badRequest, conflict, forbidden, notFound } from '../http-error.ts';
import { currentSettings } from '../services/settings-service.ts';
import { fromPeerReview, toPeerReview } from '../storage/mappers.ts';
import { id, peopleIndex, personSubject, quarter, text } from './support.ts';

const score = { type: 'integer', minimum: 1, maximum: 5 } as const;

/**
 * Peer reviews. Reviewer ids leave the server only to hr/admin; a reviewee, their manager and
 * anyone else read aggregates, and only once `peerReview.minReviewers` reviews exist.
 */
export function peerReviewRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.post<{
    Body: { quarter: string; revieweeId: string; scores: Record<PeerDimension, number>; comment?: string };
  }>(
    '/api/peer-reviews',
    {
      config: { access: ['sales', 'manager'] },
      schema: {
        body: {
          type: 'object',
          required: ['quarter', 'revieweeId', 'scores'],
          additionalProperties: false,
          properties: {
            quarter,
            revieweeId: id,
            scores: {
              type: 'object',
              required: [...PEER_DIMENSIONS],
              additionalProperties: false,
              properties: Object.fromEntries(PEER_DIMENSIONS.map((d) => [d, score])),
            },
            comment: text(2000),
          },
        },
      },
    },
    async (req, reply) => {
      const user = authorize(req, 'create', { type: 'peerReview' }, 'peer review');
      const people = await peopleIndex(ctx);
      if (!people.has(req.body.revieweeId)) throw notFound('person', req.body.revieweeId);
      if (req.body.revieweeId === user.personId)
        throw badRequest('self-review', 'peer review: you cannot review yourself; pick a colleague');
      const review: PeerReview = {
        id: randomUUID(),
        quarter: req.body.quarter,
        reviewerId: user.personId,
        revieweeId: req.body.revieweeId,
        scores: req.body.scores,
        comment: req.body.comment ?? '',
      };
      await ctx.db.transaction().execute(async (trx) => {
        const existing = await trx
          .selectFrom('peer_reviews')
          .select('id')
          .where('quarter', '=', review.quarter)
          .where('reviewer_id', '=', review.reviewerId)
          .where('reviewee_id', '=', review.revieweeId)
          .executeTakeFirst();
        if (existing)
          throw conflict(
            'already-reviewed',
            `peer review: you already reviewed this colleague for ${review.quarter}`,
            { params: { quarter: review.quarter } },
          );
        await trx.insertInto('peer_reviews').values(fromPeerReview(review)).execute();
      });
      ctx.rules.schedule();
      return reply.status(201).send(review);
    },
  );

  app.get<{ Querystring: { quarter?: string } }>(
    '/api/peer-reviews',
    {
      config: { access: ['hr', 'admin'] },
      schema: { querystring: { type: 'object', additionalProperties: false, properties: { quarter } } },
    },
    async (req) => {
      authorize(req, 'read', { type: 'peerReview' }, 'peer reviews');
      let q = ctx.db.selectFrom('peer_reviews').selectAll().orderBy('quarter').orderBy('id');
      if (req.query.quarter) q = q.where('quarter', '=', req.query.quarter);
      return (await q.execute()).map(toPeerReview);
    },
  );

  app.get<{ Querystring: { quarter?: string } }>(
    '/api/peer-reviews/mine',
    {
      config: { access: 'signed-in' },
      schema: { querystring: { type: 'object', additionalProperties: false, properties: { quarter } } },
    },
    async (req) => {
      const user = requireUser(req);
      let q = ctx.db
        .selectFrom('peer_reviews')
        .selectAll()
        .where('reviewer_id', '=', user.personId)
        .orderBy('quarter');
      if (req.query.quarter) q = q.where('quarter', '=', req.query.quarter);
      return (await q.execute()).map(toPeerReview);
    },
  );

  app.get<{ Params: { personId: string }; Querystring: { quarter: string } }>(
    '/api/peer-reviews/summary/:personId',
    {
      config: { access: 'signed-in' },
      schema: {
        params: { type: 'object', required: ['personId'], properties: { personId: id } },
        querystring: {
          type: 'object',
          required: ['quarter'],
          additionalProperties: false,
          properties: { quarter },
        },
      },
    },
    async (req) => {
      const user = requireUser(req);
      const people = await peopleIndex(ctx);
      const personId = req.params.personId;
      if (!people.has(personId)) throw notFound('person', personId);
      const subject = personSubject(personId, people, 'statement');
      if (personId !== user.personId && !can(user, 'read', subject)) {
        throw forbidden(`auth: ${user.role} may not read the peer-review summary of ${personId}`);
      }
      const { settings } = await currentSettings(ctx.db);
      const reviews = (
        await ctx.db
          .selectFrom('peer_reviews')
          .selectAll()
          .where('reviewee_id', '=', personId)
          .where('quarter', '=', req.query.quarter)
          .execute()
      ).map(toPeerReview);
      return peerReviewSummary(reviews, personId, req.query.quarter, settings);
    },
  );
}
