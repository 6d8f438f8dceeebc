/** i18n namespace of the plugin's own words in NocoBase (the package name, as NocoBase plugins do). */
export const LOCALE_NS = '@okr-align/nocobase';
