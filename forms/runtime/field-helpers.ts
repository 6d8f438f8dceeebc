import type { Field, FieldValidator } from '@formily/core';
import { untracked } from '@formily/reactive';

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

/** Re-runs a field's validation; its errors show at the field, so the rejection is not needed. */
export const revalidate = (field: Field): void => {
  field.validate().catch(() => undefined);
};

/**
 * Replaces the rules a reaction controls. Formily keeps the errors of the old rules when the new
 * list is empty, so a field that was required a moment ago would still block the submit.
 */
export const setRules = (field: Field, rules: Exclude<FieldValidator, string>[]): void => {
  field.validator = rules as FieldValidator;
  if (untracked(() => field.selfErrors.length > 0)) {
    // No triggerType: matches the errors of every trigger (onInput, onBlur, submit).
    field.setFeedback({ type: 'error', code: 'ValidateError', messages: [] });
    if (rules.length > 0) revalidate(field);
  }
};
