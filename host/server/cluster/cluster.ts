import { createHash, randomUUID } from 'node:crypto';
import type { Storage } from '../storage/database.ts';
import { ensureClusterTables } from './cluster-tables.ts';
import { PgTransport } from './pg-transport.ts';
import { RedisTransport } from './redis-transport.ts';
import type { ClusterLog, ClusterTransport } from './transport.ts';

/** What an instance shares with the others of its cluster. */
export interface Cluster {
  instanceId: string;
  transport: ClusterTransport;
  log: ClusterLog;
  /** How often presence is repeated to the others (`OKR_PRESENCE_HEARTBEAT_MS`, default 5 s); silent for 3× that is gone. */
  presenceHeartbeatMs?: number;
  close(): Promise<void>;
}

/**
 * Joins the cluster's channel: Redis pub/sub when `REDIS_URL` is set, else PostgreSQL
 * LISTEN/NOTIFY when storage is PostgreSQL. Null on SQLite alone: one process, fan-out in process.
 */
export async function openCluster(options: {
  storage: Storage;
  env: NodeJS.ProcessEnv;
  log: ClusterLog;
}): Promise<Cluster | null> {
  const { storage, env, log } = options;
  const redisUrl = env.REDIS_URL;
  const databaseUrl = env.DATABASE_URL;
  if (storage.dialect === 'postgres') await ensureClusterTables(storage.db);
  let transport: ClusterTransport;
  if (redisUrl) {
    // Deployments sharing one Redis stay apart: the channel is named after the database.
    const scope = createHash('sha256')
      .update(databaseUrl ?? storage.location)
      .digest('hex')
      .slice(0, 16);
    transport = await RedisTransport.open(redisUrl, `okr-align:${scope}`, log);
  } else if (storage.dialect === 'postgres' && databaseUrl) {
    transport = await PgTransport.open(databaseUrl, log);
  } else {
    return null;
  }
  const heartbeat = Number(env.OKR_PRESENCE_HEARTBEAT_MS);
  return {
    instanceId: randomUUID(),
    transport,
    log,
    ...(Number.isFinite(heartbeat) && heartbeat >= 100 ? { presenceHeartbeatMs: heartbeat } : {}),
    close: () => transport.close(),
  };
}

/** Before the app (and its logger) exists, the cluster layer writes to stderr. */
export const stderrClusterLog: ClusterLog = {
  warn: (obj, msg) => process.stderr.write(`${msg ?? 'cluster'}: ${describe(obj)}\n`),
  error: (obj, msg) => process.stderr.write(`${msg ?? 'cluster'}: ${describe(obj)}\n`),
};

function describe(obj: unknown): string {
  const err = obj instanceof Error ? obj : (obj as { err?: unknown } | null)?.err;
  return err instanceof Error ? err.message : JSON.stringify(obj);
}
