import { AppError } from '../../../plugin/app/errors.ts';

const CLIENT_ERRORS = new Set(['SettingsError', 'InputError', 'SnapshotError', 'RuleFileError']);

/** HTTP status and body of an action's error; undefined for an unexpected one (NocoBase answers 500). */
export function errorResponse(error: unknown): { status: number; body: unknown } | undefined {
  if (error instanceof AppError) {
    const { statusCode, code, params, extra } = error;
    return { status: statusCode, body: { errors: [{ message: error.message, code, params, ...extra }] } };
  }
  // An engine document refused outside a command (a rule file loaded at start, a date of a query).
  if (error instanceof Error && CLIENT_ERRORS.has(error.name))
    return { status: 400, body: { errors: [{ ...error, message: error.message }] } };
  return undefined;
}
