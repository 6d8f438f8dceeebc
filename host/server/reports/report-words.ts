import type { Lang } from '../../../plugin/notify/messages.ts';
import enUS from './locale/en-US.json' with { type: 'json' };
import zhCN from './locale/zh-CN.json' with { type: 'json' };

const catalogues: Record<Lang, Record<string, string>> = { 'zh-CN': zhCN, 'en-US': enUS };

/** Words of the report in `lang`; throws for a key missing from host/server/reports/locale. */
export function reportWord(lang: Lang, key: string, params: Record<string, string | number> = {}): string {
  const template = catalogues[lang][key];
  if (template === undefined)
    throw new Error(`reports: no words for "${key}" in host/server/reports/locale/${lang}.json; add the key`);
  return template.replace(/\{\{(\w+)\}\}/g, (whole, name: string) =>
    params[name] === undefined ? whole : String(params[name]),
  );
}
