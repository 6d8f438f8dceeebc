import { isField, onFieldInit, onFieldValueChange } from '@formily/core';
import { addValidator, revalidate } from './field-helpers.ts';
import type { Lang } from './form-ids.ts';
import type { SchemaNode } from './schema-node.ts';
import {
  linkedSettingPaths,
  SETTINGS_SCHEMA,
  type SettingsSchemaNode,
  settingChoices,
  settingDescription,
  settingsProblems,
  settingTitle,
  settingUnit,
} from './settings-fields.ts';

const toFormily = (node: SettingsSchemaNode, lang: Lang): SchemaNode => {
  const title = settingTitle(node, lang);
  const description = settingDescription(node, lang);
  if (node.properties) {
    return {
      type: 'object',
      'x-component': 'SettingsSection',
      'x-component-props': { title, description },
      properties: Object.fromEntries(
        Object.entries(node.properties).map(([k, child]) => [k, toFormily(child, lang)]),
      ),
    };
  }
  if ('const' in node) return { type: 'number', default: node.const, 'x-display': 'hidden' };
  if (node.enum) {
    return {
      type: 'string',
      title,
      description,
      enum: settingChoices(node, lang),
      'x-decorator': 'FormItem',
      'x-component': 'Select',
    };
  }
  const unit = settingUnit(node, lang);
  return {
    type: 'number',
    title,
    description,
    // No min/max on the input: antd would clamp silently; the validator names the range instead.
    'x-decorator': 'FormItem',
    'x-component': 'NumberPicker',
    'x-component-props': {
      ...(unit ? { suffix: unit } : {}),
      ...(node.type === 'integer' ? { precision: 0 } : {}),
    },
  };
};

/**
 * The settings form's Formily schema, generated from `rules/settings.schema.json`: one section
 * per group, one number field per setting, labels and help from its titles and descriptions
 * (`x-i18n` for en-US), units from the locale files. Pure data.
 */
export const settingsFormSchema = (lang: Lang): SchemaNode => {
  const root = toFormily(SETTINGS_SCHEMA, lang);
  return { type: 'object', properties: root.properties };
};

/**
 * Effects of the settings form: each field is validated by `settingsProblems` (range, type,
 * `x-sum`, `x-ascending`), and a change re-validates the fields it is linked with.
 */
export const settingsFormEffects = (lang: Lang) => {
  onFieldInit('*', (field) => {
    if (!isField(field)) return;
    const path = field.path.toString();
    addValidator(
      field,
      () => settingsProblems(field.form.values, lang).find((p) => p.path === path)?.message,
    );
  });
  onFieldValueChange('*', (field, form) => {
    for (const partner of linkedSettingPaths(field.path.toString())) {
      const other = form.query(partner).take();
      if (other && isField(other)) revalidate(other);
    }
  });
};
