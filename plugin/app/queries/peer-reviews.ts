import { peerReviewSummary } from '../../domain/contribution.ts';
import { type PeerReviewWindow, peerAssignments, revieweesOf } from '../../domain/peer-assignments.ts';
import type { Id, Person } from '../../domain/types.ts';
import { can } from '../../sdk/index.ts';
import { type CommandContext, defineCommand } from '../command.ts';
import {
  type AnonymousReview,
  assignmentRulesOf,
  takesReviews,
  withoutReviewer,
} from '../commands/peer-reviews.ts';
import { currentSettingsOf } from '../commands/settings.ts';
import { forbidden, notFound } from '../errors.ts';
import { id, noInput, quarter } from '../input.ts';
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
    const summary = peerReviewSummary(
      reviews,
      person.id,
      q.quarter,
      (await currentSettingsOf(ctx.tx)).settings,
    );
    // The reviewee sees their aggregate once the window has closed, not while colleagues still write.
    const window = await ctx.tx.get('peerReviewWindows', q.quarter);
    if (person.id === ctx.user.personId && window?.state === 'open')
      return { ...summary, shown: false, averages: null, score: null, comments: [], windowOpen: true };
    return summary;
  },
});

/** A window as everyone may see it: when, not who reviews whom. */
export interface WindowView {
  quarter: string;
  state: PeerReviewWindow['state'];
  closesOn: string | null;
  /** Open and its closing day not passed. */
  takesReviews: boolean;
}
const viewOf = (w: PeerReviewWindow, now: string): WindowView => ({
  quarter: w.quarter,
  state: w.state,
  closesOn: w.closesOn,
  takesReviews: takesReviews(w, now),
});

const newestFirst = (a: PeerReviewWindow, b: PeerReviewWindow) => b.quarter.localeCompare(a.quarter);

export const listPeerReviewWindows = defineCommand({
  name: 'peerReview.windows',
  summary: 'The review windows, newest first; HR and admins also get the cross-region pairs',
  input: noInput,
  async run(ctx): Promise<(WindowView & Partial<PeerReviewWindow>)[]> {
    const windows = (await ctx.tx.find('peerReviewWindows')).sort(newestFirst);
    const hr = can(ctx.user, 'run', { type: 'peerReview' });
    return windows.map((w) => (hr ? { ...w, ...viewOf(w, ctx.now) } : viewOf(w, ctx.now)));
  },
});

/** The window of `quarter`, or without one the newest that takes reviews (else the newest). */
async function windowFor(ctx: CommandContext, quarter?: string): Promise<PeerReviewWindow | null> {
  if (quarter) return ctx.tx.get('peerReviewWindows', quarter);
  const windows = (await ctx.tx.find('peerReviewWindows')).sort(newestFirst);
  return windows.find((w) => takesReviews(w, ctx.now)) ?? windows[0] ?? null;
}

const regionNames = async (ctx: CommandContext) =>
  new Map((await ctx.tx.find('regions')).map((r) => [r.id, r.name]));

export interface Assignment {
  personId: Id;
  name: string;
  regionName: string;
  /** Outside the reviewer's region: one of HR's cross-region picks. */
  crossRegion: boolean;
  /** The caller's own review of this colleague, if written (never with a reviewer id). */
  review: AnonymousReview | null;
}

export const myPeerReviewAssignments = defineCommand({
  name: 'peerReview.assignments',
  summary: 'Whom the caller reviews in a window (default: the open one), with their own reviews and progress',
  input: { type: 'object', additionalProperties: false, properties: { quarter } },
  async run(ctx, q: { quarter?: string }) {
    const window = await windowFor(ctx, q.quarter);
    if (!window) return { window: null, reviewees: [], done: 0, total: 0 };
    const { settings } = await currentSettingsOf(ctx.tx);
    const people = await ctx.tx.find('people');
    const me = people.find((p) => p.id === ctx.user.personId);
    const byId = new Map(people.map((p) => [p.id, p]));
    const regions = await regionNames(ctx);
    const mine = await ctx.tx.find('peerReviews', { reviewerId: ctx.user.personId, quarter: window.quarter });
    const reviewees: Assignment[] = revieweesOf(
      people,
      assignmentRulesOf(settings, window),
      ctx.user.personId,
    )
      .map((pid) => byId.get(pid) as Person)
      .map((p) => {
        const review = mine.find((r) => r.revieweeId === p.id);
        return {
          personId: p.id,
          name: p.name,
          regionName: regions.get(p.regionId ?? '') ?? '',
          crossRegion: p.regionId !== me?.regionId,
          review: review ? withoutReviewer(review) : null,
        };
      });
    const done = reviewees.filter((r) => r.review !== null).length;
    return { window: viewOf(window, ctx.now), reviewees, done, total: reviewees.length };
  },
});

export const peerReviewCompletion = defineCommand({
  name: 'peerReview.completion',
  summary:
    'How many assigned reviews each reviewer has written in a window (counts only, never who wrote what)',
  pathParams: ['quarter'],
  input: { type: 'object', required: ['quarter'], additionalProperties: false, properties: { quarter } },
  async run(ctx, q: { quarter: string }) {
    ctx.allow('run', { type: 'peerReview' }, 'peer review window');
    const window = await ctx.tx.get('peerReviewWindows', q.quarter);
    if (!window) return { window: null, people: [], done: 0, total: 0 };
    const { settings } = await currentSettingsOf(ctx.tx);
    const people = await ctx.tx.find('people');
    const regions = await regionNames(ctx);
    const reviews = await ctx.tx.find('peerReviews', { quarter: q.quarter });
    const rows = [...peerAssignments(people, assignmentRulesOf(settings, window))].map(([personId, ids]) => {
      const person = people.find((p) => p.id === personId) as Person;
      const written = new Set(reviews.filter((r) => r.reviewerId === personId).map((r) => r.revieweeId));
      return {
        personId,
        name: person.name,
        regionName: regions.get(person.regionId ?? '') ?? '',
        done: ids.filter((id) => written.has(id)).length,
        total: ids.length,
      };
    });
    rows.sort(
      byKeys(
        (r) => r.regionName,
        (r) => r.name,
      ),
    );
    const sum = (f: (r: (typeof rows)[number]) => number) => rows.reduce((n, r) => n + f(r), 0);
    return {
      window: viewOf(window, ctx.now),
      people: rows,
      done: sum((r) => r.done),
      total: sum((r) => r.total),
    };
  },
});
