import { randomUUID } from 'node:crypto';
import { cycleMonths, quarterMonths } from '../../domain/dates.ts';
import { PEER_DIMENSIONS, type PeerDimension, type PeerReview } from '../../domain/types.ts';
import { defineCommand } from '../command.ts';
import { badRequest, conflict, forbidden, notFound } from '../errors.ts';
import { id, quarter, text } from '../input.ts';
import type { Records } from '../ports.ts';

/** A peer review as it leaves a host: never with its reviewer, not even to the reviewer. */
export type AnonymousReview = Omit<PeerReview, 'reviewerId'>;
export const withoutReviewer = ({ reviewerId: _r, ...review }: PeerReview): AnonymousReview => review;

/** Whom a peer review is about: colleagues who sell or lead sellers. */
const PEER_ROLES: readonly string[] = ['sales', 'manager'];

const score = { type: 'integer', minimum: 1, maximum: 5 } as const;

async function quarterOfACycle(records: Pick<Records, 'find'>, q: string): Promise<void> {
  const months = new Set(quarterMonths(q));
  const cycles = await records.find('cycles');
  if (!cycles.some((c) => cycleMonths(c).some((m) => months.has(m))))
    throw badRequest(
      'quarter-outside-cycles',
      `peer review: quarter ${q} is not in any cycle (${cycles.map((c) => c.name).join(', ')}); pick a quarter of a cycle`,
      { params: { quarter: q } },
    );
}

export const submitPeerReview = defineCommand({
  name: 'peerReview.submit',
  summary: 'Score a sales or manager colleague for a quarter, anonymously (once per colleague and quarter)',
  changesRules: true,
  input: {
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
  async run(
    ctx,
    b: { quarter: string; revieweeId: string; scores: Record<PeerDimension, number>; comment?: string },
  ): Promise<AnonymousReview> {
    const { tx } = ctx;
    ctx.allow('create', { type: 'peerReview' }, 'peer review');
    const reviewerId = ctx.user.personId;
    // A review counts for a person: an account connected to none cannot review (nor be traced).
    if (!(await tx.get('people', reviewerId)))
      throw forbidden('peer review: your account is not connected to a person; ask an administrator');
    const reviewee = await tx.get('people', b.revieweeId);
    if (!reviewee) throw notFound('person', b.revieweeId);
    if (reviewee.id === reviewerId)
      throw badRequest('self-review', 'peer review: you cannot review yourself; pick a colleague');
    if (!PEER_ROLES.includes(reviewee.role))
      throw badRequest(
        'not-a-peer',
        `peer review: ${reviewee.id} is ${reviewee.role}, not a sales or manager colleague; review a colleague in sales or management`,
        { params: { id: reviewee.id } },
      );
    await quarterOfACycle(tx, b.quarter);
    const [already] = await tx.find('peerReviews', {
      quarter: b.quarter,
      reviewerId,
      revieweeId: reviewee.id,
    });
    if (already)
      throw conflict(
        'already-reviewed',
        `peer review: you already reviewed this colleague for ${b.quarter}`,
        {
          params: { quarter: b.quarter },
        },
      );
    const review: PeerReview = {
      id: randomUUID(),
      quarter: b.quarter,
      reviewerId,
      revieweeId: reviewee.id,
      scores: b.scores,
      comment: b.comment ?? '',
    };
    await tx.insert('peerReviews', review);
    // Audited without the reviewer: the audit log must not undo the anonymity.
    await tx.audit({
      action: 'peerReview.create',
      subjectType: 'peerReview',
      subjectId: review.id,
      before: null,
      after: { quarter: review.quarter, revieweeId: review.revieweeId },
      at: ctx.now,
      actorId: null,
    });
    return withoutReviewer(review);
  },
});
