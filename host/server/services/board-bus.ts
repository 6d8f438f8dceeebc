import { randomUUID } from 'node:crypto';
import { mergePresence, presenceEntry } from '../../../plugin/realtime/presence.ts';
import type { BoardId, BoardMessage, PresenceEntry, RealtimePort } from '../../../plugin/sdk/index.ts';
import {
  type BoardReports,
  ClusterPresence,
  type MemberReport,
  type PresenceMessage,
} from '../cluster/cluster-presence.ts';
import type { ClusterLog, ClusterTransport } from '../cluster/transport.ts';
import { VersionOrder } from '../cluster/version-order.ts';

export type BoardListener = (message: BoardMessage) => void;

/** Someone joining a board on this instance. */
export type JoinEntry = PresenceEntry & { via?: 'session' | 'qr' };

/** The shared channel of a cluster (PostgreSQL LISTEN/NOTIFY or Redis pub/sub) and this instance's name on it. */
export interface BusCluster {
  transport: ClusterTransport;
  instanceId?: string;
  log: ClusterLog;
  presenceHeartbeatMs?: number;
  gapWaitMs?: number;
}

type Wire =
  | { k: 'board'; i: string; b: BoardId; m: BoardMessage }
  | { k: 'changed'; i: string }
  | PresenceMessage;

/** Coalesces "data changed" announcements of a write burst into one message. */
const CHANGED_COALESCE_MS = 20;

/**
 * Fan-out of committed changes per board. Route handlers publish after commit; the WebSocket layer
 * (host/server/realtime) subscribes per board and tracks presence through `join`. Alone (SQLite)
 * it delivers in process; in a cluster every change goes over the shared channel and reaches the
 * subscribers of every instance, this one included, in row-version order per record.
 */
export class BoardBus implements RealtimePort {
  readonly instanceId: string;
  private readonly listeners = new Map<BoardId, Set<BoardListener>>();
  private readonly present = new Map<BoardId, Map<string, JoinEntry & { count: number; qr: number }>>();
  private readonly orders = new Map<BoardId, VersionOrder>();
  private readonly presenceListeners = new Set<(boardId: BoardId) => void>();
  private readonly dataListeners = new Set<() => void>();
  private readonly resyncListeners = new Set<() => void>();
  private readonly cluster: BusCluster | null;
  private readonly clusterPresence: ClusterPresence | null = null;
  private changedTimer: NodeJS.Timeout | null = null;

  constructor(cluster?: BusCluster | null) {
    this.cluster = cluster ?? null;
    this.instanceId = cluster?.instanceId ?? randomUUID();
    if (!this.cluster) return;
    const { transport } = this.cluster;
    this.clusterPresence = new ClusterPresence(
      this.instanceId,
      () => this.localReports(),
      (m) => transport.publish(JSON.stringify(m)),
      (boardId) => this.presenceChanged(boardId),
      this.cluster.presenceHeartbeatMs,
    );
    transport.subscribe((text) => this.receive(text));
    // Messages may have been lost while the channel was down: caches and board clients start over.
    transport.onReconnect(() => {
      this.dataChanged();
      for (const listener of this.resyncListeners) listener();
    });
    this.clusterPresence.start();
  }

  get clustered(): boolean {
    return this.cluster !== null;
  }

  publish(boardId: BoardId, message: BoardMessage): void {
    if (!this.cluster) {
      this.deliver(boardId, message);
      return;
    }
    this.send({ k: 'board', i: this.instanceId, b: boardId, m: message });
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

  /** Everyone on the board, on every instance, one entry per person. */
  presence(boardId: BoardId): PresenceEntry[] {
    const local = [...(this.present.get(boardId)?.values() ?? [])];
    return mergePresence([...local, ...this.remoteMembers(boardId)]).map(presenceEntry);
  }

  /** Who is on the board through the other instances (empty when alone). */
  remoteMembers(boardId: BoardId): MemberReport[] {
    return this.clusterPresence?.members(boardId) ?? [];
  }

  /** Called with the board whose presence on another instance changed; returns the unsubscribe function. */
  onRemotePresence(listener: (boardId: BoardId) => void): () => void {
    this.presenceListeners.add(listener);
    return () => this.presenceListeners.delete(listener);
  }

  /** Marks a person present (one count per connection); returns the function that leaves. */
  join(boardId: BoardId, entry: JoinEntry): () => void {
    const board = this.present.get(boardId) ?? new Map();
    this.present.set(boardId, board);
    const existing = board.get(entry.personId);
    const qr = entry.via === 'qr' ? 1 : 0;
    if (existing) {
      existing.count += 1;
      existing.qr += qr;
    } else board.set(entry.personId, { ...entry, count: 1, qr });
    this.clusterPresence?.announce(boardId);
    let left = false;
    return () => {
      if (left) return;
      left = true;
      const e = board.get(entry.personId);
      if (!e) return;
      e.count -= 1;
      e.qr -= qr;
      if (e.count <= 0) board.delete(entry.personId);
      if (board.size === 0) this.present.delete(boardId);
      this.clusterPresence?.announce(boardId);
    };
  }

  /**
   * Tells the other instances that data changed (a committed write), so caches that depend on it
   * are dropped there too. Calls close together make one message.
   */
  announceDataChange(): void {
    if (!this.cluster || this.changedTimer) return;
    this.changedTimer = setTimeout(() => {
      this.changedTimer = null;
      this.send({ k: 'changed', i: this.instanceId });
    }, CHANGED_COALESCE_MS);
    this.changedTimer.unref();
  }

  /** Called when another instance committed a write; returns the unsubscribe function. */
  onDataChange(listener: () => void): () => void {
    this.dataListeners.add(listener);
    return () => this.dataListeners.delete(listener);
  }

  /**
   * Called when the cluster channel came back after a loss: changes sent meanwhile may be missing,
   * so subscribers load their state again. Returns the unsubscribe function.
   */
  onResync(listener: () => void): () => void {
    this.resyncListeners.add(listener);
    return () => this.resyncListeners.delete(listener);
  }

  /** Leaves the cluster's presence (the others forget this instance's people at once). */
  close(): void {
    if (this.changedTimer) clearTimeout(this.changedTimer);
    this.changedTimer = null;
    this.clusterPresence?.stop();
  }

  private send(wire: Wire): void {
    this.cluster?.transport.publish(JSON.stringify(wire));
  }

  private receive(text: string): void {
    let wire: Wire;
    try {
      wire = JSON.parse(text) as Wire;
    } catch (err) {
      this.cluster?.log.warn({ err }, 'cluster: ignored a message that is not JSON');
      return;
    }
    switch (wire.k) {
      case 'board':
        this.orderOf(wire.b).accept(wire.m);
        return;
      case 'changed':
        if (wire.i !== this.instanceId) this.dataChanged();
        return;
      case 'presence':
      case 'presence-bye':
        this.clusterPresence?.receive(wire);
        return;
    }
  }

  private orderOf(boardId: BoardId): VersionOrder {
    let order = this.orders.get(boardId);
    if (!order) {
      order = new VersionOrder((m) => this.deliver(boardId, m), this.cluster?.gapWaitMs);
      this.orders.set(boardId, order);
    }
    return order;
  }

  private deliver(boardId: BoardId, message: BoardMessage): void {
    for (const listener of this.listeners.get(boardId) ?? []) listener(message);
  }

  private dataChanged(): void {
    for (const listener of this.dataListeners) listener();
  }

  private presenceChanged(boardId: BoardId): void {
    for (const listener of this.presenceListeners) listener(boardId);
  }

  private localReports(): BoardReports {
    const out: BoardReports = {};
    for (const [boardId, board] of this.present) {
      out[boardId] = [...board.values()].map((e) => ({
        personId: e.personId,
        name: e.name,
        since: e.since,
        via: e.qr < e.count ? 'session' : 'qr',
        connections: e.count,
      }));
    }
    return out;
  }
}
