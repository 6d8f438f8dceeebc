import { isNewerCheckIn } from '../../../plugin/domain/check-in-order.ts';
import { krProgress } from '../../../plugin/domain/pace.ts';
import type { CheckIn, Id, KeyResult } from '../../../plugin/domain/types.ts';
import type { KrStatus } from '../../../widgets/AlignmentMap/map-tree.ts';
import type { Evaluation } from '../api/endpoints.ts';

/**
 * Each KR's progress (its newest check-in) and colour (its newest evaluated month), for the
 * alignment map's cards. KRs without either keep nulls.
 */
export function krStatusOf(
  keyResults: readonly KeyResult[],
  checkIns: readonly CheckIn[],
  evaluation: Pick<Evaluation, 'colours'> | undefined,
): Record<Id, KrStatus> {
  const newest = new Map<Id, CheckIn>();
  for (const c of checkIns) {
    const held = newest.get(c.krId);
    if (!held || isNewerCheckIn(c, held)) newest.set(c.krId, c);
  }
  const colour = new Map<Id, { month: string; colour: KrStatus['colour'] }>();
  for (const mc of evaluation?.colours ?? []) {
    const held = colour.get(mc.krId);
    if (!held || mc.month > held.month) colour.set(mc.krId, { month: mc.month, colour: mc.colour });
  }
  return Object.fromEntries(
    keyResults.map((kr) => {
      const checkIn = newest.get(kr.id);
      return [
        kr.id,
        {
          progress: checkIn ? krProgress(kr, checkIn.value) : null,
          colour: colour.get(kr.id)?.colour ?? null,
        },
      ];
    }),
  );
}
