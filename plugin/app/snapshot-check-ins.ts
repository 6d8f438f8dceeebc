import { checkInsBeforeTheirKr } from '../domain/kr-lifetime.ts';
import type { Snapshot } from '../domain/types.ts';
import { unprocessable } from './errors.ts';

/** Most rows a refusal names in its message; `rows` in the reply carries them all. */
const NAMED_ROWS = 10;

/**
 * Refuses an imported snapshot holding check-ins for months before their KR existed, the way
 * `checkIn.save` refuses one: 422 `month-before-kr`, naming each such row (from 1 in `checkIns`).
 */
export function refuseCheckInsBeforeKrs(
  snapshot: Pick<Snapshot, 'cycle' | 'keyResults' | 'checkIns'>,
  where: string,
): void {
  const rows = checkInsBeforeTheirKr(snapshot);
  const [first] = rows;
  if (!first) return;
  const named = rows
    .slice(0, NAMED_ROWS)
    .map((r) => `row ${r.row} (${r.month}, key result ${r.krId} owes from ${r.from})`)
    .join(', ');
  const more = rows.length > NAMED_ROWS ? ` and ${rows.length - NAMED_ROWS} more` : '';
  throw unprocessable(
    'month-before-kr',
    `${where}: ${rows.length} check-ins are for months before their key result existed: ${named}${more}; drop them or move them to a month the key result owes`,
    { params: { month: first.month, from: first.from }, rows },
  );
}
