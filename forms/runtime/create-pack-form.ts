import { createForm, type Form } from '@formily/core';
import { toJS } from '@formily/reactive';
import { checkContext, customOf } from './behaviours/form-behaviour.ts';
import { BEHAVIOURS, type FormRecord } from './behaviours/index.ts';
import type { FormContext } from './form-context.ts';
import type { FormId } from './form-ids.ts';

const withoutUndefined = (values: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined));

/**
 * A Formily form for one of the pack's forms, with its effects (live alignment, colour
 * suggestion, conditional fields, cross-field validators) and initial values from
 * `context.record`. Works without React, so behaviour can be driven headless.
 */
export const createPackForm = (formId: FormId, ctx: FormContext): Form => {
  const behaviour = BEHAVIOURS[formId];
  checkContext(formId, behaviour.needs, ctx);
  const record = (ctx.record ?? {}) as { custom?: unknown };
  return createForm({
    initialValues: {
      ...withoutUndefined(behaviour.initialValues?.(ctx) ?? {}),
      custom: customOf(record.custom),
    },
    effects: (form) => behaviour.effects?.(ctx, form),
  });
};

/** The record of submitted values: the form's own fields plus HR's added fields under `custom`. */
export const recordFromValues = <F extends FormId>(
  formId: F,
  values: unknown,
  ctx: FormContext,
): FormRecord<F> => {
  const plain = toJS(values) as Record<string, unknown>;
  return { ...BEHAVIOURS[formId].toRecord(plain, ctx), custom: customOf(plain.custom) } as FormRecord<F>;
};

/** Validates and submits headless; rejects with Formily's feedback when invalid. */
export const submitPackForm = async <F extends FormId>(form: Form, formId: F, ctx: FormContext) =>
  form.submit(async (values) => recordFromValues(formId, values, ctx));
