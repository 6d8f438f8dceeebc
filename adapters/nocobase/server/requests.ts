/** Raised for a request the caller can fix; the plugin answers it with `status` (the pack's own are `AppError`s). */
export class PackRequestError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409,
    message: string,
  ) {
    super(message);
    this.name = 'PackRequestError';
  }
}

/** A request body as NocoBase parsed it. */
export type Body = Record<string, unknown>;

/** A refused request with a stable `code` (the reference host's error codes) and optional `detail`. */
export function refuse(
  status: PackRequestError['status'],
  code: string,
  message: string,
  detail?: unknown,
): PackRequestError {
  return Object.assign(new PackRequestError(status, `okr-align: ${message}`), {
    code,
    ...(detail === undefined ? {} : { detail }),
  });
}
