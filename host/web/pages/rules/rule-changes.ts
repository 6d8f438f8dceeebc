import type { CustomRule, CustomRuleDocument } from '../../../../plugin/engine/custom-rules.ts';
import type { SettingsChange } from '../../../../plugin/sdk/index.ts';

type T = (key: string, options?: Record<string, unknown>) => string;

/** What a diff of custom rules changed, one phrase per rule by its title in the reader's language. */
export function ruleChangeWords(
  diff: readonly SettingsChange[],
  document: CustomRuleDocument,
  lang: string,
  t: T,
): string[] {
  const words = new Map<string, string>();
  const key = lang.startsWith('en') ? 'en-US' : 'zh-CN';
  for (const change of diff) {
    const name = change.path.split('.')[0] ?? change.path;
    const rule =
      document.rules.find((r) => r.name === name) ?? (change.before as CustomRule | null) ?? undefined;
    const title = rule?.title?.[key] || name;
    const kind =
      change.path !== name
        ? 'changed'
        : change.before === null
          ? 'added'
          : change.after === null
            ? 'removed'
            : 'changed';
    words.set(name, t(`customRules.versions.${kind}`, { name: title }));
  }
  return [...words.values()];
}
