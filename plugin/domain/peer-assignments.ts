import type { Id, Person } from './types.ts';

/** Whom a peer review is about, and who writes them: colleagues who sell or lead sellers. */
export const PEER_ROLES: readonly Person['role'][] = ['sales', 'manager'];

/** A cross-region reviewer HR picked for one reviewee in a review window. */
export interface CrossRegionPair {
  reviewerId: Id;
  revieweeId: Id;
}

/** A quarter's review window (keyed by its quarter): HR opens and closes it, or the schedule does. */
export interface PeerReviewWindow {
  id: Id;
  quarter: string;
  state: 'open' | 'closed';
  /** Last day reviews are taken (`YYYY-MM-DD`); null: until HR closes it. */
  closesOn: string | null;
  crossRegion: CrossRegionPair[];
  openedAt: string;
  openedById: Id | null;
  closedAt: string | null;
  version: number;
}

export interface AssignmentRules {
  /** HR's cross-region picks; they come first, before same-region peers, when the cap bites. */
  crossRegion: readonly CrossRegionPair[];
  /** At most this many reviewees per reviewer. */
  maxReviewees: number;
}

const isPeer = (p: Person) => PEER_ROLES.includes(p.role) && p.regionId !== null;

/**
 * Who reviews whom in a window: every peer of the same region, plus HR's cross-region pairs, at most
 * `maxReviewees` per reviewer. Same-region peers are taken in a rotation starting after the reviewer
 * (by id), so when the cap cuts a big region every colleague still gets about as many reviews.
 */
export function peerAssignments(people: readonly Person[], rules: AssignmentRules): Map<Id, Id[]> {
  const peers = people.filter(isPeer).sort((a, b) => a.id.localeCompare(b.id));
  const byId = new Map(peers.map((p) => [p.id, p]));
  const out = new Map<Id, Id[]>();
  for (const reviewer of peers) {
    const cross = rules.crossRegion
      .filter((c) => c.reviewerId === reviewer.id && c.revieweeId !== reviewer.id)
      .map((c) => byId.get(c.revieweeId))
      .filter((p): p is Person => p !== undefined && p.regionId !== reviewer.regionId)
      .map((p) => p.id);
    const region = peers.filter((p) => p.regionId === reviewer.regionId);
    const at = region.findIndex((p) => p.id === reviewer.id);
    const rotation = [...region.slice(at + 1), ...region.slice(0, at)].map((p) => p.id);
    const all = [...new Set([...cross, ...rotation])].slice(0, Math.max(0, rules.maxReviewees));
    out.set(reviewer.id, all);
  }
  return out;
}

/** The reviewees of one reviewer (none for someone who is not a peer). */
export const revieweesOf = (people: readonly Person[], rules: AssignmentRules, reviewerId: Id): Id[] =>
  peerAssignments(people, rules).get(reviewerId) ?? [];
