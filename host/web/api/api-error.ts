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
    /** What the server's words for `code` need (ids, versions, field, limits…); see `errorWords`. */
    readonly params: Record<string, string | number> = {},
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

/** Only string and number params are words; anything else in `params` is ignored. */
function paramsOf(v: unknown): Record<string, string | number> {
  if (!isRecord(v)) return {};
  const out: Record<string, string | number> = {};
  for (const [k, x] of Object.entries(v)) if (typeof x === 'string' || typeof x === 'number') out[k] = x;
  return out;
}

/**
 * Turns a non-2xx reply into an ApiError. The server's JSON error body is
 * `{ statusCode, error, code, message, params, ...extra }`; anything else gets words by status.
 */
export function apiErrorFrom(status: number, body: unknown, translate: (key: string) => string): ApiError {
  if (isRecord(body) && typeof body.message === 'string' && body.message.trim() !== '') {
    const { statusCode: _s, error, code: _c, message, params, ...extra } = body;
    const code =
      typeof body.code === 'string' ? body.code : typeof error === 'string' ? error : `http-${status}`;
    return new ApiError(status, code, message, null, extra, paramsOf(params));
  }
  const key = wordsKeyForStatus(status);
  // A reply without a message may still carry data the page needs (e.g. a refused import's row list).
  return new ApiError(status, `http-${status}`, translate(key), key, isRecord(body) ? body : {});
}

/** i18next's `t` as the error words use it: a key and its interpolation values. */
export type Words = (key: string, options?: Record<string, unknown>) => string;

const MISSING = '\u0000missing';

/** A param value in the reader's language where it is a code (a thing, a reason, a pool state). */
function paramWords(params: Record<string, string | number>, t: Words): Record<string, string | number> {
  const out = { ...params };
  const word = (key: string, v: string | number, extra: Record<string, unknown> = {}) =>
    t(key, { ...extra, defaultValue: String(v) });
  if (params.what !== undefined) out.what = word(`apiErrors.things.${params.what}`, params.what);
  // A request field by the name the form shows it under, where the shell has one.
  if (params.field !== undefined) out.field = word(`apiErrors.fields.${params.field}`, params.field);
  if (params.reason !== undefined)
    out.reason = word(`apiErrors.reasons.${params.reason}`, params.reason, { limit: params.limit ?? '' });
  for (const name of ['state', 'needed'] as const)
    if (params[name] !== undefined) out[name] = word(`pool.states.${params[name]}`, params[name]);
  if (params.action !== undefined) out.action = word(`pool.actions.${params.action}`, params.action);
  return out;
}

/**
 * Words for any thrown value, in the reader's language: a server error by its code and params
 * (`apiErrors.codes.<code>` in the errors locale files), else the server's own (English) message,
 * an Error's message, or the generic sentence.
 */
export function errorWords(error: unknown, t: Words): string {
  if (error instanceof ApiError && error.wordsKey === null) {
    const words = t(`apiErrors.codes.${error.code}`, {
      ...paramWords(error.params, t),
      defaultValue: MISSING,
    });
    // A reply without the params the words need (an older server) keeps the server's message.
    if (words !== MISSING && !/\{\{\s*\w+\s*\}\}/.test(words)) return words;
  }
  if (error instanceof Error && error.message) return error.message;
  return t('errors.unknown');
}

/** One refused field of a document (settings, schedules, an overlay) as the server lists it in `issues`. */
export interface ErrorIssue {
  path?: string;
  message?: string;
  /** Settings issues: why (a field reason code) and the limit it names. */
  reason?: string;
  limit?: string | number;
}

/** A field issue in words: `field: reason` in the reader's language when the server gave a reason. */
export function issueWords(
  issue: ErrorIssue,
  t: Words,
  fieldTitle: (path: string) => string | undefined,
): string {
  if (issue.reason !== undefined && issue.path !== undefined) {
    const reason = t(`apiErrors.reasons.${issue.reason}`, {
      limit: issue.limit ?? '',
      defaultValue: MISSING,
    });
    if (reason !== MISSING)
      return t('apiErrors.issue', { field: fieldTitle(issue.path) ?? issue.path, reason });
  }
  return [issue.path, issue.message].filter(Boolean).join(': ');
}
