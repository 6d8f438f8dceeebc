import { createInstance } from 'i18next';
import { useMemo } from 'react';
import statementEnUS from '../../plugin/domain/locale/statement.en-US.json' with { type: 'json' };
import statementZhCN from '../../plugin/domain/locale/statement.zh-CN.json' with { type: 'json' };
import enUS from '../locale/en-US.json' with { type: 'json' };
import zhCN from '../locale/zh-CN.json' with { type: 'json' };

export type WidgetLocale = 'zh-CN' | 'en-US';
export const DEFAULT_WIDGET_LOCALE: WidgetLocale = 'zh-CN';
export const WIDGET_LOCALES: readonly WidgetLocale[] = ['zh-CN', 'en-US'];

/** Translate a widget message key; params are interpolated (`{{name}}`). */
export type WidgetT = (key: string, params?: Record<string, unknown>) => string;

// A private instance: widgets must not change the language or resources of a host's own i18next.
const i18n = createInstance();
void i18n.init({
  // Pool statement lines carry keys of plugin/domain's statement locale (`statement.pool.final`, …).
  resources: {
    // Copies: adding messages merges into these objects and must not change the imported files.
    'zh-CN': { widgets: structuredClone(zhCN), statement: structuredClone(statementZhCN) },
    'en-US': { widgets: structuredClone(enUS), statement: structuredClone(statementEnUS) },
  },
  lng: DEFAULT_WIDGET_LOCALE,
  fallbackLng: DEFAULT_WIDGET_LOCALE,
  ns: ['widgets', 'statement'],
  defaultNS: 'widgets',
  interpolation: { escapeValue: false },
  initAsync: false,
});

/** The widgets' messages, for a host that prefers to merge them into its own i18n instance. */
export const widgetMessages: Record<WidgetLocale, typeof zhCN> = { 'zh-CN': zhCN, 'en-US': enUS };

/** Adds or overrides messages of a namespace (e.g. the pool statement lines) for a locale. */
export function addWidgetMessages(
  locale: WidgetLocale,
  namespace: string,
  messages: Record<string, unknown>,
) {
  i18n.addResourceBundle(locale, namespace, messages, true, true);
}

/** A translator fixed to a locale and namespace, usable outside React (option builders). */
export function widgetT(locale: WidgetLocale = DEFAULT_WIDGET_LOCALE, namespace = 'widgets'): WidgetT {
  const t = i18n.getFixedT(locale, namespace);
  return (key, params) => String(t(key, params ?? {}));
}

export function useWidgetT(locale: WidgetLocale = DEFAULT_WIDGET_LOCALE, namespace = 'widgets'): WidgetT {
  return useMemo(() => widgetT(locale, namespace), [locale, namespace]);
}
