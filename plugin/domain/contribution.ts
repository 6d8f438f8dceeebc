import { newestCheckInOfSorted } from './check-in-order.ts';
import { asOfMillis, monthEnd, quarterMonths, utcMillis } from './dates.ts';
import { latestCheckInUpTo } from './metrics.ts';
import { keyResultAt, krProgress } from './pace.ts';
import type { Settings } from './settings.ts';
import type { SnapshotIndex } from './snapshot-index.ts';
import type { Id, KeyResult, Objective, PeerReview, Quarter, Snapshot } from './types.ts';
import { PEER_DIMENSIONS } from './types.ts';

const SCORE_MIN = 1;
const SCORE_MAX = 5;

/** Maps a 1–5 review score to 0–100. */
function toPercent(score: number): number {
  return ((score - SCORE_MIN) / (SCORE_MAX - SCORE_MIN)) * 100;
}

function checkedScore(review: PeerReview, value: number): number {
  if (!Number.isFinite(value) || value < SCORE_MIN || value > SCORE_MAX) {
    throw new Error(
      `contribution: peer review ${review.id} has score ${value}; scores must be ${SCORE_MIN}–${SCORE_MAX}, fix the review data`,
    );
  }
  return value;
}

/**
 * The reviews of `revieweeId` in `quarter` that count: self-reviews are ignored, and a reviewer
 * counts once (with several reviews of the same person, the one with the largest id).
 */
function countedReviews(reviews: readonly PeerReview[], revieweeId: Id, quarter: Quarter): PeerReview[] {
  const byReviewer = new Map<Id, PeerReview>();
  for (const r of reviews) {
    if (r.quarter !== quarter || r.revieweeId !== revieweeId || r.reviewerId === revieweeId) continue;
    const kept = byReviewer.get(r.reviewerId);
    if (!kept || r.id > kept.id) byReviewer.set(r.reviewerId, r);
  }
  return [...byReviewer.values()];
}

export interface PeerScore {
  /** 0–100, null when fewer than `settings.peerReview.minReviewers` reviews exist. */
  score: number | null;
  /** Reviews that count (before trimming). */
  count: number;
  /** The highest and the lowest review were dropped. */
  trimmed: boolean;
}

/**
 * Peer score of `revieweeId` in `quarter`: each review's mean over the three dimensions mapped from
 * 1–5 to 0–100, averaged; with at least `trimMinReviewers` reviews the single highest and lowest are
 * dropped. Null below `minReviewers` reviews.
 */
export function peerScore(
  reviews: readonly PeerReview[],
  revieweeId: Id,
  quarter: Quarter,
  settings: Settings,
): PeerScore {
  const counted = countedReviews(reviews, revieweeId, quarter);
  const count = counted.length;
  const trimmed = count >= settings.peerReview.trimMinReviewers;
  if (count < settings.peerReview.minReviewers || count === 0) return { score: null, count, trimmed: false };
  const means = counted
    .map((r) => {
      const sum = PEER_DIMENSIONS.reduce((acc, d) => acc + checkedScore(r, r.scores[d]), 0);
      return toPercent(sum / PEER_DIMENSIONS.length);
    })
    .sort((a, b) => a - b);
  const kept = trimmed ? means.slice(1, -1) : means;
  return { score: kept.reduce((acc, m) => acc + m, 0) / kept.length, count, trimmed };
}

/** What anyone but hr/admin may learn of one person's peer reviews in a quarter: aggregates only. */
export interface PeerReviewSummary {
  personId: Id;
  quarter: Quarter;
  count: number;
  minReviewers: number;
  /** False below `minReviewers` reviews: then nothing about them is shown. */
  shown: boolean;
  averages: Record<string, number> | null;
  score: number | null;
  trimmed?: boolean;
  comments: string[];
}

/**
 * The anonymous summary of `reviews` (those of `personId` in `quarter`): averages per dimension, the
 * peer score and the comments sorted as text, so neither reviewer ids nor submission order show.
 */
export function peerReviewSummary(
  reviews: readonly PeerReview[],
  personId: Id,
  quarter: Quarter,
  settings: Settings,
): PeerReviewSummary {
  const minReviewers = settings.peerReview.minReviewers;
  const base = { personId, quarter, count: reviews.length, minReviewers };
  if (reviews.length < minReviewers) {
    return { ...base, shown: false, averages: null, score: null, comments: [] };
  }
  const averages = Object.fromEntries(
    PEER_DIMENSIONS.map((d) => [d, reviews.reduce((sum, r) => sum + r.scores[d], 0) / reviews.length]),
  );
  const comments = reviews
    .map((r) => r.comment)
    .filter((c) => c.trim() !== '')
    .sort();
  const result = peerScore(reviews, personId, quarter, settings);
  return { ...base, shown: true, averages, score: result.score, trimmed: result.trimmed, comments };
}

/** Σ link.weight / 100 × objective.weight over the KR's links; links to unknown objectives count 0. */
export function strategicWeight(kr: KeyResult, objectives: Objective[]): number {
  let weight = 0;
  for (const link of kr.links) {
    const objective = objectives.find((o) => o.id === link.objectiveId);
    if (objective) weight += (link.weight / 100) * objective.weight;
  }
  return weight;
}

export interface SystemPart {
  krId: Id;
  /** Progress fraction at the quarter's end, capped at `progressCapPercent` / 100. */
  progress: number;
  /** 0 for a KR not linked to a strategic objective: it does not count. */
  strategicWeight: number;
}

export interface SystemScore {
  /** 0–`progressCapPercent`; 0 when the person has no linked KR. */
  score: number;
  /** One per KR the person owns, sorted by KR id. */
  parts: SystemPart[];
}

/**
 * System score of `personId` in `quarter`: progress of each personal KR (latest check-in at or
 * before the quarter's last month against the target in force at the quarter's end, 0 without one,
 * capped at `progressCapPercent`), weighted by its strategic weight from the links made by the
 * quarter's end: 100 × Σ progress × w / Σ w.
 * @param index lookups of `snapshot` (see `indexSnapshot`), when the caller has them already
 */
export function systemScore(
  personId: Id,
  snapshot: Snapshot,
  settings: Settings,
  quarter: Quarter,
  index?: SnapshotIndex,
): SystemScore {
  const lastMonth = quarterMonths(quarter)[2]!;
  const quarterEnd = monthEnd(lastMonth);
  const quarterEndMillis = asOfMillis(quarterEnd);
  const cap = settings.contribution.progressCapPercent / 100;
  const owned = index
    ? [...(index.personalKrsByOwner.get(personId) ?? [])]
    : snapshot.keyResults.filter((kr) => kr.ownerType === 'person' && kr.ownerId === personId);
  const krs = owned.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  // The same check-in that counts everywhere else: latest month, then newest submission, then id.
  const latestCheckIn = (kr: KeyResult) =>
    index
      ? newestCheckInOfSorted(index.checkInsByKr.get(kr.id) ?? [], lastMonth)
      : latestCheckInUpTo(kr.id, snapshot.checkIns, lastMonth);
  const parts = krs.map((kr): SystemPart => {
    const latest = latestCheckIn(kr);
    // keyResultAt(kr, quarterEnd) is kr itself when the target was never revised.
    const asOfQuarterEnd = kr.targetHistory.length === 0 ? kr : keyResultAt(kr, quarterEnd);
    const progress = latest ? Math.min(cap, krProgress(asOfQuarterEnd, latest.value)) : 0;
    // strategicWeight of the links made by the quarter's end, summed in the same order.
    let weight = 0;
    for (const link of kr.links) {
      if (utcMillis(link.linkedAt) > quarterEndMillis) continue;
      const objective = snapshot.objectives.find((o) => o.id === link.objectiveId);
      if (objective) weight += (link.weight / 100) * objective.weight;
    }
    return { krId: kr.id, progress, strategicWeight: weight };
  });
  return systemScoreOfParts(parts);
}

/** The system score of its parts (sorted by KR id): 100 × Σ progress × w / Σ w, 0 without weight. */
export function systemScoreOfParts(parts: SystemPart[]): SystemScore {
  let weighted = 0;
  let totalWeight = 0;
  for (const p of parts) {
    weighted += p.progress * p.strategicWeight;
    totalWeight += p.strategicWeight;
  }
  return { score: totalWeight > 0 ? (100 * weighted) / totalWeight : 0, parts };
}

/**
 * Mean cross-region-help score (0–100) given to `personId` in `quarter` by reviewers whose region
 * differs from the person's (both regions known); null when there is none.
 */
/** Null below `peerReview.minReviewers` other-region reviews, so a lone reviewer's score stays anonymous. */
export function crossRegionHelp(
  personId: Id,
  snapshot: Snapshot,
  quarter: Quarter,
  settings: Settings,
  index?: SnapshotIndex,
): number | null {
  const regionOf = index?.regionOf ?? new Map(snapshot.people.map((p) => [p.id, p.regionId]));
  const own = regionOf.get(personId) ?? null;
  if (own === null) return null;
  const scores = countedReviews(reviewsOf(personId, snapshot, index), personId, quarter)
    .filter((r) => {
      const region = regionOf.get(r.reviewerId) ?? null;
      return region !== null && region !== own;
    })
    .map((r) => toPercent(checkedScore(r, r.scores.crossRegionHelp)));
  if (scores.length === 0 || scores.length < settings.peerReview.minReviewers) return null;
  return scores.reduce((acc, s) => acc + s, 0) / scores.length;
}

export interface Contribution {
  personId: Id;
  /** Peer score 0–100, null when too few reviews. */
  peer: number | null;
  system: number;
  crossRegionHelp: number | null;
  /** Contribution value (目标贡献值). */
  value: number;
  /** False when the peer score was left out (too few reviews): value is then the system score. */
  peerCounted: boolean;
}

/** A contribution with the parts a statement explains. */
export interface ContributionDetail {
  contribution: Contribution;
  peer: PeerScore;
  system: SystemScore;
}

/** The reviews that may concern `revieweeId`: all of them, or just theirs when indexed. */
function reviewsOf(
  revieweeId: Id,
  snapshot: Snapshot,
  index: SnapshotIndex | undefined,
): readonly PeerReview[] {
  return index === undefined ? snapshot.peerReviews : (index.reviewsByReviewee.get(revieweeId) ?? []);
}

/**
 * {@link contributionValue} with the peer and system details it was computed from.
 * @param index lookups of `snapshot` (see `indexSnapshot`), when the caller has them already
 */
export function contributionDetail(
  personId: Id,
  snapshot: Snapshot,
  settings: Settings,
  quarter: Quarter,
  index?: SnapshotIndex,
): ContributionDetail {
  const peer = peerScore(reviewsOf(personId, snapshot, index), personId, quarter, settings);
  const system = systemScore(personId, snapshot, settings, quarter, index);
  const help = crossRegionHelp(personId, snapshot, quarter, settings, index);
  return detailFromParts(personId, peer, system, help, settings);
}

/** The contribution detail of given parts (the engine's whole-organisation pass computes `system` itself). */
export function detailFromParts(
  personId: Id,
  peer: PeerScore,
  system: SystemScore,
  help: number | null,
  settings: Settings,
): ContributionDetail {
  const { peerWeight, systemWeight, crossRegionBonusPercent } = settings.contribution;
  const base =
    peer.score === null ? system.score : (peerWeight * peer.score + systemWeight * system.score) / 100;
  const value = base + (help === null ? 0 : (crossRegionBonusPercent / 100) * help);
  return {
    contribution: {
      personId,
      peer: peer.score,
      system: system.score,
      crossRegionHelp: help,
      value,
      peerCounted: peer.score !== null,
    },
    peer,
    system,
  };
}

/**
 * Contribution value of `personId` in `quarter`: (peerWeight × peer + systemWeight × system) / 100,
 * or the system score alone when the peer score is null, plus crossRegionBonusPercent / 100 × the
 * cross-region help score when there is one.
 */
export function contributionValue(
  personId: Id,
  snapshot: Snapshot,
  settings: Settings,
  quarter: Quarter,
): Contribution {
  return contributionDetail(personId, snapshot, settings, quarter).contribution;
}
