import { PackRequestError } from './pack-service.ts';

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
