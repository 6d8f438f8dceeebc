import pg from 'pg';
import type { ClusterLog, ClusterTransport } from './transport.ts';

const CHANNEL = 'okr_align_cluster';
/** How the LISTEN connections show in pg_stat_activity. */
export const APPLICATION_NAME = 'okr-align-cluster';
/** PostgreSQL refuses NOTIFY payloads from 8000 bytes; larger bodies go through cluster_messages. */
export const MAX_NOTIFY_BYTES = 7900;
const REF = '{"ref":';
const RECONNECT_MS = 1_000;
const KEEP_BODIES_MS = 10 * 60 * 1000;

/**
 * LISTEN/NOTIFY on one dedicated connection per process: it both listens and sends, so what this
 * process publishes leaves in order, and PostgreSQL hands every listener the same order.
 */
export class PgTransport implements ClusterTransport {
  readonly kind = 'postgres';
  private client: pg.Client | null = null;
  private connecting: Promise<pg.Client> | null = null;
  private outgoing: Promise<void> = Promise.resolve();
  private incoming: Promise<void> = Promise.resolve();
  private readonly waiting: string[] = [];
  private readonly handlers: ((text: string) => void)[] = [];
  private readonly reconnectHandlers: (() => void)[] = [];
  private closed = false;
  private lastPrune = 0;

  private constructor(
    private readonly url: string,
    private readonly log: ClusterLog,
  ) {}

  static async open(url: string, log: ClusterLog): Promise<PgTransport> {
    const t = new PgTransport(url, log);
    await t.connection();
    return t;
  }

  subscribe(handler: (text: string) => void): void {
    this.handlers.push(handler);
  }

  onReconnect(handler: () => void): void {
    this.reconnectHandlers.push(handler);
  }

  /**
   * Hands the NOTIFY to the connection at once (pg queues queries in call order), so it leaves
   * before the caller answers its client; while reconnecting, messages wait in `waiting`.
   */
  publish(text: string): void {
    if (!this.client) {
      this.waiting.push(text);
      void this.connection().catch(() => undefined);
      return;
    }
    this.outgoing = this.send(this.client, text).catch((err) =>
      this.log.error(err, 'cluster: could not publish over PostgreSQL NOTIFY'),
    );
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.outgoing;
    await this.client?.end().catch(() => undefined);
    this.client = null;
  }

  private connection(): Promise<pg.Client> {
    if (this.client) return Promise.resolve(this.client);
    this.connecting ??= this.connect().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  private async connect(): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: this.url, application_name: APPLICATION_NAME });
    client.on('notification', (n) => this.receive(client, n.payload ?? ''));
    client.on('error', (err) => this.lost(client, err));
    client.on('end', () => this.lost(client, null));
    await client.connect();
    await client.query(`LISTEN ${CHANNEL}`);
    this.client = client;
    for (const text of this.waiting.splice(0)) this.publish(text);
    return client;
  }

  private lost(client: pg.Client, err: Error | null): void {
    if (this.client !== client || this.closed) return;
    this.client = null;
    this.log.warn({ err }, 'cluster: lost the PostgreSQL LISTEN connection; reconnecting');
    const retry = () => {
      if (this.closed) return;
      this.connection().then(
        () => {
          for (const h of this.reconnectHandlers) h();
        },
        () => setTimeout(retry, RECONNECT_MS).unref(),
      );
    };
    setTimeout(retry, RECONNECT_MS).unref();
  }

  private async send(client: pg.Client, text: string): Promise<void> {
    if (Buffer.byteLength(text) <= MAX_NOTIFY_BYTES && !text.startsWith(REF)) {
      await client.query('select pg_notify($1, $2)', [CHANNEL, text]);
      return;
    }
    // One statement, so it keeps its place among the NOTIFYs queued on this connection.
    await client.query(
      `with m as (insert into cluster_messages (body) values ($2) returning id)
       select pg_notify($1, '${REF}' || m.id || '}') from m`,
      [CHANNEL, text],
    );
    if (Date.now() - this.lastPrune > 60_000) {
      this.lastPrune = Date.now();
      await client.query('delete from cluster_messages where created_at < now() - $1::interval', [
        `${KEEP_BODIES_MS / 1000} seconds`,
      ]);
    }
  }

  /** Handled one after the other, so a body loaded from cluster_messages keeps its place. */
  private receive(client: pg.Client, payload: string): void {
    this.incoming = this.incoming
      .then(async () => {
        let text = payload;
        if (payload.startsWith(REF)) {
          const id = (JSON.parse(payload) as { ref: number }).ref;
          const { rows } = await client.query<{ body: string }>(
            'select body from cluster_messages where id = $1',
            [id],
          );
          if (!rows[0]) throw new Error(`cluster: message ${id} is gone from cluster_messages`);
          text = rows[0].body;
        }
        for (const h of this.handlers) h(text);
      })
      .catch((err) => this.log.error(err, 'cluster: could not handle a NOTIFY message'));
  }
}
