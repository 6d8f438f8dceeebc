import { Form, FormButtonGroup, Submit } from '@formily/antd-v5';
import { createForm, setValidateLanguage } from '@formily/core';
import type { ISchema } from '@formily/react';
import { toJS } from '@formily/reactive';
import { useMemo } from 'react';
import type { Settings } from '../../../plugin/domain/index.ts';
import { DEFAULT_LANG, type Lang } from '../form-ids.ts';
import { t } from '../locale.ts';
import { settingsFormEffects, settingsFormSchema } from '../settings-form-schema.ts';
import { PackSchemaField } from './schema-field.ts';

export interface SettingsFormProps {
  /** The current settings document, shown as the starting values. */
  value: Settings;
  lang?: Lang;
  /** Called only with a document that passes every range, sum and order check of the schema. */
  onSubmit: (settings: Settings) => void | Promise<void>;
  onSubmitFailed?: (errors: unknown) => void;
}

// Errors show at the fields; without a handler the rejection would go unhandled.
const ignoreFailure = () => {};

/** The settings editor, generated from `rules/settings.schema.json`. */
export function SettingsForm({ value, lang = DEFAULT_LANG, onSubmit, onSubmitFailed }: SettingsFormProps) {
  const schema = useMemo(() => settingsFormSchema(lang), [lang]);
  const form = useMemo(
    () => createForm({ initialValues: structuredClone(value), effects: () => settingsFormEffects(lang) }),
    [value, lang],
  );
  setValidateLanguage(lang);
  return (
    <Form form={form} layout="vertical" data-form-id="settings">
      <PackSchemaField schema={schema as ISchema} />
      <FormButtonGroup>
        <Submit
          onSubmit={(values: unknown) => onSubmit(toJS(values) as Settings)}
          onSubmitFailed={onSubmitFailed ?? ignoreFailure}
        >
          {t(lang, 'actions.save')}
        </Submit>
      </FormButtonGroup>
    </Form>
  );
}
