import { randomUUID } from 'node:crypto';
import type { Id } from '../../../plugin/domain/types.ts';
import { mayReceive } from '../../../plugin/realtime/board-audience.ts';
import { KrOwners } from '../../../plugin/realtime/kr-owners.ts';
import { type BoardMessage, boardOf, type HostUser } from '../../../plugin/sdk/index.ts';
import type { BoardBus } from '../services/board-bus.ts';
import type { Db } from '../storage/queries.ts';
import { type BoardConnection, BoardHub, type HubSocket } from './board-hub.ts';
import { applyIntent, type BoardKr, loadBoard } from './board-store.ts';
import { FrameBudget, type FrameRate } from './frame-budget.ts';
import { BadMessageError, type BoardIntent, parseClientMessage, type ServerMessage } from './protocol.ts';

/** Timing and size limits of the board channel. */
export interface RealtimeOptions {
  /** How often clients should send `heartbeat` (told to them in the welcome). */
  heartbeatMs: number;
  /** A connection silent for this long is dropped and leaves the presence list. */
  heartbeatTimeoutMs: number;
  /** Largest accepted client frame. */
  maxMessageBytes: number;
  /** Unsent backlog after which a slow client is dropped. */
  maxBufferedBytes: number;
  /**
   * Board writes ask for a rules run only once the board has been quiet this long: a run evaluates
   * the whole cycle and holds the event loop for a few hundred ms, which would stall the live board
   * during a kickoff burst.
   */
  rulesQuietMs: number;
  /** …but never later than this after the first unevaluated write. */
  rulesMaxDelayMs: number;
  /** Frames (intents and anything else but heartbeats) one connection may send. */
  frameRate: FrameRate;
  /** How often connections whose access has ended are closed. */
  expiryCheckMs: number;
  /** Bench only: answer `echo` and `echo-all` frames (the fan-out baseline). Never on in production. */
  benchEcho: boolean;
}

export const DEFAULT_REALTIME_OPTIONS: RealtimeOptions = {
  heartbeatMs: 15_000,
  heartbeatTimeoutMs: 45_000,
  maxMessageBytes: 64 * 1024,
  maxBufferedBytes: 4 * 1024 * 1024,
  rulesQuietMs: 1_000,
  rulesMaxDelayMs: 10_000,
  // Far above what people do (a drag or a save is one intent), well below a script looping.
  frameRate: { burst: 60, perSecond: 20, closeAfterRefused: 40 },
  expiryCheckMs: 1_000,
  benchEcho: false,
};

/** Who is on the other end of a board socket, and until when they may be. */
export interface BoardAccess {
  user: HostUser;
  via: 'session' | 'qr';
  /** The end of the session (a board session ends with its QR code); the socket closes then. */
  expiresAt: string;
}

const OPEN = 1;

type LiveConnection = BoardConnection & { user: HostUser; expiresAt: string; budget: FrameBudget };

export interface BoardRealtimeDeps {
  db: Db;
  bus: BoardBus;
  now: () => Date;
  options?: Partial<RealtimeOptions>;
  log?: { error(obj: unknown, msg?: string): void };
  /** Asks for a rules run; called after committed intents, debounced (see `rulesQuietMs`). */
  afterCommit?: () => void;
}

/** A socket as the `ws` package gives it: the hub's part plus events. */
export interface BoardSocket extends HubSocket {
  on(event: 'message', listener: (data: Buffer | ArrayBuffer | Buffer[], isBinary: boolean) => void): unknown;
  on(event: 'close', listener: () => void): unknown;
  on(event: 'pong', listener: () => void): unknown;
  on(event: 'error', listener: (err: Error) => void): unknown;
  ping(): void;
}

/** What the board keeps per cycle while someone is connected: the bus subscription and KR ownership for read checks. */
interface BoardEntry {
  unsubscribe: () => void;
  owners: KrOwners;
}

/** The bus message of a committed intent, in the same shape the HTTP routes publish. */
function messageOf(intent: BoardIntent, kr: BoardKr, byPersonId: Id): BoardMessage {
  if (intent.kind === 'update-kr')
    return { type: 'keyResult.saved', id: kr.id, version: kr.version, record: kr, byPersonId };
  const id = `${intent.krId}:${intent.objectiveId}`;
  const link = kr.links.find((l) => l.objectiveId === intent.objectiveId);
  if (intent.kind === 'unlink' || !link) return { type: 'link.removed', id, byPersonId };
  return { type: 'link.saved', id, version: link.version, record: link, byPersonId };
}

/**
 * The board WebSocket: one channel per cycle. Intents are committed through storage one after the
 * other per board, published on the `BoardBus` after the commit, and every change on the bus (from
 * here or from HTTP routes) reaches every client of the board that may read it.
 */
export class BoardRealtime {
  readonly hub: BoardHub;
  readonly options: RealtimeOptions;
  private readonly boards = new Map<Id, BoardEntry>();
  private readonly pingTimer: NodeJS.Timeout;
  private readonly stopClusterHooks: () => void;
  private readonly expiryTimer: NodeJS.Timeout;
  private rulesTimer: NodeJS.Timeout | null = null;
  private rulesFirstAt: number | null = null;

  constructor(private readonly deps: BoardRealtimeDeps) {
    this.options = { ...DEFAULT_REALTIME_OPTIONS, ...deps.options };
    this.hub = new BoardHub({
      heartbeatTimeoutMs: this.options.heartbeatTimeoutMs,
      maxBufferedBytes: this.options.maxBufferedBytes,
      remotePresence: (cycleId) => deps.bus.remoteMembers(boardOf(cycleId)),
    });
    const stopPresence = deps.bus.onRemotePresence((boardId) => {
      if (boardId.startsWith('cycle:')) this.hub.broadcastPresence(boardId.slice('cycle:'.length));
    });
    // Changes may have been missed while the cluster channel was down: clients reconnect and get a fresh welcome.
    const stopResync = deps.bus.onResync(() => {
      for (const cycleId of this.boards.keys())
        for (const c of this.hub.connections(cycleId))
          c.socket.close(1012, 'realtime: catching up, reconnect');
    });
    this.stopClusterHooks = () => {
      stopPresence();
      stopResync();
    };
    this.hub.startSweeping(Math.max(1, Math.floor(this.options.heartbeatTimeoutMs / 3)));
    this.pingTimer = setInterval(() => this.pingAll(), this.options.heartbeatMs);
    this.pingTimer.unref();
    this.expiryTimer = setInterval(() => this.closeExpired(), this.options.expiryCheckMs);
    this.expiryTimer.unref();
  }

  close(): void {
    clearInterval(this.pingTimer);
    this.stopClusterHooks();
    clearInterval(this.expiryTimer);
    if (this.rulesTimer) clearTimeout(this.rulesTimer);
    this.hub.closeAll();
    for (const entry of this.boards.values()) entry.unsubscribe();
    this.boards.clear();
  }

  /** Trailing debounce of the rules run after board writes, bounded by `rulesMaxDelayMs`. */
  private scheduleRules(): void {
    if (!this.deps.afterCommit) return;
    const now = Date.now();
    this.rulesFirstAt ??= now;
    if (this.rulesTimer) clearTimeout(this.rulesTimer);
    const wait = Math.min(
      this.options.rulesQuietMs,
      Math.max(0, this.rulesFirstAt + this.options.rulesMaxDelayMs - now),
    );
    this.rulesTimer = setTimeout(() => {
      this.rulesTimer = null;
      this.rulesFirstAt = null;
      this.deps.afterCommit?.();
    }, wait);
    this.rulesTimer.unref();
  }

  private pingAll(): void {
    for (const cycleId of this.boards.keys()) {
      for (const c of this.hub.connections(cycleId)) {
        try {
          (c.socket as BoardSocket).ping();
        } catch {
          // A socket closing between the listing and the ping needs nothing more.
        }
      }
    }
  }

  private expired(conn: LiveConnection): boolean {
    return conn.expiresAt <= this.deps.now().toISOString();
  }

  /** Tells the client its access ended and closes the socket; true when it did. */
  private closeIfExpired(conn: LiveConnection, id: string | null = null): boolean {
    if (!this.expired(conn)) return false;
    this.reply(conn, {
      type: 'error',
      id,
      code: 'expired',
      message: 'realtime: your board access has ended; sign in again or scan the board QR code again',
    });
    conn.socket.close(4401, 'realtime: access expired');
    this.hub.leave(conn);
    return true;
  }

  private closeExpired(): void {
    for (const cycleId of [...this.boards.keys()]) {
      for (const c of this.hub.connections(cycleId)) this.closeIfExpired(c as LiveConnection);
    }
  }

  private dropBoardIfEmpty(cycleId: Id): void {
    if (this.hub.connections(cycleId).length > 0) return;
    this.boards.get(cycleId)?.unsubscribe();
    this.boards.delete(cycleId);
  }

  private async ensureBoard(cycleId: Id): Promise<BoardEntry> {
    const existing = this.boards.get(cycleId);
    if (existing) return existing;
    const people = await this.deps.db.selectFrom('people').select(['id', 'region_id']).execute();
    const again = this.boards.get(cycleId);
    if (again) return again;
    const entry: BoardEntry = {
      owners: new KrOwners(boardOf(cycleId), new Map(people.map((p) => [p.id, p.region_id]))),
      unsubscribe: this.deps.bus.subscribe(boardOf(cycleId), (m) => this.forward(cycleId, m)),
    };
    this.boards.set(cycleId, entry);
    return entry;
  }

  /** Sends a bus message to the clients of the board that may read what it is about. */
  private forward(cycleId: Id, message: BoardMessage): void {
    // The subscription ends with the board's entry, so the entry is there while messages come.
    const owners = this.boards.get(cycleId)?.owners;
    if (!owners) return;
    owners.learn(message);
    const about = owners.aboutOf(message);
    const change = { ...message, seq: this.hub.nextSeq(cycleId), at: this.deps.now().toISOString() };
    this.hub.broadcast(
      cycleId,
      { type: 'change', change },
      (c) => !this.closeIfExpired(c as LiveConnection) && mayReceive(userOf(c), about),
    );
  }

  /** Takes over an upgraded socket on the board of `cycleId`, until the access ends. */
  async accept(socket: BoardSocket, access: BoardAccess, cycleId: Id): Promise<void> {
    const { user, via } = access;
    const now = this.deps.now();
    const conn: LiveConnection = {
      id: randomUUID(),
      boardId: cycleId,
      personId: user.personId,
      name: user.name,
      via,
      socket,
      since: now.toISOString(),
      lastSeen: Date.now(),
      pending: [],
      user,
      expiresAt: access.expiresAt,
      budget: new FrameBudget(this.options.frameRate),
    };
    socket.on('message', (data, isBinary) => void this.onMessage(conn, data, isBinary));
    socket.on('pong', () => this.hub.touch(conn));
    socket.on('close', () => this.hub.leave(conn));
    socket.on('error', () => this.hub.leave(conn));

    const leaveBus = this.deps.bus.join(boardOf(cycleId), {
      personId: user.personId,
      name: user.name,
      since: conn.since,
      via,
    });
    conn.onLeave = () => {
      leaveBus();
      this.dropBoardIfEmpty(cycleId);
    };
    // Joined before the board is read: a change committed meanwhile is held in `pending` and sent after the welcome.
    this.hub.join(conn);
    const entry = await this.ensureBoard(cycleId);
    if (this.hub.connections(cycleId).length === 0) {
      this.dropBoardIfEmpty(cycleId);
      return;
    }
    let board: Awaited<ReturnType<typeof loadBoard>>;
    try {
      board = await loadBoard(this.deps.db, cycleId);
    } catch (e) {
      this.deps.log?.error(e, 'realtime: loading the board failed');
      board = null;
    }
    if (!board) {
      conn.pending = null;
      this.hub.send(conn, {
        type: 'error',
        id: null,
        code: 'not-found',
        message: `realtime: no board for cycle "${cycleId}"`,
      });
      socket.close(4404, 'realtime: no such board');
      this.hub.leave(conn);
      return;
    }
    for (const kr of board.keyResults)
      entry.owners.set(kr.id, { ownerType: kr.ownerType, ownerId: kr.ownerId });
    this.hub.release(conn, {
      type: 'welcome',
      boardId: cycleId,
      you: { personId: user.personId, name: user.name, via, connectionId: conn.id },
      board: {
        locked: board.locked,
        objectives: board.objectives,
        keyResults: board.keyResults.filter((kr) => mayReceive(user, entry.owners.subjectOf(kr.id))),
      },
      seq: this.hub.currentSeq(cycleId),
      presence: this.hub.presence(cycleId),
      heartbeatMs: this.options.heartbeatMs,
    });
  }

  private reply(conn: BoardConnection, message: ServerMessage): void {
    this.hub.send(conn, message);
  }

  private async onMessage(
    conn: LiveConnection,
    data: Buffer | ArrayBuffer | Buffer[],
    isBinary: boolean,
  ): Promise<void> {
    // Frames already on the wire when the server closed the socket (abuse, expiry) are not acted on.
    if (conn.socket.readyState !== OPEN) return;
    this.hub.touch(conn);
    const buf = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
    if (isBinary || buf.length > this.options.maxMessageBytes) {
      this.reply(conn, {
        type: 'error',
        id: null,
        code: isBinary ? 'bad-message' : 'too-large',
        message: `realtime: send JSON text frames of at most ${this.options.maxMessageBytes} bytes`,
      });
      return;
    }
    let message: ReturnType<typeof parseClientMessage>;
    try {
      message = parseClientMessage(buf.toString('utf8'), { benchEcho: this.options.benchEcho });
    } catch (e) {
      if (!(e instanceof BadMessageError)) throw e;
      if (this.overBudget(conn, idOf(buf))) return;
      this.reply(conn, { type: 'error', id: idOf(buf), code: 'bad-message', message: e.message });
      return;
    }
    if (message.type === 'heartbeat') return;
    if (this.overBudget(conn, message.id)) return;
    switch (message.type) {
      case 'echo':
        this.reply(conn, { type: 'echo', id: message.id, payload: message.payload });
        return;
      case 'echo-all':
        this.hub.broadcast(conn.boardId, { type: 'echo', id: message.id, payload: message.payload });
        return;
      case 'intent':
        await this.onIntent(conn, message.id, message.intent);
        return;
    }
  }

  /** Takes a frame from the connection's budget; answers and, on abuse, closes when there is none. */
  private overBudget(conn: LiveConnection, id: string | null): boolean {
    const verdict = conn.budget.take();
    if (verdict === 'ok') return false;
    const { burst, perSecond } = this.options.frameRate;
    this.reply(conn, {
      type: 'error',
      id,
      code: 'rate-limited',
      message: `realtime: more than ${burst} messages at once or ${perSecond} per second; wait a moment and try again`,
    });
    if (verdict === 'abuse') {
      conn.socket.close(1008, 'realtime: too many messages');
      this.hub.leave(conn);
    }
    return true;
  }

  private async onIntent(conn: LiveConnection, id: string, intent: BoardIntent): Promise<void> {
    const { user } = conn;
    if (this.closeIfExpired(conn, id)) return;
    const cycleId = conn.boardId;
    try {
      await this.hub.serialize(cycleId, async () => {
        const result = await applyIntent(this.deps.db, cycleId, intent, user, this.deps.now());
        switch (result.status) {
          case 'committed':
            this.deps.bus.publish(boardOf(cycleId), messageOf(intent, result.kr, user.personId));
            this.reply(conn, { type: 'ack', id, kr: result.kr });
            this.scheduleRules();
            return;
          case 'stale':
            this.reply(conn, { type: 'stale', id, krId: intent.krId, current: result.kr });
            return;
          case 'not-found':
            this.reply(conn, {
              type: 'error',
              id,
              code: 'not-found',
              message: `realtime: ${result.what} "${result.what === 'objective' && 'objectiveId' in intent ? intent.objectiveId : intent.krId}" is not on this board`,
            });
            return;
          case 'forbidden':
            this.reply(conn, {
              type: 'error',
              id,
              code: 'forbidden',
              message: `realtime: you may not ${intent.kind} key result "${intent.krId}"; ask its owner or their manager`,
            });
            return;
          case 'locked':
            this.reply(conn, {
              type: 'error',
              id,
              code: 'board-locked',
              message: 'realtime: the cycle is locked; nothing on this board can change',
            });
            return;
        }
      });
    } catch (e) {
      this.deps.log?.error(e, 'realtime: applying an intent failed');
      this.reply(conn, {
        type: 'error',
        id,
        code: 'internal',
        message: 'realtime: the change could not be saved; try again',
      });
    }
  }
}

function userOf(c: BoardConnection): HostUser {
  return (c as BoardConnection & { user: HostUser }).user;
}

/** Best effort: the `id` of a frame that failed checks, so the client can match the error. */
function idOf(buf: Buffer): string | null {
  try {
    const v = JSON.parse(buf.toString('utf8')) as { id?: unknown };
    return typeof v.id === 'string' ? v.id.slice(0, 100) : null;
  } catch {
    return null;
  }
}
