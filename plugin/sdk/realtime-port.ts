import type { Id } from '../domain/types.ts';

/** Board channel id, e.g. `cycle:2026-H1`: every change of the cycle's KRs, links and check-ins goes there. */
export type BoardId = string;

/** The channel that carries the changes of one cycle's boards. */
export function boardOf(cycleId: Id): BoardId {
  return `cycle:${cycleId}`;
}

/** A committed change, sent to every client of a board. `version` is the row version after the write. */
export interface BoardMessage {
  type: string;
  /** Id of the changed record. */
  id: Id;
  version?: number;
  record?: unknown;
  /** The KR a check-in, escalation or comment belongs to: only clients who may read that KR get it. */
  krId?: Id;
  /** Person who made the change. */
  byPersonId?: Id;
}

/** Someone on a board. */
export interface PresenceEntry {
  personId: Id;
  name: string;
  since: string;
}

/** Pushes committed changes to clients and knows who is on a board. */
export interface RealtimePort {
  /** Sends `message` to every client of `boardId`. Call only after the change is committed. */
  publish(boardId: BoardId, message: BoardMessage): void;
  /** Who is currently on the board. */
  presence(boardId: BoardId): PresenceEntry[];
}
