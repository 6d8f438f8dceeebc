/** Logging the cluster layer needs. */
export interface ClusterLog {
  warn(obj: unknown, msg?: string): void;
  error(obj: unknown, msg?: string): void;
}

/**
 * One channel shared by every instance of a cluster. Messages published by one instance arrive at
 * every instance (itself included) in the order that instance published them.
 */
export interface ClusterTransport {
  readonly kind: 'postgres' | 'redis';
  /** Queues `text` for every instance; never throws (failures are logged). */
  publish(text: string): void;
  subscribe(handler: (text: string) => void): void;
  /** Called after the channel was lost and is back: messages sent meanwhile may be missing. */
  onReconnect(handler: () => void): void;
  close(): Promise<void>;
}
