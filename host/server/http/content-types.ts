import type { FastifyInstance, FastifyRequest } from 'fastify';
import { HttpError } from '../http-error.ts';

/**
 * JSON routes read `application/json` only. Fastify also parses `text/plain` by default, which a
 * foreign page can POST without a CORS preflight; without that parser such a body is refused with 415.
 * Multipart exists only where the import routes register it (routes/import.ts).
 */
export function acceptJsonOnly(app: FastifyInstance): void {
  app.removeContentTypeParser('text/plain');
}

/** The 415 reply for Fastify's FST_ERR_CTP_INVALID_MEDIA_TYPE, naming what this route accepts. */
export function unsupportedMediaType(req: FastifyRequest): HttpError {
  const received = (req.headers['content-type'] ?? '').split(';')[0]?.trim() || '(none)';
  const accepted = ['application/json'];
  if (req.server.hasContentTypeParser('multipart/form-data')) accepted.push('multipart/form-data');
  const allowed = accepted.join(' or ');
  return new HttpError(
    415,
    'unsupported-media-type',
    `server: ${req.method} ${req.routeOptions.url ?? req.url} does not read "${received}" bodies; send ${allowed}`,
    { params: { received, allowed } },
  );
}
