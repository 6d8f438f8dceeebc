import { peerReviewSummary } from '../../domain/contribution.ts';
import type { Id } from '../../domain/types.ts';
import { can } from '../../sdk/index.ts';
import { defineCommand } from '../command.ts';
import { withoutReviewer } from '../commands/peer-reviews.ts';
import { currentSettingsOf } from '../commands/settings.ts';
import { forbidden, notFound } from '../errors.ts';
import { id, quarter } from '../input.ts';
import { personSubject } from '../subjects.ts';
import { byKeys } from './readable.ts';

const byQuarter = byKeys<{ quarter: string; id: string }>(
  (r) => r.quarter,
  (r) => r.id,
);

export const listPeerReviews = defineCommand({
  name: 'peerReview.list',
  summary: 'Raw peer reviews with their reviewers (HR and admins only)',
  input: { type: 'object', additionalProperties: false, properties: { quarter } },
  async run(ctx, q: { quarter?: string }) {
    ctx.allow('read', { type: 'peerReview' }, 'peer reviews');
    const reviews = await ctx.tx.find('peerReviews', q.quarter ? { quarter: q.quarter } : undefined);
    return reviews.sort(byQuarter);
  },
});

export const myPeerReviews = defineCommand({
  name: 'peerReview.mine',
  summary: 'The reviews the caller wrote (whom they already reviewed), without reviewer ids',
  input: { type: 'object', additionalProperties: false, properties: { quarter } },
  async run(ctx, q: { quarter?: string }) {
    const reviewerId = ctx.user.personId;
    const reviews = await ctx.tx.find(
      'peerReviews',
      q.quarter ? { reviewerId, quarter: q.quarter } : { reviewerId },
    );
    return reviews.sort(byQuarter).map(withoutReviewer);
  },
});

export const peerReviewSummaryOf = defineCommand({
  name: 'peerReview.summary',
  summary: "A colleague's anonymous peer-review aggregate for a quarter, once enough reviews exist",
  pathParams: ['personId'],
  input: {
    type: 'object',
    required: ['personId', 'quarter'],
    additionalProperties: false,
    properties: { personId: id, quarter },
  },
  async run(ctx, q: { personId: Id; quarter: string }) {
    const person = await ctx.tx.get('people', q.personId);
    if (!person) throw notFound('person', q.personId);
    if (person.id !== ctx.user.personId && !can(ctx.user, 'read', personSubject(person, 'statement')))
      throw forbidden(`auth: ${ctx.user.role} may not read the peer-review summary of ${person.id}`);
    const reviews = await ctx.tx.find('peerReviews', { revieweeId: person.id, quarter: q.quarter });
    return peerReviewSummary(reviews, person.id, q.quarter, (await currentSettingsOf(ctx.tx)).settings);
  },
});
