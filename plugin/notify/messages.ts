import enUS from './locale/en-US.json' with { type: 'json' };
import zhCN from './locale/zh-CN.json' with { type: 'json' };

export type Lang = 'zh-CN' | 'en-US';
export const LANGS: readonly Lang[] = ['zh-CN', 'en-US'];

const catalogues: Record<Lang, Record<string, string>> = { 'zh-CN': zhCN, 'en-US': enUS };

/** A message before it is put into words: `kind` names its locale keys, `params` fill them. */
export interface MessageInput {
  kind: string;
  params: Record<string, string | number | string[]>;
  /** Path inside the product (e.g. `/api/reports/calibration/2026-05/page?scope=hq`). */
  link?: string;
}

/** A message in one language, ready for a channel. */
export interface RenderedMessage {
  title: string;
  text: string;
  /** Absolute when a site address is configured, else the path. */
  link: string | null;
  linkLabel: string;
}

export const toLang = (value: unknown): Lang => (value === 'en-US' ? 'en-US' : 'zh-CN');

/** The words of `key` in `lang` with `{{name}}` placeholders filled; throws for a key missing from the locale files. */
export function translate(lang: Lang, key: string, params: MessageInput['params'] = {}): string {
  const template = catalogues[lang][key];
  if (template === undefined) {
    throw new Error(`notify: no words for "${key}" in plugin/notify/locale/${lang}.json; add the key`);
  }
  const separator = catalogues[lang]['list.separator'] ?? ', ';
  return template.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    if (Array.isArray(value)) return value.join(separator);
    // `@key` names words of the locale file, so one stored message reads right in every language.
    if (typeof value === 'string' && value.startsWith('@')) return catalogues[lang][value.slice(1)] ?? value;
    return String(value);
  });
}

export function renderMessage(message: MessageInput, lang: Lang, baseUrl = ''): RenderedMessage {
  return {
    title: translate(lang, `${message.kind}.title`, message.params),
    text: translate(lang, `${message.kind}.text`, message.params),
    link: message.link ? `${baseUrl}${message.link}` : null,
    linkLabel: translate(lang, 'link.open'),
  };
}
