import type { BoardId, BoardMessage, HostUser, PresenceEntry, RealtimePort, Subject } from '../sdk/index.ts';
import { mayJoinBoard, mayReceive } from './board-audience.ts';
import { BoardMembers } from './board-members.ts';
import { mergePresence, presenceEntry } from './presence.ts';

/** What the channel sends to one client; the host puts it on its own wire. */
export type ChannelOut =
  | { kind: 'board'; boardId: BoardId; message: BoardMessage }
  | { kind: 'presence'; boardId: BoardId; people: PresenceEntry[] };

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

/** The host's side of the channel: its sockets, its clock and whether a board exists. */
export interface BoardChannelPorts {
  send(clientId: string, out: ChannelOut): void;
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
 * One board channel for a host whose transport only needs to send: join policy, presence told to
 * the board on every join and leave, changes sent to those who may read them. State lives in this
 * process (one server; a cluster shares it through its own bus, as the reference host does).
 */
export function createBoardChannel(ports: BoardChannelPorts): BoardChannel {
  const boards = new BoardMembers<Member>();

  const members = (boardId: BoardId): [string, Member][] => {
    for (const [clientId] of boards.entries(boardId))
      if (!ports.connected(clientId)) boards.remove(boardId, clientId);
    return boards.entries(boardId);
  };

  const presence = (boardId: BoardId): PresenceEntry[] =>
    mergePresence(
      members(boardId).map(([, { user, since }]) => ({ personId: user.personId, name: user.name, since })),
    ).map(presenceEntry);

  const announcePresence = (boardId: BoardId) => {
    const out: ChannelOut = { kind: 'presence', boardId, people: presence(boardId) };
    for (const [clientId] of members(boardId)) ports.send(clientId, out);
  };

  const leave = (clientId: string, boardId: BoardId) => {
    if (boards.remove(boardId, clientId)) announcePresence(boardId);
  };

  return {
    publish(boardId, message, about) {
      const out: ChannelOut = { kind: 'board', boardId, message };
      for (const [clientId, { user }] of members(boardId))
        if (mayReceive(user, about)) ports.send(clientId, out);
    },
    presence,
    async join(clientId, user, boardId) {
      if (!mayJoinBoard(user, boardId) || !(await ports.boardExists(boardId))) return false;
      boards.add(boardId, clientId, { user, since: ports.now() });
      announcePresence(boardId);
      return true;
    },
    leave,
    drop(clientId) {
      for (const boardId of boards.boardsOf(clientId)) leave(clientId, boardId);
    },
  };
}
