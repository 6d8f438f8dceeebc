import type { BoardId } from '../../../plugin/sdk/index.ts';

/** Someone on a board as one instance reports it. */
export interface MemberReport {
  personId: string;
  name: string;
  since: string;
  via: 'session' | 'qr';
  connections: number;
}

export type BoardReports = Record<BoardId, MemberReport[]>;

/** What instances tell each other about presence: all their boards (heartbeat) or one that changed. */
export type PresenceMessage =
  | { k: 'presence'; i: string; boards: BoardReports; full: boolean }
  | { k: 'presence-bye'; i: string };

export const DEFAULT_PRESENCE_HEARTBEAT_MS = 5_000;

interface InstanceReport {
  seenAt: number;
  boards: Map<BoardId, MemberReport[]>;
}

/**
 * Presence of the other instances. Each instance repeats its full list every heartbeat and sends a
 * board's list when it changes; an instance not heard from for three heartbeats (killed) is
 * forgotten, so the people on it leave the board.
 */
export class ClusterPresence {
  private readonly others = new Map<string, InstanceReport>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly instanceId: string,
    private readonly local: () => BoardReports,
    private readonly send: (message: PresenceMessage) => void,
    private readonly changed: (boardId: BoardId) => void,
    private readonly heartbeatMs = DEFAULT_PRESENCE_HEARTBEAT_MS,
  ) {}

  start(): void {
    this.heartbeat();
    this.timer = setInterval(() => this.heartbeat(), this.heartbeatMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.send({ k: 'presence-bye', i: this.instanceId });
  }

  /** Tells the others the current list of one board. */
  announce(boardId: BoardId): void {
    this.send({
      k: 'presence',
      i: this.instanceId,
      boards: { [boardId]: this.local()[boardId] ?? [] },
      full: false,
    });
  }

  members(boardId: BoardId): MemberReport[] {
    return [...this.others.values()].flatMap((o) => o.boards.get(boardId) ?? []);
  }

  receive(message: PresenceMessage, now = Date.now()): void {
    if (message.i === this.instanceId) return;
    if (message.k === 'presence-bye') {
      this.forget(message.i);
      return;
    }
    let other = this.others.get(message.i);
    if (!other) {
      other = { seenAt: now, boards: new Map() };
      this.others.set(message.i, other);
    }
    other.seenAt = now;
    const touched = new Set(Object.keys(message.boards));
    if (message.full) for (const b of other.boards.keys()) touched.add(b);
    for (const boardId of touched) {
      const before = JSON.stringify(other.boards.get(boardId) ?? []);
      const after = message.boards[boardId] ?? [];
      if (after.length > 0) other.boards.set(boardId, after);
      else other.boards.delete(boardId);
      if (JSON.stringify(after) !== before) this.changed(boardId);
    }
  }

  /** Forgets instances silent for three heartbeats. */
  sweep(now = Date.now()): void {
    for (const [id, other] of this.others) if (now - other.seenAt > 3 * this.heartbeatMs) this.forget(id);
  }

  private heartbeat(): void {
    this.sweep();
    this.send({ k: 'presence', i: this.instanceId, boards: this.local(), full: true });
  }

  private forget(instanceId: string): void {
    const other = this.others.get(instanceId);
    if (!other) return;
    this.others.delete(instanceId);
    for (const boardId of other.boards.keys()) this.changed(boardId);
  }
}
