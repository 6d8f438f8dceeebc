import type { Field, FieldValidator } from '@formily/core';

type ValidatorFn = (value: unknown) => string | undefined;

/** Adds a validator function to a field, keeping those from its schema. */
export const addValidator = (field: Field, fn: ValidatorFn): void => {
  const existing = field.validator;
  const list = existing === undefined ? [] : Array.isArray(existing) ? existing : [existing];
  field.validator = [...list, { validator: (value: unknown) => fn(value) ?? '' }] as FieldValidator;
};

export const asNumber = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) ? value : undefined;

export const asString = (value: unknown): string => (typeof value === 'string' ? value : '');

export const asRecord = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
