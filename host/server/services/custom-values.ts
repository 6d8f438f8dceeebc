import type { AddFieldEntry, FormOverlay } from '../../../forms/runtime/overlay.ts';
import { badRequest } from '../http-error.ts';
import { parseJson } from '../storage/mappers.ts';
import type { Db } from '../storage/queries.ts';

/** Values of HR-added form fields, kept with the record under `custom` (forms/README.md). */
export type CustomValues = Record<string, string | number | boolean | null>;

export const MAX_CUSTOM_FIELDS = 50;
export const MAX_CUSTOM_TEXT = 4000;

/**
 * Request-body schema of `custom` (or null to clear it). Value types are checked in
 * `checkCustomValues`, not here: the body validator coerces types, which would turn a text "4" into 4.
 */
export const customValuesSchema = {
  type: ['object', 'null'],
  maxProperties: MAX_CUSTOM_FIELDS,
  propertyNames: { type: 'string', minLength: 1, maxLength: 100 },
} as const;

function scalarProblem(value: unknown): string | null {
  if (value === null || typeof value === 'boolean') return null;
  if (typeof value === 'number') return Number.isFinite(value) ? null : 'a finite number';
  if (typeof value === 'string')
    return value.length <= MAX_CUSTOM_TEXT ? null : `text of at most ${MAX_CUSTOM_TEXT} characters`;
  return 'text, a number, true/false or null';
}

/** The fields an overlay adds to a form, by name. */
async function addedFields(db: Db, formId: string): Promise<Map<string, AddFieldEntry>> {
  const row = await db
    .selectFrom('form_overlays')
    .select('overlay')
    .where('form_id', '=', formId)
    .executeTakeFirst();
  const overlay = parseJson<Partial<FormOverlay> | null>(row?.overlay ?? null, null);
  const entries = Array.isArray(overlay?.entries) ? overlay.entries : [];
  return new Map(entries.filter((e): e is AddFieldEntry => e?.op === 'add').map((e) => [e.name, e] as const));
}

function typeProblem(field: AddFieldEntry, value: string | number | boolean | null): string | null {
  if (value === null) return null;
  switch (field.type) {
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? null : 'a number';
    case 'select':
      return typeof value === 'string' && (field.options ?? []).some((o) => o.value === value)
        ? null
        : `one of ${(field.options ?? []).map((o) => o.value).join(', ')}`;
    case 'date':
      return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? null : 'a date YYYY-MM-DD';
    default:
      return typeof value === 'string' ? null : 'text';
  }
}

/**
 * Checks `custom` against the form's current overlay: every key must be a field the overlay adds,
 * or one the record already holds (fields HR has since removed are kept, not dropped), and a value
 * of a current field must fit its type. Returns what to store (null when empty).
 */
export async function checkCustomValues(
  db: Db,
  formId: string,
  custom: CustomValues | null | undefined,
  previous: CustomValues | null,
): Promise<CustomValues | null> {
  if (custom === undefined) return previous;
  if (custom === null || Object.keys(custom).length === 0) return null;
  const fields = await addedFields(db, formId);
  for (const [name, value] of Object.entries(custom)) {
    const scalar = scalarProblem(value);
    if (scalar) {
      throw badRequest(
        'custom-field-invalid',
        `${formId} form: custom field "${name}" must be ${scalar}; fix the value`,
        { field: name, params: { field: name } },
      );
    }
    const field = fields.get(name);
    if (!field) {
      if (previous && Object.hasOwn(previous, name)) continue;
      throw badRequest(
        'custom-field-unknown',
        `${formId} form: custom field "${name}" is not defined by the form's overlay; ask HR to add it or leave it out`,
        { field: name, params: { field: name } },
      );
    }
    const expected = typeProblem(field, value);
    if (expected) {
      throw badRequest(
        'custom-field-invalid',
        `${formId} form: custom field "${name}" must be ${expected}; fix the value`,
        { field: name, params: { field: name } },
      );
    }
  }
  return { ...custom };
}

/** The stored `custom` column as an object (null when the record has none). */
export const readCustom = (text: string | null | undefined): CustomValues | null =>
  parseJson<CustomValues | null>(text ?? null, null);

/** The `custom` column value to store. */
export const writeCustom = (custom: CustomValues | null): string | null =>
  custom ? JSON.stringify(custom) : null;

/** The stored custom values of records of a table that carries them, by record id. */
export async function customByIds(
  db: Db,
  table: 'key_results' | 'objectives',
  ids: string[],
): Promise<Map<string, CustomValues | null>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom(table).select(['id', 'custom']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, readCustom(r.custom)]));
}
