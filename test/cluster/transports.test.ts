import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { ensureClusterTables } from '../../host/server/cluster/cluster-tables.ts';
import { APPLICATION_NAME, MAX_NOTIFY_BYTES, PgTransport } from '../../host/server/cluster/pg-transport.ts';
import { RedisTransport } from '../../host/server/cluster/redis-transport.ts';
import type { ClusterTransport } from '../../host/server/cluster/transport.ts';
import { freshDatabase } from './cluster-fixture.ts';

const DATABASE_URL = process.env.DATABASE_URL;
const REDIS_URL = process.env.OKR_TEST_REDIS_URL;
const log = { warn() {}, error() {} };

/** Small and large messages interleaved: each arrives whole, in the order it was published. */
async function checkOrder(from: ClusterTransport, to: ClusterTransport): Promise<void> {
  const received: string[] = [];
  to.subscribe((text) => received.push(text));
  const sent = Array.from({ length: 40 }, (_, n) =>
    JSON.stringify({ n, pad: n % 5 === 0 ? 'x'.repeat(3 * MAX_NOTIFY_BYTES) : '' }),
  );
  for (const text of sent) from.publish(text);
  const deadline = Date.now() + 10_000;
  while (received.length < sent.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  expect(received).toEqual(sent);
}

describe.skipIf(!DATABASE_URL)('PostgreSQL LISTEN/NOTIFY transport', () => {
  it('carries bodies over the 8000-byte NOTIFY limit, in publish order', async () => {
    const db = await freshDatabase(DATABASE_URL!);
    const pool = new pg.Pool({ connectionString: db.url });
    // Dropping the test database ends the pool's idle connections: that is expected here.
    pool.on('error', () => undefined);
    const kysely = new Kysely({ dialect: new PostgresDialect({ pool }) });
    const transports: PgTransport[] = [];
    try {
      await ensureClusterTables(kysely);
      transports.push(await PgTransport.open(db.url, log), await PgTransport.open(db.url, log));
      await checkOrder(transports[0]!, transports[1]!);

      // The LISTEN connections are killed (a PostgreSQL restart, a proxy timeout): both come back.
      let reconnected = 0;
      for (const t of transports) t.onReconnect(() => reconnected++);
      await sql`select pg_terminate_backend(pid) from pg_stat_activity
        where application_name = ${APPLICATION_NAME} and datname = current_database()`.execute(kysely);
      const deadline = Date.now() + 10_000;
      while (reconnected < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(reconnected).toBe(2);
      await checkOrder(transports[1]!, transports[0]!);
    } finally {
      await Promise.all(transports.map((t) => t.close()));
      await kysely.destroy();
      await db.drop();
    }
  });
});

describe.skipIf(!REDIS_URL)('Redis pub/sub transport', () => {
  it('carries messages between two connections, in publish order', async () => {
    const channel = `okr-align:test:${Date.now()}`;
    const a = await RedisTransport.open(REDIS_URL!, channel, log);
    const b = await RedisTransport.open(REDIS_URL!, channel, log);
    try {
      await checkOrder(a, b);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});
