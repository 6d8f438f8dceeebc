import type { Cycle } from '../../../plugin/domain/types.ts';

/**
 * The month to offer for a new report: last month when a cycle covers it, else the last month of
 * the latest cycle that started before it (a report needs a cycle), else last month anyway.
 */
export function suggestedReportMonth(cycles: readonly Cycle[], today: string): string {
  const [y = 0, m = 1] = today.slice(0, 7).split('-').map(Number);
  const last = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
  const started = cycles
    .filter((c) => c.start.slice(0, 7) <= last)
    .sort((a, b) => b.end.localeCompare(a.end));
  const latest = started[0];
  if (!latest) return last;
  const end = latest.end.slice(0, 7);
  // Months compare as text (YYYY-MM).
  if (end < last) return end;
  return last;
}
