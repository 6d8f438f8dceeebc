import {
  type BoardId,
  type BoardMessage,
  can,
  type HostUser,
  type PresenceEntry,
  type RealtimePort,
  type Subject,
} from '../../../plugin/sdk/index.ts';

/** Message types on NocoBase's WebSocket (contract: /work/notes/contract.md, "NocoBase realtime"). */
export const WS_TYPES = {
  join: 'okr-align:join',
  leave: 'okr-align:leave',
  board: 'okr-align:board',
  presence: 'okr-align:presence',
} as const;

/** A `RealtimePort` that can send a change only to the clients allowed to read what it is about. */
export interface ScopedRealtime extends RealtimePort {
  /** Sends `message` to the clients of `boardId` that may read `about` (all of them when omitted). */
  publish(boardId: BoardId, message: BoardMessage, about?: Subject): void;
}

/** The board channel: scoped publishing plus who is on which board. */
export interface BoardChannel extends ScopedRealtime {
  /** Adds a signed-in client to a board when the pack lets its user read the board; false otherwise. */
  join(clientId: string, user: HostUser | null, boardId: BoardId): Promise<boolean>;
  leave(clientId: string, boardId: BoardId): void;
  /** Removes a client from every board (disconnect, sign-out). */
  drop(clientId: string): void;
}

export interface ChannelDeps {
  /** Sends one JSON message to one WebSocket client. */
  send(clientId: string, message: { type: string; payload: unknown }): void;
  /** True while the client's socket is open (a safety net if a close was missed). */
  connected(clientId: string): boolean;
  /** True when the board (`cycle:<id>`) names an existing cycle. */
  boardExists(boardId: BoardId): Promise<boolean>;
  now(): string;
}

interface Member {
  user: HostUser;
  since: string;
}

/**
 * The pack's `RealtimePort` over NocoBase's WebSocket. Presence lives in this process (one
 * NocoBase server; a cluster would need NocoBase's pub-sub to share it).
 */
export function createBoardChannel(deps: ChannelDeps): BoardChannel {
  const boards = new Map<BoardId, Map<string, Member>>();

  const members = (boardId: BoardId): Map<string, Member> => {
    const board = boards.get(boardId) ?? new Map<string, Member>();
    for (const clientId of board.keys()) if (!deps.connected(clientId)) board.delete(clientId);
    return board;
  };

  const presence = (boardId: BoardId): PresenceEntry[] => {
    const byPerson = new Map<string, PresenceEntry>();
    for (const { user, since } of members(boardId).values()) {
      const seen = byPerson.get(user.personId);
      if (!seen || since < seen.since)
        byPerson.set(user.personId, { personId: user.personId, name: user.name, since });
    }
    return [...byPerson.values()].sort(
      (a, b) => a.since.localeCompare(b.since) || a.name.localeCompare(b.name),
    );
  };

  const announcePresence = (boardId: BoardId) => {
    const message = { type: WS_TYPES.presence, payload: { boardId, people: presence(boardId) } };
    for (const clientId of members(boardId).keys()) deps.send(clientId, message);
  };

  const leave = (clientId: string, boardId: BoardId) => {
    const board = boards.get(boardId);
    if (!board?.delete(clientId)) return;
    if (board.size === 0) boards.delete(boardId);
    announcePresence(boardId);
  };

  return {
    publish(boardId, message, about) {
      const out = { type: WS_TYPES.board, payload: { boardId, message } };
      for (const [clientId, { user }] of members(boardId)) {
        if (!about || can(user, 'read', about)) deps.send(clientId, out);
      }
    },
    presence,
    async join(clientId, user, boardId) {
      if (!user || !can(user, 'read', { type: 'objective', boardId })) return false;
      if (!(await deps.boardExists(boardId))) return false;
      const board = boards.get(boardId) ?? new Map<string, Member>();
      boards.set(boardId, board);
      if (!board.has(clientId)) board.set(clientId, { user, since: deps.now() });
      announcePresence(boardId);
      return true;
    },
    leave,
    drop(clientId) {
      for (const boardId of [...boards.keys()]) leave(clientId, boardId);
    },
  };
}
