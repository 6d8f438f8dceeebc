import type { DeclaredSetting } from '../../../../plugin/engine/custom-rules.ts';
import settingsSchema from '../../../../rules/settings.schema.json' with { type: 'json' };

interface Node {
  title?: string;
  type?: string;
  'x-i18n'?: { 'en-US'?: { title?: string } };
  properties?: Record<string, Node>;
}

const titleOf = (node: Node, lang: string) =>
  (lang.startsWith('en') ? node['x-i18n']?.['en-US']?.title : undefined) ?? node.title ?? '';

/** Settings a threshold may come from, by their words (`目标对齐 · 最低对齐分`), value `$.alignment.minScore`. */
export function settingOptions(
  lang: string,
  declared: readonly DeclaredSetting[],
): { value: string; label: string }[] {
  // The rule's own settings first: those are the thresholds it was written for.
  const out = declared.map((s) => ({
    value: `$.${s.path}`,
    label: s.title[lang.startsWith('en') ? 'en-US' : 'zh-CN'] || s.path,
  }));
  const walk = (node: Node, path: string, words: string[]) => {
    for (const [key, child] of Object.entries(node.properties ?? {})) {
      const here = `${path}.${key}`;
      const said = [...words, titleOf(child, lang)].filter(Boolean);
      if (child.properties) walk(child, here, said);
      else if (child.type !== 'string' && key !== 'schemaVersion')
        out.push({ value: here, label: said.join(' · ') });
    }
  };
  walk(settingsSchema as Node, '$', []);
  return out;
}
