import type {
  Activity,
  CheckIn,
  Cycle,
  Escalation,
  Id,
  KeyAccount,
  KeyResult,
  KrLink,
  Objective,
  PeerReview,
  Person,
  Region,
  Snapshot,
} from '../domain/types.ts';

/** The entities a host stores for the pack, by collection name (the names used in `manifest.json`). */
export interface CollectionMap {
  cycles: Cycle;
  regions: Region;
  people: Person;
  objectives: Objective;
  keyResults: KeyResult;
  checkIns: CheckIn;
  escalations: Escalation;
  activities: Activity;
  keyAccounts: KeyAccount;
  peerReviews: PeerReview;
}

/** Name of a collection the pack reads and writes. */
export type CollectionName = keyof CollectionMap;

/**
 * Equality filter on top-level fields of a record; every given field must match.
 * Kept to equality on purpose so any host (SQL, REST, spreadsheet) can implement it.
 */
export type Where<T> = { [K in keyof T]?: T[K] extends string | number | boolean | null ? T[K] : never };

/** Result of a versioned write: either the stored record, or the current record when the write was stale. */
export type WriteResult<T> =
  | { ok: true; record: T }
  | { ok: false; reason: 'stale'; current: T }
  | { ok: false; reason: 'not-found' };

/**
 * Data access the host gives the pack. Every write is atomic (one transaction). Records carrying a
 * `version` (key results, links) use optimistic concurrency: a write with an older version than the
 * stored one is refused with the current record, never silently applied.
 */
export interface DataPort {
  /** Everything of one cycle the domain and rules need. Without `cycleId`, the current cycle. */
  snapshot(cycleId?: Id): Promise<Snapshot>;
  /** Records of a collection matching `where` (all when omitted). */
  list<C extends CollectionName>(collection: C, where?: Where<CollectionMap[C]>): Promise<CollectionMap[C][]>;
  /** One record by id, or null. Activities are keyed `personId:month`. */
  get<C extends CollectionName>(collection: C, id: Id): Promise<CollectionMap[C] | null>;
  /** Updates a key result when `expectedVersion` equals the stored version; bumps the version. */
  updateKeyResult(
    id: Id,
    patch: Partial<Omit<KeyResult, 'id' | 'version' | 'links'>>,
    expectedVersion: number,
  ): Promise<WriteResult<KeyResult>>;
  /**
   * Creates (`expectedVersion` null) or updates a link of a key result to an objective.
   * The returned record is the link with its row version.
   */
  saveLink(
    krId: Id,
    link: Omit<KrLink, 'linkedAt'>,
    expectedVersion: number | null,
  ): Promise<WriteResult<KrLink & { krId: Id; version: number }>>;
  /**
   * Removes the link of a key result to an objective when `expectedVersion` equals its row version.
   * The returned record is the link as it was before removal.
   */
  deleteLink(
    krId: Id,
    objectiveId: Id,
    expectedVersion: number,
  ): Promise<WriteResult<KrLink & { krId: Id; version: number }>>;
}
