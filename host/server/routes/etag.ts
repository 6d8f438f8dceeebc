import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** A weak validator of a serialized reply body: W/"<sha1 of the bytes, base64url>". */
export function weakEtag(body: string | Buffer): string {
  return `W/"${createHash('sha1').update(body).digest('base64url')}"`;
}

/** True when an If-None-Match header names `etag` (weak comparison, RFC 9110 §13.1.2) or is `*`. */
export function noneMatch(header: string | string[] | undefined, etag: string): boolean {
  if (header === undefined) return false;
  const opaque = etag.replace(/^W\//, '');
  return [header]
    .flat()
    .flatMap((h) => h.split(','))
    .some((tag) => {
      const t = tag.trim();
      return t === '*' || t.replace(/^W\//, '') === opaque;
    });
}

const cacheHeaders = (reply: FastifyReply) => {
  reply.header('cache-control', 'private, no-cache');
  reply.header('vary', 'cookie');
};

/**
 * Sets `etag` and the cache headers on the reply; true when the request's If-None-Match names it,
 * i.e. the route may answer `reply.code(304).send()` without reading or serializing anything.
 */
export function notModified(req: FastifyRequest, reply: FastifyReply, etag: string): boolean {
  reply.header('etag', etag);
  cacheHeaders(reply);
  return noneMatch(req.headers['if-none-match'], etag);
}

/**
 * Route-level onSend hook of the board and list reads (`onSend: etagOnSend`): a 200 reply gets a weak
 * ETag from a hash of its serialized body (unless the handler set one: http/response-cache.ts), and a
 * request whose If-None-Match names it gets 304 with no body. The body depends on the signed-in user
 * (the policy filters rows), so the reply is `private` and varies by cookie; `no-cache` makes a client
 * revalidate every time, so it never shows stale data. Runs after the app's onSend hook, so these
 * cache headers replace its `no-store` on these routes.
 */
export async function etagOnSend(
  req: FastifyRequest,
  reply: FastifyReply,
  payload: unknown,
): Promise<unknown> {
  if (reply.statusCode === 304 || (reply.statusCode === 200 && reply.hasHeader('etag'))) {
    cacheHeaders(reply);
    return payload;
  }
  if (reply.statusCode !== 200 || (typeof payload !== 'string' && !Buffer.isBuffer(payload))) return payload;
  const etag = weakEtag(payload);
  if (!notModified(req, reply, etag)) return payload;
  reply.code(304);
  reply.removeHeader('content-type');
  return '';
}
