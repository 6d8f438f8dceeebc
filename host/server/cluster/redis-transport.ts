import { Redis } from 'ioredis';
import type { ClusterLog, ClusterTransport } from './transport.ts';

/**
 * Redis pub/sub: one connection subscribes, one publishes (a subscribed connection can do nothing
 * else). Commands on one connection keep their order, and Redis delivers in publish order.
 */
export class RedisTransport implements ClusterTransport {
  readonly kind = 'redis';
  private readonly handlers: ((text: string) => void)[] = [];
  private readonly reconnectHandlers: (() => void)[] = [];

  private constructor(
    private readonly sub: Redis,
    private readonly pub: Redis,
    private readonly channel: string,
    private readonly log: ClusterLog,
  ) {}

  static async open(url: string, channel: string, log: ClusterLog): Promise<RedisTransport> {
    const options = { lazyConnect: true, maxRetriesPerRequest: null };
    const sub = new Redis(url, options);
    const pub = new Redis(url, options);
    sub.on('error', (err) => log.warn({ err }, 'cluster: Redis subscriber connection error'));
    pub.on('error', (err) => log.warn({ err }, 'cluster: Redis publisher connection error'));
    await Promise.all([sub.connect(), pub.connect()]);
    const t = new RedisTransport(sub, pub, channel, log);
    sub.on('message', (ch: string, text: string) => {
      if (ch === channel) for (const h of t.handlers) h(text);
    });
    await sub.subscribe(channel);
    // Registered after the first connect, so only a reconnect fires it (ioredis resubscribes by itself).
    sub.on('ready', () => {
      for (const h of t.reconnectHandlers) h();
    });
    return t;
  }

  subscribe(handler: (text: string) => void): void {
    this.handlers.push(handler);
  }

  onReconnect(handler: () => void): void {
    this.reconnectHandlers.push(handler);
  }

  publish(text: string): void {
    this.pub
      .publish(this.channel, text)
      .catch((err) => this.log.error(err, 'cluster: could not publish over Redis'));
  }

  async close(): Promise<void> {
    await Promise.allSettled([this.sub.quit(), this.pub.quit()]);
  }
}
