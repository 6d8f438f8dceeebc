import { randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { HostUser } from '../../../plugin/sdk/index.ts';
import { notModified, weakEtag } from '../routes/etag.ts';

/**
 * A serialized reply, as bytes: a string is encoded again on every send (a quarter fewer cached
 * replies per second in bench/http-mixed). Fastify sends a Buffer as is only when its memory is an
 * ArrayBuffer of its own realm; under the jsdom page tests it is not, and there the text is kept.
 */
type Body = Buffer | string;
const BYTES_SEND_AS_IS = Buffer.from('x').buffer instanceof ArrayBuffer;

/** Entries kept for one change stamp (routes × query strings × callers); the oldest go first. */
const MAX_ENTRIES = 500;

/**
 * ETags from a change stamp must not repeat across processes: a restarted server, or another one on
 * the same SQLite file, counts its own total_changes from 0 and could reach the same stamp on other data.
 */
const BOOT = randomBytes(6).toString('base64url');

/**
 * Who the policy filters a reply for: every fact of the caller `can()` reads (and the session scope).
 * Two callers with the same facts see the same rows.
 */
export function callerKey(user: HostUser): string {
  return [user.userId, user.personId, user.role, user.regionId, JSON.stringify(user.scope)].join('|');
}

/**
 * Serialized replies of hot reads (the KR list, the objectives) keyed by the database change stamp
 * (queries.ts `sqliteChangeStamp`: it moves on every commit, by this process or any other on the file),
 * the URL with its query and who asks. A hit costs the session lookup, one tiny stamp query and a send;
 * any write makes every entry unreachable, so a reply is never older than the last commit before it was
 * asked for. Builds of the same key at the same time share one read (a burst after a write reads once).
 */
export class ResponseCache {
  private stamp: string | null = null;
  private readonly entries = new Map<string, Body>();
  private readonly building = new Map<string, Promise<Body>>();

  /** The weak ETag of the reply for `key` at `stamp` (known before its body is). */
  etag(stamp: string, key: string): string {
    return weakEtag(`${BOOT}|${stamp}|${key}`);
  }

  /** The serialized reply for `key` at `stamp`: the cached one, the one being built, or a new one. */
  async body(stamp: string, key: string, build: () => Promise<Body>): Promise<Body> {
    const full = `${stamp}|${key}`;
    if (stamp === this.stamp) {
      const hit = this.entries.get(full);
      if (hit !== undefined) return hit;
    }
    const pending = this.building.get(full);
    if (pending) return pending;
    const made = build();
    this.building.set(full, made);
    try {
      const body = await made;
      this.keep(stamp, full, body);
      return body;
    } finally {
      this.building.delete(full);
    }
  }

  private keep(stamp: string, full: string, body: Body): void {
    // Stamps only move on: entries of another one are never asked for again.
    if (stamp !== this.stamp) {
      this.entries.clear();
      this.stamp = stamp;
    }
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(full, body);
  }

  /** Entries held (for tests). */
  get size(): number {
    return this.entries.size;
  }
}

/**
 * Answers a GET from `cache`: 304 when If-None-Match names the current reply, else its cached body
 * (built with the route's response serializer on a miss). `vary` is what the reply depends on besides
 * the URL and the data (the caller's `callerKey` when the policy filters rows, '' when nobody's view
 * differs). Pair the route with `onSend: etagOnSend`, which keeps the tag and sets the cache headers.
 */
export async function sendCached(
  req: FastifyRequest,
  reply: FastifyReply,
  cache: ResponseCache,
  stamp: string,
  vary: string,
  build: () => Promise<unknown>,
): Promise<FastifyReply> {
  const key = `${req.url}|${vary}`;
  if (notModified(req, reply, cache.etag(stamp, key))) return reply.code(304).send();
  const body = await cache.body(stamp, key, async () => toBytes(reply.serialize(await build())));
  return reply.type('application/json; charset=utf-8').send(body);
}

const toBytes = (out: ReturnType<FastifyReply['serialize']>): Body => {
  const text = typeof out === 'string' ? out : Buffer.from(out as Uint8Array).toString('utf8');
  return BYTES_SEND_AS_IS ? Buffer.from(text) : text;
};
