import type { EventContext } from './types.ts';

/** Fills `{placeholder}`s with the event's words (names, never ids); an unknown one stays as written. */
export function fillTemplate(text: string, context: Pick<EventContext, 'facts' | 'words'>): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const word = context.words[name] ?? context.facts[name as keyof EventContext['facts']];
    return word === undefined ? whole : String(word);
  });
}
