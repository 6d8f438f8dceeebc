import type { ErrorCode, ErrorParams, ParamName, Thing } from './error-codes.ts';

/**
 * A refused command with an HTTP-like status and a stable code. Every host answers it the same way:
 * `{ statusCode, error: code, code, message, params, ...extra }` on the reference host, NocoBase's
 * `{ errors: [{ message, code, params, ...extra }] }` there. `message` stays English (API users,
 * logs); `params` hold what a client needs to say it in the user's language.
 */
export class AppError extends Error {
  readonly params: Record<string, string | number>;
  readonly extra: Record<string, unknown>;
  constructor(
    readonly statusCode: number,
    readonly code: ErrorCode,
    message: string,
    extra: Record<string, unknown> & { params?: Record<string, string | number> } = {},
  ) {
    super(message);
    this.name = 'AppError';
    const { params, ...rest } = extra;
    this.params = params ?? {};
    this.extra = rest;
  }
}

/** Extra reply fields; `params` is required exactly when the code's words need some. */
type ExtraArgs<C extends ErrorCode> = [ParamName<C>] extends [never]
  ? [extra?: Record<string, unknown>]
  : [extra: Record<string, unknown> & { params: ErrorParams<C> }];

export const badRequest = <C extends ErrorCode>(code: C, message: string, ...[extra]: ExtraArgs<C>) =>
  new AppError(400, code, message, extra);
/** The request is well formed but asks for something the records cannot take (a check-in before its KR). */
export const unprocessable = <C extends ErrorCode>(code: C, message: string, ...[extra]: ExtraArgs<C>) =>
  new AppError(422, code, message, extra);
export const unauthorized = (message = 'auth: sign in first') =>
  new AppError(401, 'unauthenticated', message);
export const forbidden = (message: string) => new AppError(403, 'forbidden', message);
export const conflict = <C extends ErrorCode>(code: C, message: string, ...[extra]: ExtraArgs<C>) =>
  new AppError(409, code, message, extra);

/** `key-result` → `key result`: call sites name the thing in words, the reply carries its code. */
type Spaced<S extends string> = S extends `${infer A}-${infer B}` ? `${A} ${Spaced<B>}` : S;

export const notFound = (what: Spaced<Thing>, id: string) =>
  new AppError(404, 'not-found', `${what} "${id}" does not exist; check the id`, {
    params: { what: what.replaceAll(' ', '-'), id },
  });

/** A write carried an older row version than the stored one: refused with the current row. */
export const staleVersion = (what: string, sent: number, current: unknown & { version: number }) =>
  new AppError(
    409,
    'stale-version',
    `${what}: your version ${sent} is older than the stored version ${current.version}; reload and apply your change to the current row`,
    { current, params: { sent, stored: current.version } },
  );
