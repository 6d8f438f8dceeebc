import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorCode } from './error-codes.ts';
import { fieldOf, fieldReason } from './field-reasons.ts';
import { unsupportedMediaType } from './http/content-types.ts';
import { HttpError } from './http-error.ts';

/** The JSON error reply: `error` (kept for older clients) and `code` are the same stable code. */
export function errorBody(
  statusCode: number,
  code: ErrorCode,
  message: string,
  params: Record<string, string | number> = {},
  extra: Record<string, unknown> = {},
) {
  return { statusCode, error: code, code, message, params, ...extra };
}

/**
 * Turns any thrown error into the JSON reply. Known failures keep their status and code with the
 * params the web shell words them by; anything else is a 500 whose details stay in the log.
 */
export function makeErrorHandler(bodyLimit: number) {
  return (err: FastifyError | HttpError, req: FastifyRequest, reply: FastifyReply) => {
    if (err instanceof HttpError) {
      return reply
        .status(err.statusCode)
        .send(errorBody(err.statusCode, err.code, err.message, err.params, err.extra));
    }
    const where = `${req.method} ${req.routeOptions.url ?? req.url}`;
    const first = err.validation?.[0];
    if (err.validation) {
      const { reason, limit } = first ? fieldReason(first) : { reason: 'invalid' as const, limit: '' };
      const field = (first && fieldOf(first)) || (err.validationContext ?? 'body');
      return reply.status(400).send(
        errorBody(400, 'invalid-request', `${where}: ${err.message}; fix the request and send it again`, {
          field,
          reason,
          limit,
        }),
      );
    }
    if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return reply
        .status(413)
        .send(
          errorBody(
            413,
            'body-too-large',
            `${where}: the request body is larger than ${bodyLimit} bytes; send less data`,
            { limit: bodyLimit },
          ),
        );
    }
    if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      const refused = unsupportedMediaType(req);
      return reply.status(415).send(errorBody(415, refused.code, refused.message, refused.params));
    }
    const status = err.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      // Fastify's own refusals (bad JSON, wrong content type…): one code, Fastify's code kept as `reason`.
      return reply
        .status(status)
        .send(errorBody(status, 'bad-request', `${where}: ${err.message}`, {}, { reason: err.code ?? null }));
    }
    req.log.error(err);
    // The request id finds this error in the log (`reqId`); the reply says nothing else about it.
    return reply.status(500).send(
      errorBody(
        500,
        'internal',
        `${where}: internal error; see the server log (request ${req.id})`,
        {},
        {
          requestId: req.id,
        },
      ),
    );
  };
}
