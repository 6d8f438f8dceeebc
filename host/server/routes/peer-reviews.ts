import type { FastifyInstance } from 'fastify';
import {
  closePeerReviewWindow,
  openPeerReviewWindow,
  submitPeerReview,
  updatePeerReview,
} from '../../../plugin/app/commands/peer-reviews.ts';
import {
  listPeerReviews,
  listPeerReviewWindows,
  myPeerReviewAssignments,
  myPeerReviews,
  peerReviewCompletion,
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
    method: 'PUT',
    url: '/api/peer-reviews/:id',
    access: ['sales', 'manager'],
    command: updatePeerReview,
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
    url: '/api/peer-reviews/assignments',
    access: 'signed-in',
    command: myPeerReviewAssignments,
  });
  commandRoute(app, ctx, {
    method: 'GET',
    url: '/api/peer-reviews/summary/:personId',
    access: 'signed-in',
    command: peerReviewSummaryOf,
  });
  commandRoute(app, ctx, {
    method: 'GET',
    url: '/api/peer-review-windows',
    access: 'signed-in',
    command: listPeerReviewWindows,
  });
  commandRoute(app, ctx, {
    method: 'POST',
    url: '/api/peer-review-windows',
    access: ['hr', 'admin'],
    command: openPeerReviewWindow,
    status: () => 201,
  });
  commandRoute(app, ctx, {
    method: 'POST',
    url: '/api/peer-review-windows/:quarter/close',
    access: ['hr', 'admin'],
    command: closePeerReviewWindow,
  });
  commandRoute(app, ctx, {
    method: 'GET',
    url: '/api/peer-review-windows/:quarter/completion',
    access: ['hr', 'admin'],
    command: peerReviewCompletion,
  });
}
