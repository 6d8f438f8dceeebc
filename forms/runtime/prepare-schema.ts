import { checkContext, langOf } from './behaviours/form-behaviour.ts';
import { BEHAVIOURS } from './behaviours/index.ts';
import { fillDataSources, resolveOptions } from './data-sources.ts';
import type { FormContext } from './form-context.ts';
import type { FormId, Lang } from './form-ids.ts';
import { localizeSchema } from './locale.ts';
import { mergeOverlay, type OverlayProblem } from './overlay.ts';
import { packSchema } from './pack-schemas.ts';
import { compileSafeSchema } from './safe-schema.ts';
import { type SchemaNode, walkNodes } from './schema-node.ts';
import { settingsNode, settingUnit, settingValueProblem } from './settings-fields.ts';

export interface PreparedSchema {
  /** Ready for Formily's `SchemaField`; may hold validator functions, so never store it. */
  schema: SchemaNode;
  /** What of the overlay could not be applied. */
  problems: OverlayProblem[];
}

/** Fills `x-settings-ref` fields with the setting's title, help and unit (data only). */
const resolveSettingsRefs = (schema: SchemaNode, formId: FormId, lang: Lang): SchemaNode => {
  const copy = structuredClone(schema);
  walkNodes(copy, (node, path) => {
    const ref = node['x-settings-ref'];
    if (ref === undefined) return;
    const setting = settingsNode(ref);
    if (!setting || setting.properties)
      throw new Error(
        `forms/${formId}.form.json: field ${path} has x-settings-ref "${ref}", which names no setting in rules/settings.schema.json; fix the path.`,
      );
    node.title ??= setting.title;
    node.description ??= setting.description;
    const en = setting['x-i18n']?.['en-US'];
    node['x-i18n'] = { ...node['x-i18n'], 'en-US': { ...en, ...node['x-i18n']?.['en-US'] } };
    const unit = settingUnit(setting, lang);
    if (unit) node['x-component-props'] = { ...(node['x-component-props'] as object), suffix: unit };
  });
  return copy;
};

/** Settings-ref fields validate against the setting's own type and range, named in the message. */
const attachSettingsValidators = (schema: SchemaNode, lang: Lang): SchemaNode => {
  walkNodes(schema, (node) => {
    const ref = node['x-settings-ref'];
    if (ref === undefined) return;
    node['x-validator'] = [
      { validator: (value: unknown) => settingValueProblem(ref, value, lang)?.message ?? '' },
    ];
  });
  return schema;
};

/**
 * The schema a form renders with: the pack schema, HR's overlay merged in (its problems
 * reported), checked to be inert, settings references resolved, translated to the context's
 * language and option lists filled from the context.
 */
export const prepareFormSchema = (formId: FormId, ctx: FormContext, overlay?: unknown): PreparedSchema => {
  checkContext(formId, BEHAVIOURS[formId].needs, ctx);
  const lang = langOf(ctx);
  const merged = mergeOverlay(packSchema(formId), overlay, lang);
  const safe = compileSafeSchema(merged.schema, `forms/${formId} with its overlay`);
  const localized = localizeSchema(resolveSettingsRefs(safe, formId, lang), formId, lang);
  const filled = fillDataSources(localized, resolveOptions(ctx));
  return { schema: attachSettingsValidators(filled, lang), problems: merged.problems };
};
