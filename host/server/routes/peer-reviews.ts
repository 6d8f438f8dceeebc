import type { FastifyInstance } from 'fastify';
import { submitPeerReview } from '../../../plugin/app/commands/peer-reviews.ts';
import {
  listPeerReviews,
  myPeerReviews,
  peerReviewSummaryOf,
} from '../../../plugin/app/queries/peer-reviews.ts';
import type { ServerContext } from '../context.ts';
import { commandRoute } from './command-route.ts';

/**
 * Peer reviews. Reviewer ids leave the server only to hr/admin; a reviewee, their manager and
 * anyone else read aggregates, and only once `peerReview.minReviewers` reviews exist.
 */
export function peerReviewRoutes(app: FastifyInstance, ctx: ServerContext): void {
  commandRoute(app, ctx, {
    method: 'POST',
    url: '/api/peer-reviews',
    access: ['sales', 'manager'],
    command: submitPeerReview,
    status: () => 201,
  });
  commandRoute(app, ctx, {
    method: 'GET',
    url: '/api/peer-reviews',
    access: ['hr', 'admin'],
    command: listPeerReviews,
  });
  commandRoute(app, ctx, {
    method: 'GET',
    url: '/api/peer-reviews/mine',
    access: 'signed-in',
    command: myPeerReviews,
  });
  commandRoute(app, ctx, {
    method: 'GET',
    url: '/api/peer-reviews/summary/:personId',
    access: 'signed-in',
    command: peerReviewSummaryOf,
  });
}
