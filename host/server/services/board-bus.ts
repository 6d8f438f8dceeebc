import type { BoardId, BoardMessage, PresenceEntry, RealtimePort } from '../../../plugin/sdk/index.ts';

export type BoardListener = (message: BoardMessage) => void;

/**
 * In-process fan-out of committed changes per board. Route handlers publish after commit; the
 * WebSocket layer (host/server/realtime) subscribes per board and tracks presence through `join`.
 */
export class BoardBus implements RealtimePort {
  private readonly listeners = new Map<BoardId, Set<BoardListener>>();
  private readonly present = new Map<BoardId, Map<string, PresenceEntry & { count: number }>>();

  publish(boardId: BoardId, message: BoardMessage): void {
    for (const listener of this.listeners.get(boardId) ?? []) listener(message);
  }

  /** Receives every message published to `boardId`; returns the unsubscribe function. */
  subscribe(boardId: BoardId, listener: BoardListener): () => void {
    const set = this.listeners.get(boardId) ?? new Set();
    set.add(listener);
    this.listeners.set(boardId, set);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(boardId);
    };
  }

  presence(boardId: BoardId): PresenceEntry[] {
    return [...(this.present.get(boardId)?.values() ?? [])].map(({ count: _c, ...p }) => p);
  }

  /** Marks a person present (one count per connection); returns the function that leaves. */
  join(boardId: BoardId, entry: PresenceEntry): () => void {
    const board = this.present.get(boardId) ?? new Map();
    this.present.set(boardId, board);
    const existing = board.get(entry.personId);
    if (existing) existing.count += 1;
    else board.set(entry.personId, { ...entry, count: 1 });
    let left = false;
    return () => {
      if (left) return;
      left = true;
      const e = board.get(entry.personId);
      if (!e) return;
      e.count -= 1;
      if (e.count <= 0) board.delete(entry.personId);
      if (board.size === 0) this.present.delete(boardId);
    };
  }
}
