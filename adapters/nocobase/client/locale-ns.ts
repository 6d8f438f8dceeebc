/** i18n namespace of the plugin's own words in NocoBase (the package name, as NocoBase plugins do). */
export const LOCALE_NS = '@okr-align/nocobase';

/** A translation expression NocoBase resolves where it shows it (menus, titles): `{{t("key", {ns})}}`. */
export const tExpr = (key: string): string =>
  `{{t(${JSON.stringify(key)}, ${JSON.stringify({ ns: LOCALE_NS })})}}`;
