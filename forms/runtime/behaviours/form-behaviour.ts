import type { Form } from '@formily/core';
import type { CustomValues, FormContext } from '../form-context.ts';
import { DEFAULT_LANG, type FormId, type Lang } from '../form-ids.ts';
import { t } from '../locale.ts';

/**
 * What a form does beyond its schema, registered per form id: reactions as Formily effect hooks
 * (so the schema stays data), initial values from the record, and the record built on submit.
 */
export interface FormBehaviour<R> {
  /** Context keys the form cannot work without. */
  needs: (keyof FormContext)[];
  /** Runs inside `createForm({ effects })`: use `onFieldReact`, `onFieldValueChange` … */
  effects?: (ctx: FormContext, form: Form) => void;
  /** Form values for a new or edited record (without `custom`, added generically). */
  initialValues?: (ctx: FormContext) => Record<string, unknown>;
  /** The record to save from the submitted values (without `custom`, added generically). */
  toRecord: (values: Record<string, unknown>, ctx: FormContext) => R;
}

export const langOf = (ctx: FormContext): Lang => ctx.lang ?? DEFAULT_LANG;

export const nowOf = (ctx: FormContext): string => ctx.now ?? new Date().toISOString();

/** Throws a named error when the context lacks something the form needs. */
export const checkContext = (formId: FormId, needs: (keyof FormContext)[], ctx: FormContext): void => {
  for (const name of needs) {
    if (ctx[name] === undefined)
      throw new Error(t(langOf(ctx), 'formErrors.missingContext', { formId, name: `context.${name}` }));
  }
};

/** A record with HR's custom values, or `{}`. */
export const customOf = (value: unknown): CustomValues =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? { ...(value as CustomValues) } : {};

/** Fields of the record being edited, typed loosely for initial values. */
export const recordOf = <T>(ctx: FormContext): Partial<T> => (ctx.record ?? {}) as Partial<T>;
