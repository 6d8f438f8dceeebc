/** Pure (React-free) part of the forms pack: schemas, overlays, settings validation, behaviours. */
export { BEHAVIOURS, type FormRecord, type FormRecords } from './behaviours/index.ts';
export { createPackForm, recordFromValues, submitPackForm } from './create-pack-form.ts';
export type { CustomValues, DataSourceName, FormContext } from './form-context.ts';
export { DEFAULT_LANG, FORM_IDS, type FormId, isFormId, type Lang } from './form-ids.ts';
export { localizeSchema, t } from './locale.ts';
export {
  type FormOverlay,
  type MergeResult,
  mergeOverlay,
  type OverlayEntry,
  type OverlayProblem,
  validateOverlay,
} from './overlay.ts';
export { packSchema } from './pack-schemas.ts';
export { type PreparedSchema, prepareFormSchema } from './prepare-schema.ts';
export { ALLOWED_COMPONENTS, compileSafeSchema, schemaProblems } from './safe-schema.ts';
export { type SettingsProblem, settingsProblems } from './settings-fields.ts';
export { settingsFormEffects, settingsFormSchema } from './settings-form-schema.ts';
