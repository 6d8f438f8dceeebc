import { createInstance, type i18n as I18n } from 'i18next';
import { DEFAULT_LANG, type ShellLang, shellMessages } from '../../../host/web/i18n/i18n.ts';

/**
 * The words of the reference host's automation and rule editors, for NocoBase: an i18next of their
 * own (nested keys, the shell's namespace) so they neither collide with the plugin's flat keys in
 * NocoBase's i18next nor take over its global react-i18next instance.
 */
export function editorsI18n(lang: ShellLang): I18n {
  const i18n = createInstance();
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
