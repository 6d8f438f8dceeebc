import type { MonthColour } from '../../plugin/domain/pace.ts';
import type { Escalation, Id, KeyResult, Month } from '../../plugin/domain/types.ts';

/** One KR of one rep with its colours per month (`krColours` from plugin/domain). */
export interface CalibrationRow {
  personId: Id;
  personName: string;
  regionId: Id | null;
  regionName: string;
  kr: KeyResult;
  colours: MonthColour[];
}

export const cellKey = (krId: Id, month: Month) => `${krId}|${month}`;

export function isOpen(escalation: Escalation): boolean {
  return escalation.resolvedAt === null;
}

/**
 * Cells of the streak behind each open escalation: for an amber streak the run of amber months
 * ending at the escalation's month, for red the run of red months; other reasons mark their month.
 * The streak lengths are the ones plugin/domain computed into the MonthColours.
 */
export function streakCells(
  rows: readonly CalibrationRow[],
  escalations: readonly Escalation[],
): Map<string, Id[]> {
  const coloursByKr = new Map<Id, MonthColour[]>();
  for (const row of rows) coloursByKr.set(row.kr.id, row.colours);
  const cells = new Map<string, Id[]>();
  const mark = (krId: Id, month: Month, escalationId: Id) => {
    const key = cellKey(krId, month);
    cells.set(key, [...(cells.get(key) ?? []), escalationId]);
  };
  for (const escalation of escalations) {
    if (!isOpen(escalation)) continue;
    const colours = coloursByKr.get(escalation.krId);
    if (!colours) continue;
    const end = colours.findIndex((mc) => mc.month === escalation.month);
    const endColour = colours[end];
    if (!endColour) continue;
    const length =
      escalation.reason === 'amber-streak'
        ? endColour.amberStreak
        : escalation.reason === 'red'
          ? endColour.redStreak
          : 1;
    for (let i = Math.max(0, end - Math.max(length, 1) + 1); i <= end; i += 1) {
      const mc = colours[i];
      if (mc) mark(escalation.krId, mc.month, escalation.id);
    }
  }
  return cells;
}
