import { randomUUID } from 'node:crypto';
import { cycleMonths, quarterMonths } from '../../domain/dates.ts';
import {
  type AssignmentRules,
  type CrossRegionPair,
  PEER_ROLES,
  type PeerReviewWindow,
  revieweesOf,
} from '../../domain/peer-assignments.ts';
import type { Settings } from '../../domain/settings.ts';
import { type Id, PEER_DIMENSIONS, type PeerDimension, type PeerReview } from '../../domain/types.ts';
import { type CommandContext, defineCommand } from '../command.ts';
import { badRequest, conflict, forbidden, notFound } from '../errors.ts';
import { id, isoDate, quarter, text } from '../input.ts';
import type { Records } from '../ports.ts';
import { currentSettingsOf } from './settings.ts';

/** A peer review as it leaves a host: never with its reviewer, not even to the reviewer. */
export type AnonymousReview = Omit<PeerReview, 'reviewerId'>;
export const withoutReviewer = ({ reviewerId: _r, ...review }: PeerReview): AnonymousReview => review;

const score = { type: 'integer', minimum: 1, maximum: 5 } as const;
const scoresInput = {
  type: 'object',
  required: [...PEER_DIMENSIONS],
  additionalProperties: false,
  properties: Object.fromEntries(PEER_DIMENSIONS.map((d) => [d, score])),
} as const;

/** Defaults for settings documents stored before review windows existed. */
const DEFAULT_MAX_REVIEWEES = 6;
const DEFAULT_MAX_CROSS_REGION = 2;

/** Who reviews whom in `window` under `settings` (see `peerAssignments`). */
export const assignmentRulesOf = (settings: Settings, window: PeerReviewWindow): AssignmentRules => ({
  crossRegion: window.crossRegion,
  maxReviewees: settings.peerReview.maxRevieweesPerPerson ?? DEFAULT_MAX_REVIEWEES,
});

/** True while `window` takes reviews: open, and its closing day (inclusive) not passed. */
export const takesReviews = (window: PeerReviewWindow | null, now: string): window is PeerReviewWindow =>
  window?.state === 'open' && (window.closesOn === null || now.slice(0, 10) <= window.closesOn);

async function openWindowOf(ctx: CommandContext, q: string): Promise<PeerReviewWindow> {
  const window = await ctx.tx.get('peerReviewWindows', q);
  if (!takesReviews(window, ctx.now))
    throw conflict(
      'review-window-closed',
      `peer review: the review window for ${q} is not open; reviews are taken only while HR keeps it open`,
      { params: { quarter: q } },
    );
  return window;
}

/** Refuses unless `revieweeId` is one of the caller's assigned colleagues in `window`. */
async function mustBeAssigned(
  ctx: CommandContext,
  window: PeerReviewWindow,
  reviewee: { id: Id; name: string },
) {
  const { settings } = await currentSettingsOf(ctx.tx);
  const people = await ctx.tx.find('people');
  if (!revieweesOf(people, assignmentRulesOf(settings, window), ctx.user.personId).includes(reviewee.id))
    throw conflict(
      'not-assigned',
      `peer review: ${reviewee.name} is not on your review list for ${window.quarter}; review a colleague from your list`,
      { params: { name: reviewee.name, quarter: window.quarter } },
    );
}

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
      scores: scoresInput,
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
    const window = await openWindowOf(ctx, b.quarter);
    await mustBeAssigned(ctx, window, reviewee);
    const [already] = await tx.find('peerReviews', {
      quarter: b.quarter,
      reviewerId,
      revieweeId: reviewee.id,
    });
    if (already)
      throw conflict(
        'already-reviewed',
        `peer review: you already reviewed this colleague for ${b.quarter}; edit that review instead`,
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
    await auditAnonymously(ctx, 'peerReview.create', review);
    return withoutReviewer(review);
  },
});

/** Audited without the reviewer: the audit log must not undo the anonymity. */
const auditAnonymously = (ctx: CommandContext, action: string, review: PeerReview) =>
  ctx.tx.audit({
    action,
    subjectType: 'peerReview',
    subjectId: review.id,
    before: null,
    after: { quarter: review.quarter, revieweeId: review.revieweeId },
    at: ctx.now,
    actorId: null,
  });

export const updatePeerReview = defineCommand({
  name: 'peerReview.update',
  summary: 'Change the scores or comment of a review you wrote, while its window is open',
  changesRules: true,
  pathParams: ['id'],
  input: {
    type: 'object',
    required: ['id', 'scores'],
    additionalProperties: false,
    properties: { id, scores: scoresInput, comment: text(2000) },
  },
  async run(
    ctx,
    b: { id: Id; scores: Record<PeerDimension, number>; comment?: string },
  ): Promise<AnonymousReview> {
    ctx.allow('update', { type: 'peerReview' }, 'peer review');
    const review = await ctx.tx.get('peerReviews', b.id);
    // Someone else's review is answered like a missing one: its existence says nothing.
    if (!review || review.reviewerId !== ctx.user.personId) throw notFound('peer review', b.id);
    await openWindowOf(ctx, review.quarter);
    const patch = { scores: b.scores, comment: b.comment ?? review.comment };
    await ctx.tx.update('peerReviews', review.id, patch);
    await auditAnonymously(ctx, 'peerReview.update', review);
    return withoutReviewer({ ...review, ...patch });
  },
});

const pairInput = {
  type: 'object',
  required: ['reviewerId', 'revieweeId'],
  additionalProperties: false,
  properties: { reviewerId: id, revieweeId: id },
} as const;

/** HR's cross-region pairs: both peers, in different regions, at most the settings' number per reviewee. */
async function checkCrossRegion(ctx: CommandContext, pairs: CrossRegionPair[], settings: Settings) {
  const people = new Map((await ctx.tx.find('people')).map((p) => [p.id, p]));
  const perReviewee = new Map<Id, number>();
  const max = settings.peerReview.maxCrossRegionReviewers ?? DEFAULT_MAX_CROSS_REGION;
  for (const pair of pairs) {
    const reviewer = people.get(pair.reviewerId);
    const reviewee = people.get(pair.revieweeId);
    if (!reviewer) throw notFound('person', pair.reviewerId);
    if (!reviewee) throw notFound('person', pair.revieweeId);
    const peers = [reviewer, reviewee].every((p) => PEER_ROLES.includes(p.role) && p.regionId !== null);
    if (!peers || reviewer.regionId === reviewee.regionId)
      throw badRequest(
        'cross-region-invalid',
        `peer review window: ${reviewer.name} → ${reviewee.name} is not a cross-region pair; pick sales or managers of two different regions`,
        { params: { reviewer: reviewer.name, reviewee: reviewee.name } },
      );
    const count = (perReviewee.get(reviewee.id) ?? 0) + 1;
    perReviewee.set(reviewee.id, count);
    if (count > max)
      throw badRequest(
        'too-many-cross-region',
        `peer review window: ${reviewee.name} has more than ${max} cross-region reviewers (settings.peerReview.maxCrossRegionReviewers); pick fewer`,
        { params: { name: reviewee.name, max } },
      );
  }
}

const windowOpen = (q: string) =>
  conflict('review-window-open', `peer review window: ${q} is already open; reload to see it`, {
    params: { quarter: q },
  });

export const openPeerReviewWindow = defineCommand({
  name: 'peerReview.openWindow',
  summary:
    "Open a quarter's peer-review window (optionally until a closing day), with HR's cross-region pairs",
  input: {
    type: 'object',
    required: ['quarter'],
    additionalProperties: false,
    properties: {
      quarter,
      closesOn: isoDate,
      crossRegion: { type: 'array', maxItems: 500, items: pairInput },
    },
  },
  async run(
    ctx,
    b: { quarter: string; closesOn?: string; crossRegion?: CrossRegionPair[] },
  ): Promise<PeerReviewWindow> {
    ctx.allow('run', { type: 'peerReview' }, 'peer review window');
    await quarterOfACycle(ctx.tx, b.quarter);
    if (b.closesOn !== undefined && b.closesOn < ctx.now.slice(0, 10))
      throw badRequest(
        'closes-on-past',
        `peer review window: the closing day ${b.closesOn} has passed; pick today or later`,
        { params: { date: b.closesOn } },
      );
    const crossRegion = (b.crossRegion ?? []).map(({ reviewerId, revieweeId }) => ({
      reviewerId,
      revieweeId,
    }));
    await checkCrossRegion(ctx, crossRegion, (await currentSettingsOf(ctx.tx)).settings);
    const before = await ctx.tx.get('peerReviewWindows', b.quarter);
    if (before?.state === 'open') throw windowOpen(b.quarter);
    const opened = {
      state: 'open' as const,
      closesOn: b.closesOn ?? null,
      crossRegion,
      openedAt: ctx.now,
      openedById: ctx.user.personId,
      closedAt: null,
    };
    let after: PeerReviewWindow;
    if (before) {
      // Reopening a closed window: a compare-and-set, so two reopen clicks are one success and a 409.
      if (!(await ctx.tx.update('peerReviewWindows', before.id, opened, before.version)))
        throw windowOpen(b.quarter);
      after = { ...before, ...opened, version: before.version + 1 };
    } else {
      // Two first opens meet on the key: the runner retries the loser, which then finds it open (409).
      after = { id: b.quarter, quarter: b.quarter, ...opened, version: 1 };
      await ctx.tx.insert('peerReviewWindows', after);
    }
    await ctx.audit({
      action: 'peerReviewWindow.open',
      subjectType: 'peerReviewWindow',
      subjectId: b.quarter,
      before,
      after,
    });
    return after;
  },
});

export const closePeerReviewWindow = defineCommand({
  name: 'peerReview.closeWindow',
  summary: "Close a quarter's peer-review window: no more reviews, and reviewees see their aggregates",
  changesRules: true,
  pathParams: ['quarter'],
  input: { type: 'object', required: ['quarter'], additionalProperties: false, properties: { quarter } },
  async run(ctx, b: { quarter: string }): Promise<PeerReviewWindow> {
    ctx.allow('run', { type: 'peerReview' }, 'peer review window');
    const before = await ctx.tx.get('peerReviewWindows', b.quarter);
    const closed = { state: 'closed' as const, closedAt: ctx.now };
    if (
      before?.state !== 'open' ||
      !(await ctx.tx.update('peerReviewWindows', before.id, closed, before.version))
    )
      throw conflict(
        'review-window-closed',
        `peer review window: ${b.quarter} is not open; nothing to close`,
        {
          params: { quarter: b.quarter },
        },
      );
    const after = { ...before, ...closed, version: before.version + 1 };
    await ctx.audit({
      action: 'peerReviewWindow.close',
      subjectType: 'peerReviewWindow',
      subjectId: b.quarter,
      before,
      after,
    });
    return after;
  },
});
