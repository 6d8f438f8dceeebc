/**
 * A failed call to the reference host's API. `message` is always words a person can act on: the
 * server's own message when it sent one, otherwise a sentence chosen by status (i18n key in `wordsKey`).
 */
export class ApiError extends Error {
  constructor(
    /** HTTP status; 0 when the server could not be reached. */
    readonly status: number,
    /** The server's stable error code (`stale-version`, `forbidden`…), or a client-side one. */
    readonly code: string,
    message: string,
    /** i18n key of the fallback sentence when the server sent no message; null otherwise. */
    readonly wordsKey: string | null,
    /** Extra fields of the error reply (e.g. `current` of a stale write, `issues` of invalid settings). */
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** True when a write carried an older row version; `extra.current` holds the stored row. */
  get isStale(): boolean {
    return this.status === 409 && this.code === 'stale-version';
  }

  get isUnauthenticated(): boolean {
    return this.status === 401;
  }

  get isMissingEndpoint(): boolean {
    return this.status === 404 && this.code === 'no-route';
  }
}

/** Fallback sentence (i18n key under `errors.`) for a status the server did not explain. */
export function wordsKeyForStatus(status: number): string {
  if (status === 0) return 'errors.offline';
  if (status === 400 || status === 422) return 'errors.badRequest';
  if (status === 401) return 'errors.signIn';
  if (status === 403) return 'errors.forbidden';
  if (status === 404) return 'errors.notFound';
  if (status === 409) return 'errors.conflict';
  if (status === 413) return 'errors.tooLarge';
  if (status >= 500) return 'errors.server';
  return 'errors.unknown';
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Turns a non-2xx reply into an ApiError. The server's JSON error body is
 * `{ statusCode, error, message, ...extra }`; anything else gets words by status.
 */
export function apiErrorFrom(status: number, body: unknown, translate: (key: string) => string): ApiError {
  if (isRecord(body) && typeof body.message === 'string' && body.message.trim() !== '') {
    const { statusCode: _s, error, message, ...extra } = body;
    return new ApiError(status, typeof error === 'string' ? error : `http-${status}`, message, null, extra);
  }
  const key = wordsKeyForStatus(status);
  // A reply without a message may still carry data the page needs (e.g. a refused import's row list).
  return new ApiError(status, `http-${status}`, translate(key), key, isRecord(body) ? body : {});
}

/** Words for any thrown value: an ApiError's message, an Error's message, or the generic sentence. */
export function errorWords(error: unknown, translate: (key: string) => string): string {
  if (error instanceof Error && error.message) return error.message;
  return translate('errors.unknown');
}
