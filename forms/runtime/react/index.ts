export { PackForm, type PackFormProps } from './pack-form.tsx';
export { PackSchemaField } from './schema-field.ts';
export { SettingsForm, type SettingsFormProps } from './settings-form.tsx';
