import type { Id } from '../../../plugin/domain/types.ts';
import { BoardMembers } from '../../../plugin/realtime/board-members.ts';
import { mergePresence, type PresenceMember } from '../../../plugin/realtime/presence.ts';
import type { ServerMessage } from './protocol.ts';

/** The part of a WebSocket the hub needs (the `ws` package's WebSocket fits). */
export interface HubSocket {
  readonly readyState: number;
  readonly bufferedAmount: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  terminate(): void;
}

export interface BoardConnection {
  readonly id: string;
  readonly boardId: Id;
  readonly personId: Id;
  readonly name: string;
  readonly via: 'session' | 'qr';
  readonly socket: HubSocket;
  readonly since: string;
  lastSeen: number;
  /** Messages held back until the welcome is sent, so a change committed while the board loads is not lost. */
  pending: string[] | null;
  /** Called once when the connection leaves the board. */
  onLeave?: () => void;
}

export interface BoardHubOptions {
  /** A connection that sends nothing (heartbeat or other) for this long is dropped. */
  heartbeatTimeoutMs: number;
  /** A client whose unsent backlog exceeds this is too slow to follow the board and is dropped. */
  maxBufferedBytes: number;
  /** Who is on the board through the other instances of a cluster (host/server/cluster). */
  remotePresence?: (boardId: Id) => PresenceMember[];
}

const OPEN = 1;

/**
 * One channel per board: who is connected, presence, and fan-out of committed changes.
 * Writes for one board run one after the other (`serialize`), so broadcasts leave in commit order.
 */
export class BoardHub {
  private readonly boards = new BoardMembers<BoardConnection>();
  private readonly queues = new Map<Id, Promise<unknown>>();
  private readonly seqs = new Map<Id, number>();
  private sweepTimer: NodeJS.Timeout | null = null;

  constructor(private readonly options: BoardHubOptions) {}

  /** Starts dropping connections that stopped sending heartbeats. */
  startSweeping(intervalMs: number): void {
    this.stopSweeping();
    this.sweepTimer = setInterval(() => this.sweep(Date.now()), intervalMs);
    this.sweepTimer.unref();
  }

  stopSweeping(): void {
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    this.sweepTimer = null;
  }

  /** Drops connections not seen since `now - heartbeatTimeoutMs`; returns how many. */
  sweep(now: number): number {
    let dropped = 0;
    for (const boardId of this.boards.boardIds()) {
      for (const c of this.boards.members(boardId)) {
        if (now - c.lastSeen > this.options.heartbeatTimeoutMs) {
          c.socket.terminate();
          this.leave(c);
          dropped++;
        }
      }
    }
    return dropped;
  }

  join(conn: BoardConnection): void {
    this.boards.add(conn.boardId, conn.id, conn);
    this.broadcastPresence(conn.boardId);
  }

  /** Removes a connection; idempotent. */
  leave(conn: BoardConnection): void {
    if (!this.boards.remove(conn.boardId, conn.id)) return;
    conn.onLeave?.();
    this.broadcastPresence(conn.boardId);
  }

  touch(conn: BoardConnection, now = Date.now()): void {
    conn.lastSeen = now;
  }

  connections(boardId: Id): BoardConnection[] {
    return this.boards.members(boardId);
  }

  /** Who is on the board, here and on the other instances, one entry per person (plugin/realtime/presence.ts). */
  presence(boardId: Id): PresenceMember[] {
    return mergePresence([...this.connections(boardId), ...(this.options.remotePresence?.(boardId) ?? [])]);
  }

  nextSeq(boardId: Id): number {
    const next = (this.seqs.get(boardId) ?? 0) + 1;
    this.seqs.set(boardId, next);
    return next;
  }

  currentSeq(boardId: Id): number {
    return this.seqs.get(boardId) ?? 0;
  }

  /** Sends one message to every open connection of the board (that `only` accepts); the JSON is built once. */
  broadcast(boardId: Id, message: ServerMessage, only?: (c: BoardConnection) => boolean): void {
    const conns = this.connections(boardId);
    if (conns.length === 0) return;
    const text = JSON.stringify(message);
    for (const c of conns) if (!only || only(c)) this.sendText(c, text);
  }

  send(conn: BoardConnection, message: ServerMessage): void {
    this.sendText(conn, JSON.stringify(message));
  }

  /** Sends `first` (the welcome), then what was held back while it was prepared. */
  release(conn: BoardConnection, first: ServerMessage): void {
    const held = conn.pending ?? [];
    conn.pending = null;
    this.sendText(conn, JSON.stringify(first));
    for (const text of held) this.sendText(conn, text);
  }

  private sendText(conn: BoardConnection, text: string): void {
    if (conn.pending) {
      conn.pending.push(text);
      return;
    }
    if (conn.socket.readyState !== OPEN) return;
    if (conn.socket.bufferedAmount > this.options.maxBufferedBytes) {
      // A client that cannot keep up would make the server buffer without bound; it reconnects and gets a fresh welcome.
      conn.socket.close(1013, 'realtime: too far behind, reconnect');
      this.leave(conn);
      return;
    }
    conn.socket.send(text);
  }

  broadcastPresence(boardId: Id): void {
    this.broadcast(boardId, { type: 'presence', members: this.presence(boardId) });
  }

  /** Runs `task` after every earlier task of the same board has settled. */
  serialize<T>(boardId: Id, task: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(boardId) ?? Promise.resolve();
    const run = previous.then(task, task);
    const tail = run.then(
      () => undefined,
      () => undefined,
    );
    this.queues.set(boardId, tail);
    void tail.then(() => {
      if (this.queues.get(boardId) === tail) this.queues.delete(boardId);
    });
    return run;
  }

  /** Closes every connection (server shutdown). */
  closeAll(code = 1001, reason = 'realtime: server shutting down'): void {
    this.stopSweeping();
    for (const boardId of this.boards.boardIds())
      for (const c of this.boards.members(boardId)) c.socket.close(code, reason);
    this.boards.clear();
  }
}
