import type { Id, Role } from '../domain/types.ts';

/** The signed-in user as the pack sees it. */
export interface HostUser {
  /** Account id in the host. */
  userId: Id;
  /** The person record of this user (`people` collection). */
  personId: Id;
  name: string;
  role: Role;
  regionId: Id | null;
  /**
   * Set when the session is limited, e.g. the kickoff QR token: only these actions on this board.
   * Null for a normal session.
   */
  scope: SessionScope | null;
}

/** A limited session: one board, a short list of actions, until `expiresAt`. */
export interface SessionScope {
  boardId: string;
  actions: Action[];
  expiresAt: string;
}

/** What a user wants to do. */
export type Action =
  | 'read'
  | 'create'
  | 'update'
  | 'delete'
  | 'confirm'
  | 'assign'
  | 'resolve'
  | 'publish'
  | 'run';

/** What the action is done to: a collection and, when known, the record's ownership facts. */
export interface Subject {
  type:
    | 'objective'
    | 'keyResult'
    | 'link'
    | 'checkIn'
    | 'escalation'
    | 'activity'
    | 'keyAccount'
    | 'peerReview'
    | 'settings'
    | 'formOverlay'
    | 'poolRun'
    | 'statement'
    | 'metrics'
    | 'audit'
    | 'automation'
    | 'customRules'
    | 'channel'
    | 'person';
  /** The person who owns the record (KR owner, activity person, statement person…). */
  ownerPersonId?: Id | null;
  /** The region the record belongs to (owner's region, or the region owning a region KR). */
  regionId?: Id | null;
  /** The board the record is shown on (see `boardOf`); limited sessions may only touch their board. */
  boardId?: string;
}

/** Who is asking, and what they may do. The host enforces the same answers on its own endpoints. */
export interface IdentityPort {
  /** The signed-in user, or null when anonymous. */
  currentUser(): HostUser | null;
  /** True when the current user may do `action` on `subject`. */
  can(action: Action, subject: Subject): boolean;
}
