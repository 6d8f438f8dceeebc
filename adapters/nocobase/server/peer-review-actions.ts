import { randomUUID } from 'node:crypto';
import { peerReviewSummary } from '../../../plugin/domain/contribution.ts';
import { PEER_DIMENSIONS, type PeerDimension, type PeerReview } from '../../../plugin/domain/types.ts';
import { writeAudit } from './audit.ts';
import { COLLECTIONS } from './collections.ts';
import type { PackService } from './pack-service.ts';
import { toPeerReview } from './records.ts';
import { type Body, bodyOf, id, onlyKeys, refuse, text } from './requests.ts';
import type { Tables } from './tables.ts';
import { allow, peopleById, signedIn } from './write-support.ts';

type Handler = (s: PackService, p: Body, tables: Tables) => Promise<unknown>;
/** A peer review as it leaves the server: never with its reviewer. */
export type AnonymousReview = Omit<PeerReview, 'reviewerId'>;

const QUARTER = /^\d{4}-Q[1-4]$/;

const quarterOf = (v: unknown, field = 'quarter'): string => {
  const q = text(v, field, 7, 7);
  if (!QUARTER.test(q)) throw refuse(400, 'invalid-body', `"${field}" must be a quarter YYYY-Qn`);
  return q;
};

export const withoutReviewer = ({ reviewerId: _r, ...review }: PeerReview): AnonymousReview => review;

/** Body of `submitPeerReview`, checked as the reference host's `POST /api/peer-reviews`. */
export function checkPeerReview(b: Body): Omit<PeerReview, 'id' | 'reviewerId'> {
  onlyKeys(b, ['quarter', 'revieweeId', 'scores', 'comment'], 'peer review');
  const quarter = quarterOf(b.quarter);
  const revieweeId = id(b.revieweeId, 'revieweeId');
  const raw = b.scores;
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    throw refuse(400, 'invalid-body', `"scores" must be an object of ${PEER_DIMENSIONS.join(', ')}`);
  }
  onlyKeys(raw as Body, PEER_DIMENSIONS, 'scores');
  const scores = Object.fromEntries(
    PEER_DIMENSIONS.map((d) => {
      const v = (raw as Body)[d];
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > 5) {
        throw refuse(400, 'invalid-body', `"scores.${d}" must be a whole number from 1 to 5`);
      }
      return [d, v];
    }),
  ) as Record<PeerDimension, number>;
  const comment = b.comment === undefined ? '' : text(b.comment, 'comment', 2000);
  return { quarter, revieweeId, scores, comment };
}

/**
 * Peer reviews, anonymous by rule: the reviewer is the signed-in person (never read from the body),
 * stored server-side and never answered, not even to the reviewer. Others read aggregates only, once
 * `peerReview.minReviewers` reviews exist (as the reference host's summary).
 */
export const PEER_REVIEW_ACTIONS: Record<string, Handler> = {
  async submitPeerReview(s, p, tables) {
    const input = checkPeerReview(bodyOf(p));
    const reviewerId = allow(s, 'create', { type: 'peerReview' }, 'peer review');
    const people = await peopleById(s);
    // A review counts for a person: an account not connected to one cannot review (nor be traced).
    if (!people.has(reviewerId)) {
      throw refuse(
        403,
        'forbidden',
        'peer review: your account is not connected to a person; ask an administrator',
      );
    }
    if (!people.has(input.revieweeId)) {
      throw refuse(404, 'not-found', `person "${input.revieweeId}" does not exist; check the id`);
    }
    if (input.revieweeId === reviewerId) {
      throw refuse(400, 'self-review', 'peer review: you cannot review yourself; pick a colleague');
    }
    const review: PeerReview = { id: randomUUID(), reviewerId, ...input };
    await tables.transaction(async (tx) => {
      const existing = await tx.find(COLLECTIONS.peerReviews, {
        quarter: review.quarter,
        reviewerId,
        revieweeId: review.revieweeId,
      });
      if (existing.length > 0) {
        throw refuse(
          409,
          'already-reviewed',
          `peer review: you already reviewed this colleague for ${review.quarter}`,
          { params: { quarter: review.quarter } },
        );
      }
      await tx.create(COLLECTIONS.peerReviews, { ...review });
      // Audited without the reviewer: the audit log must not undo the anonymity.
      await writeAudit(tx, {
        at: s.now(),
        actorId: 'anonymous',
        action: 'peerReview.create',
        subject: `peerReview:${review.id}`,
        detail: { before: null, after: { quarter: review.quarter, revieweeId: review.revieweeId } },
      });
    });
    return withoutReviewer(review);
  },

  /** The reviews the signed-in person wrote (whom they already reviewed), without reviewer ids. */
  async myPeerReviews(s, p, tables) {
    const b = bodyOf(p);
    onlyKeys(b, ['quarter'], 'myPeerReviews');
    const user = signedIn(s);
    const filter: Record<string, unknown> = { reviewerId: user.personId };
    if (b.quarter !== undefined) filter.quarter = quarterOf(b.quarter);
    const rows = await tables.find(COLLECTIONS.peerReviews, filter, ['quarter', 'id']);
    return rows.map((r) => withoutReviewer(toPeerReview(r)));
  },

  /** The aggregate of one reviewee and quarter: themself, their regional manager, hr/admin. */
  async peerReviewSummary(s, p, tables) {
    const b = bodyOf(p);
    onlyKeys(b, ['personId', 'quarter'], 'peerReviewSummary');
    const personId = id(b.personId, 'personId');
    const quarter = quarterOf(b.quarter);
    const user = signedIn(s);
    const person = (await peopleById(s)).get(personId);
    if (!person) throw refuse(404, 'not-found', `person "${personId}" does not exist; check the id`);
    const subject = { type: 'statement' as const, ownerPersonId: personId, regionId: person.regionId };
    if (personId !== user.personId && !s.identity.can('read', subject)) {
      throw refuse(403, 'forbidden', `role ${user.role} may not read the peer-review summary of ${personId}`);
    }
    const { settings } = await s.settings.current();
    const reviews = (await tables.find(COLLECTIONS.peerReviews, { revieweeId: personId, quarter })).map(
      toPeerReview,
    );
    return peerReviewSummary(reviews, personId, quarter, settings);
  },
};
