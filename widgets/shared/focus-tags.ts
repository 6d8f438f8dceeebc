import type { WidgetT } from './i18n.ts';

/**
 * A focus tag (`high-margin`) in the reader's words from the widgets' `focusTags` table; a tag HR
 * typed that the table does not know is shown as typed.
 */
export function focusTagWords(tag: string, t: WidgetT): string {
  const words = t(`focusTags.${tag}`);
  return words === `focusTags.${tag}` ? tag : words;
}
