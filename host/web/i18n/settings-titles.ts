import settingsSchema from '../../../rules/settings.schema.json' with { type: 'json' };
import type { ShellLang } from './i18n.ts';

interface SchemaNode {
  title?: string;
  'x-i18n'?: Partial<Record<ShellLang, { title?: string }>>;
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
}

/**
 * The title of a settings field (`alignment.weights.linked`, `x[0].y`) from rules/settings.schema.json:
 * zh-CN from `title`, en-US from `x-i18n`; undefined when the field has no title there.
 */
export function settingsTitle(path: string, lang: ShellLang): string | undefined {
  let node: SchemaNode | undefined = settingsSchema as SchemaNode;
  for (const segment of path.split(/\.|\[(\d+)\]/).filter(Boolean)) {
    node = /^\d+$/.test(segment) ? node?.items : node?.properties?.[segment];
    if (node === undefined) return undefined;
  }
  if (node === settingsSchema) return undefined;
  return (lang === 'zh-CN' ? undefined : node['x-i18n']?.[lang]?.title) ?? node.title;
}
