/**
 * A percentage as the shell writes it everywhere: at most one decimal, no space before the sign
 * ("85.3%"), digits grouped in the reader's language. `value` is already in percent (0–100).
 */
export function formatPercent(value: number, lang: string): string {
  const number = new Intl.NumberFormat(lang, { maximumFractionDigits: 1 }).format(
    Math.round(value * 10) / 10,
  );
  return `${number}%`;
}
