import type { CheckIn, Id, KeyResult, Month, PeerReview, Snapshot } from './types.ts';

/**
 * Lookups over one snapshot, built once so that whole-organisation computations (metrics per month,
 * the pool run) stay linear instead of scanning every check-in per KR and every KR per person.
 * Build it with {@link indexSnapshot} and pass it to the functions that accept one; it reflects the
 * snapshot as it was when built.
 */
export interface SnapshotIndex {
  /** Check-ins per KR id, sorted by month; check-ins of the same month keep their snapshot order. */
  checkInsByKr: ReadonlyMap<Id, readonly CheckIn[]>;
  /** Personal KRs (`ownerType` 'person') per owner, in snapshot order. */
  personalKrsByOwner: ReadonlyMap<Id, readonly KeyResult[]>;
  /** Every KR by id (the first one when an id repeats). */
  krById: ReadonlyMap<Id, KeyResult>;
  /** Region of each person (the last one when an id repeats). */
  regionOf: ReadonlyMap<Id, Id | null>;
  /** Peer reviews per reviewee, in snapshot order. */
  reviewsByReviewee: ReadonlyMap<Id, readonly PeerReview[]>;
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => Id, keep: (item: T) => boolean = () => true) {
  const groups = new Map<Id, T[]>();
  for (const item of items) {
    if (!keep(item)) continue;
    const key = keyOf(item);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [item]);
    else group.push(item);
  }
  return groups;
}

const byMonth = (a: CheckIn, b: CheckIn) => (a.month < b.month ? -1 : a.month > b.month ? 1 : 0);

/** Indexes `snapshot` for {@link SnapshotIndex} lookups. */
export function indexSnapshot(snapshot: Snapshot): SnapshotIndex {
  const checkInsByKr = groupBy(snapshot.checkIns, (checkIn) => checkIn.krId);
  // Sorted by month only: which check-in of a month counts is decided by check-in-order.ts, not by position.
  for (const list of checkInsByKr.values()) list.sort(byMonth);
  const krById = new Map<Id, KeyResult>();
  for (const kr of snapshot.keyResults) if (!krById.has(kr.id)) krById.set(kr.id, kr);
  return {
    checkInsByKr,
    personalKrsByOwner: groupBy(
      snapshot.keyResults,
      (kr) => kr.ownerId,
      (kr) => kr.ownerType === 'person',
    ),
    krById,
    regionOf: new Map(snapshot.people.map((person) => [person.id, person.regionId])),
    reviewsByReviewee: groupBy(snapshot.peerReviews, (review) => review.revieweeId),
  };
}

/**
 * The same-month group of `sortedCheckIns` (one KR, sorted by month) with the latest month at or
 * before `month`, in snapshot order; empty when there is none.
 */
export function latestMonthGroup(sortedCheckIns: readonly CheckIn[], month: Month): readonly CheckIn[] {
  let end = sortedCheckIns.length;
  while (end > 0 && sortedCheckIns[end - 1]!.month > month) end--;
  if (end === 0) return [];
  const groupMonth = sortedCheckIns[end - 1]!.month;
  let start = end - 1;
  while (start > 0 && sortedCheckIns[start - 1]!.month === groupMonth) start--;
  return sortedCheckIns.slice(start, end);
}
