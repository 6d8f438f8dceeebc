/** An error with an HTTP status and a stable code; the error handler turns it into the JSON reply. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export const badRequest = (code: string, message: string, extra?: Record<string, unknown>) =>
  new HttpError(400, code, message, extra);
export const unauthorized = (message = 'auth: sign in first (POST /api/auth/login)') =>
  new HttpError(401, 'unauthenticated', message);
export const forbidden = (message: string) => new HttpError(403, 'forbidden', message);
export const notFound = (what: string, id: string) =>
  new HttpError(404, 'not-found', `${what} "${id}" does not exist; check the id`);
export const conflict = (code: string, message: string, extra?: Record<string, unknown>) =>
  new HttpError(409, code, message, extra);

/** A write carried an older row version than the stored one: refused with the current row. */
export const staleVersion = (what: string, sent: number, current: unknown & { version: number }) =>
  new HttpError(
    409,
    'stale-version',
    `${what}: your version ${sent} is older than the stored version ${current.version}; reload and apply your change to the current row`,
    { current },
  );
