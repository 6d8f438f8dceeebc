/**
 * NocoBase's i18next runs without a key separator (its keys are English sentences with dots), so
 * nested locale files are given to it as flat `a.b.c` keys.
 */
export function flattenMessages(messages: Record<string, unknown>, prefix = ''): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [key, value] of Object.entries(messages)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value !== null && typeof value === 'object')
      Object.assign(flat, flattenMessages(value as Record<string, unknown>, path));
    else flat[path] = String(value);
  }
  return flat;
}
