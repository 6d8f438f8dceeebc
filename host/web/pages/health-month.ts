import { monthOf } from '../../../plugin/domain/dates.ts';
import type { Snapshot } from '../../../plugin/domain/types.ts';

/**
 * The month the health page opens on: the latest month up to `at` that has activity figures or
 * check-ins. Early in a month the current one is nearly empty, so last month is what people mean.
 */
export function lastMonthWithData(
  months: readonly string[],
  snapshot: Pick<Snapshot, 'activities' | 'checkIns'>,
  at: string,
): string {
  const upToNow = months.filter((m) => m <= monthOf(at));
  const filled = new Set([
    ...snapshot.activities.map((a) => a.month),
    ...snapshot.checkIns.map((c) => c.month),
  ]);
  return [...upToNow].reverse().find((m) => filled.has(m)) ?? upToNow.at(-1) ?? months[0] ?? '';
}
