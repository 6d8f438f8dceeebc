import WebSocket from 'ws';

type Message = { type: string; id?: string; [k: string]: unknown };
type BoardLink = { objectiveId: string; version: number };
type WelcomeBoard = { keyResults: { id: string; links: BoardLink[] }[] };

/** Link id as the board's change messages name it. */
export const linkId = (krId: string, objectiveId: string) => `${krId}:${objectiveId}`;

/**
 * A board client through the load balancer: keeps the version of every link it knows, notes any
 * change older than what it already has, and (with `reconnect`) comes back after its socket drops,
 * catching up from the new welcome, as the web shell does.
 */
export class BoardClient {
  /** Port of the instance that answered the last upgrade (nginx's X-Okr-Upstream). */
  upstream = 0;
  readonly versions = new Map<string, number>();
  /** Link versions received as `change` messages, in arrival order. */
  readonly changes = new Map<string, number[]>();
  /** Changes that were older than a version already known: must stay empty. */
  readonly older: string[] = [];
  welcomes = 0;
  lastWelcome: Message | null = null;
  presence: { personId: string; connections: number }[] = [];
  private socket: WebSocket | null = null;
  private closing = false;
  private attempts = 0;
  private readonly answers = new Map<string, (m: Message | null) => void>();
  private welcomed: (() => void) | null = null;

  constructor(
    private readonly url: string,
    private readonly cookie: string,
    private readonly reconnect = true,
    /** Sent as a browser would (the server checks it against Host). */
    private readonly origin?: string,
  ) {}

  /** Opens the socket and resolves with the welcome. */
  connect(): Promise<void> {
    const headers = { cookie: this.cookie, ...(this.origin ? { origin: this.origin } : {}) };
    const socket = new WebSocket(this.url, { headers, perMessageDeflate: false });
    this.socket = socket;
    socket.on('upgrade', (res) => {
      this.upstream = Number(
        String(res.headers['x-okr-upstream'] ?? '')
          .split(':')
          .at(-1),
      );
    });
    socket.on('message', (data) => this.onMessage(JSON.parse(String(data)) as Message));
    socket.on('close', () => this.onClose(socket));
    socket.on('error', () => undefined);
    return new Promise((resolve, reject) => {
      this.welcomed = resolve;
      socket.once('unexpected-response', (_req, res) =>
        reject(new Error(`upgrade refused: ${res.statusCode}`)),
      );
    });
  }

  get open(): boolean {
    return this.socket?.readyState === WebSocket.OPEN;
  }

  /** Sends an intent and resolves with its answer (ack, stale or error); null when the socket went away. */
  intent(id: string, intent: Record<string, unknown>): Promise<Message | null> {
    const socket = this.socket;
    if (!socket || socket.readyState !== WebSocket.OPEN) return Promise.resolve(null);
    return new Promise((resolve) => {
      this.answers.set(id, resolve);
      socket.send(JSON.stringify({ type: 'intent', id, intent }));
    });
  }

  close(): void {
    this.closing = true;
    this.socket?.terminate();
  }

  private onMessage(m: Message): void {
    if (m.type === 'welcome') {
      this.welcomes += 1;
      this.lastWelcome = m;
      for (const kr of (m.board as WelcomeBoard).keyResults) {
        for (const l of kr.links) this.know(linkId(kr.id, l.objectiveId), l.version, 'welcome');
      }
      this.presence = m.presence as typeof this.presence;
      this.attempts = 0;
      this.welcomed?.();
      this.welcomed = null;
      return;
    }
    if (m.type === 'presence') this.presence = m.members as typeof this.presence;
    if (m.type === 'change') {
      const c = m.change as { type: string; id: string; version?: number };
      if (c.type === 'link.saved' && typeof c.version === 'number') {
        const list = this.changes.get(c.id) ?? [];
        list.push(c.version);
        this.changes.set(c.id, list);
        this.know(c.id, c.version, 'change');
      }
    }
    if ((m.type === 'ack' || m.type === 'stale' || m.type === 'error') && typeof m.id === 'string') {
      const answer = this.answers.get(m.id);
      this.answers.delete(m.id);
      answer?.(m);
    }
  }

  private know(id: string, version: number, from: 'welcome' | 'change'): void {
    const known = this.versions.get(id) ?? 0;
    if (version < known) this.older.push(`${from} ${id}@${version} after @${known}`);
    else this.versions.set(id, version);
  }

  private onClose(socket: WebSocket): void {
    for (const answer of this.answers.values()) answer(null);
    this.answers.clear();
    if (socket !== this.socket || this.closing || !this.reconnect) return;
    this.attempts += 1;
    if (this.attempts > 50) return;
    setTimeout(() => {
      if (!this.closing) this.connect().catch(() => undefined);
    }, 100);
  }
}
