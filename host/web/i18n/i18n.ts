import { createInstance, type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import enUS from './locale/en-US.json' with { type: 'json' };
import errorsEnUS from './locale/errors.en-US.json' with { type: 'json' };
import errorsZhCN from './locale/errors.zh-CN.json' with { type: 'json' };
import zhCN from './locale/zh-CN.json' with { type: 'json' };

export type ShellLang = 'zh-CN' | 'en-US';
export const SHELL_LANGS: readonly ShellLang[] = ['zh-CN', 'en-US'];
export const DEFAULT_LANG: ShellLang = 'zh-CN';
const STORAGE_KEY = 'okr-align.lang';

/**
 * The shell's messages per language (also used by the tests that check both files have every key):
 * the main file plus the words for server error codes (`apiErrors`, kept in their own file).
 */
export const shellMessages: Record<ShellLang, Record<string, unknown>> = {
  'zh-CN': { ...zhCN, ...errorsZhCN },
  'en-US': { ...enUS, ...errorsEnUS },
};

export const isShellLang = (v: unknown): v is ShellLang => v === 'zh-CN' || v === 'en-US';

/** The language the user chose before, else zh-CN. */
export function initialLang(): ShellLang {
  try {
    const stored = globalThis.localStorage?.getItem(STORAGE_KEY);
    return isShellLang(stored) ? stored : DEFAULT_LANG;
  } catch {
    return DEFAULT_LANG;
  }
}

export function rememberLang(lang: ShellLang): void {
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, lang);
  } catch {
    // Private mode: the choice lasts for this page only.
  }
}

/**
 * A private i18next instance for the shell (widgets and forms keep their own). `bindReact: false`
 * leaves react-i18next's default instance alone: inside NocoBase that one is NocoBase's, and the
 * shell's pages get theirs through an `I18nextProvider`.
 */
export function createShellI18n(lang: ShellLang = DEFAULT_LANG, { bindReact = true } = {}): I18n {
  const i18n = createInstance();
  if (bindReact) i18n.use(initReactI18next);
  void i18n.init({
    resources: { 'zh-CN': { shell: shellMessages['zh-CN'] }, 'en-US': { shell: shellMessages['en-US'] } },
    lng: lang,
    fallbackLng: DEFAULT_LANG,
    ns: ['shell'],
    defaultNS: 'shell',
    interpolation: { escapeValue: false },
    initAsync: false,
  });
  return i18n;
}
