import type { AddFieldEntry, FormOverlay } from '../../forms/runtime/overlay.ts';
import { badRequest } from './errors.ts';
import type { CustomValues, Records } from './ports.ts';

export const MAX_CUSTOM_FIELDS = 50;
export const MAX_CUSTOM_TEXT = 4000;

/** Input schema of `custom` (or null to clear it); value types are checked against the overlay below. */
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

/** The fields an overlay adds to a form, by name. */
export function addedFields(overlay: unknown): Map<string, AddFieldEntry> {
  const entries = (overlay as Partial<FormOverlay> | null)?.entries;
  const list = Array.isArray(entries) ? entries : [];
  return new Map(list.filter((e): e is AddFieldEntry => e?.op === 'add').map((e) => [e.name, e] as const));
}

/**
 * Checks `custom` against the form's current overlay: every key must be a field the overlay adds,
 * or one the record already holds (fields HR has since removed are kept, not dropped), and a value
 * of a current field must fit its type. Returns what to store (null when empty).
 */
export async function checkCustomValues(
  records: Pick<Records, 'get'>,
  formId: string,
  custom: CustomValues | null | undefined,
  previous: CustomValues | null,
): Promise<CustomValues | null> {
  if (custom === undefined) return previous;
  if (custom === null || Object.keys(custom).length === 0) return null;
  const fields = addedFields((await records.get('formOverlays', formId))?.overlay ?? null);
  for (const [name, value] of Object.entries(custom)) {
    const invalid = (expected: string) =>
      badRequest(
        'custom-field-invalid',
        `${formId} form: custom field "${name}" must be ${expected}; fix the value`,
        {
          field: name,
          params: { field: name },
        },
      );
    const scalar = scalarProblem(value);
    if (scalar) throw invalid(scalar);
    const field = fields.get(name);
    if (!field) {
      if (previous && Object.hasOwn(previous, name)) continue;
      throw badRequest(
        'custom-field-unknown',
        `${formId} form: custom field "${name}" is not defined by the form's overlay; ask HR to add it or leave it out`,
        { field: name, params: { field: name } },
      );
    }
    const expected = typeProblem(field, value as string | number | boolean | null);
    if (expected) throw invalid(expected);
  }
  return { ...custom };
}
