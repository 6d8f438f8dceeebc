import type { Lang } from '../../../../forms/runtime/form-ids.ts';
import { enumLabel, localizeSchema } from '../../../../forms/runtime/locale.ts';
import { packSchema } from '../../../../forms/runtime/pack-schemas.ts';

/**
 * The words of a resource kind as the check-in form offers it ("人员", "预算"…): one word table, the
 * form's own, so what a rep chose reads the same wherever it is shown.
 */
export function resourceKindWords(kind: string, lang: Lang): string {
  const schema = localizeSchema(packSchema('check-in'), 'check-in', lang);
  return enumLabel(schema.properties?.resourceRequest?.properties?.kind, kind);
}
