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

const bad = (message: string) => refuse(400, 'invalid-body', message);

/** The JSON body of an action (NocoBase keeps it in `values`), never the URL parameters. */
export function bodyOf(p: Body): Body {
  const v = p.values;
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Body) : {};
}

/** Refuses keys outside `allowed`, as the reference host's `additionalProperties: false` does. */
export function onlyKeys(body: Body, allowed: readonly string[], where: string): void {
  const extra = Object.keys(body).filter((k) => !allowed.includes(k));
  if (extra.length)
    throw bad(`${where}: unknown field ${extra.map((k) => `"${k}"`).join(', ')}; leave it out`);
}

/** A string of `min`..`max` characters. */
export function text(v: unknown, field: string, max: number, min = 0): string {
  if (typeof v !== 'string' || v.length < min || v.length > max) {
    throw bad(`"${field}" must be text of ${min} to ${max} characters`);
  }
  return v;
}

/** A finite number (a numeric string is read as a number, like the reference host's body coercion). */
export function number(v: unknown, field: string, range?: { min: number; max: number }): number {
  const x = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  if (typeof x !== 'number' || !Number.isFinite(x)) throw bad(`"${field}" must be a number`);
  if (range && (x < range.min || x > range.max)) {
    throw bad(`"${field}" must be between ${range.min} and ${range.max}`);
  }
  return x;
}

/** A whole row version (1 or more). */
export function rowVersion(v: unknown, field: string): number {
  const x = number(v, field);
  if (!Number.isInteger(x) || x < 1) throw bad(`"${field}" must be a row version (a whole number from 1)`);
  return x;
}

/** One of `values`. */
export function oneOf<T>(v: unknown, field: string, values: readonly T[]): T {
  if (!values.includes(v as T)) throw bad(`"${field}" must be one of ${values.map(String).join(', ')}`);
  return v as T;
}

export const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** An id as the reference host accepts it: 1 to 100 characters. */
export const id = (v: unknown, field: string): string => text(v, field, 100, 1);

/**
 * Custom values of HR-added form fields. NocoBase has no form overlays yet, so, as on a host without
 * an overlay, only "none" is accepted.
 */
export function noCustomValues(v: unknown, form: string): void {
  if (v === undefined || v === null) return;
  if (typeof v !== 'object' || Array.isArray(v)) throw bad('"custom" must be an object or null');
  const [name] = Object.keys(v);
  if (name !== undefined) {
    throw refuse(
      400,
      'custom-field-unknown',
      `${form} form: custom field "${name}" is not defined by the form's overlay; ask HR to add it or leave it out`,
    );
  }
}
