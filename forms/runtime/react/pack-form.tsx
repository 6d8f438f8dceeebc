import { Form, FormButtonGroup, Submit } from '@formily/antd-v5';
import { setValidateLanguage } from '@formily/core';
import type { ISchema } from '@formily/react';
import { Alert } from 'antd';
import { useEffect, useMemo } from 'react';
import type { FormRecord } from '../behaviours/index.ts';
import { createPackForm, recordFromValues } from '../create-pack-form.ts';
import type { FormContext } from '../form-context.ts';
import { DEFAULT_LANG, type FormId } from '../form-ids.ts';
import { t } from '../locale.ts';
import type { FormOverlay, OverlayProblem } from '../overlay.ts';
import { prepareFormSchema } from '../prepare-schema.ts';
import { PackSchemaField } from './schema-field.ts';
import { FORM_TEST_IDS } from './test-ids.ts';

export interface PackFormProps<F extends FormId> {
  formId: F;
  /** Settings, language and the data the form refers to; keep it stable (memoise) between renders. */
  context: FormContext;
  /** HR's overlay for this form, as stored; merged at render time. */
  overlay?: FormOverlay | unknown;
  /** Called with the record (HR's added fields under `custom`) once the values are valid. */
  onSubmit: (record: FormRecord<F>) => void | Promise<void>;
  onSubmitFailed?: (errors: unknown) => void;
  /** Receives what of the overlay could not be applied (empty when everything applied). */
  onOverlayProblems?: (problems: OverlayProblem[]) => void;
  /** Show the overlay problems above the form (for HR's preview). */
  showOverlayProblems?: boolean;
}

// Formily shows validation errors at the fields; without a handler the rejection would go unhandled.
const ignoreFailure = () => {};

/** Renders one of the pack's forms with its behaviour, HR's overlay and the context's language. */
export function PackForm<F extends FormId>(props: PackFormProps<F>) {
  const { formId, context, overlay, onSubmit, onSubmitFailed, onOverlayProblems, showOverlayProblems } =
    props;
  const lang = context.lang ?? DEFAULT_LANG;
  const prepared = useMemo(() => prepareFormSchema(formId, context, overlay), [formId, context, overlay]);
  const form = useMemo(() => createPackForm(formId, context), [formId, context]);
  useEffect(() => onOverlayProblems?.(prepared.problems), [prepared, onOverlayProblems]);
  setValidateLanguage(lang);
  return (
    <Form form={form} layout="vertical" data-form-id={formId}>
      {showOverlayProblems && prepared.problems.length > 0 ? (
        <Alert
          type="warning"
          showIcon
          data-testid={FORM_TEST_IDS.overlayProblems}
          message={
            <ul style={{ margin: 0, paddingInlineStart: 16 }}>
              {prepared.problems.map((p) => (
                <li key={`${p.index}-${p.code}-${p.field ?? ''}`}>{p.message}</li>
              ))}
            </ul>
          }
        />
      ) : null}
      <PackSchemaField schema={prepared.schema as ISchema} />
      <FormButtonGroup>
        <Submit
          onSubmit={(values: unknown) => onSubmit(recordFromValues(formId, values, context))}
          onSubmitFailed={onSubmitFailed ?? ignoreFailure}
        >
          {t(lang, 'actions.submit')}
        </Submit>
      </FormButtonGroup>
    </Form>
  );
}
