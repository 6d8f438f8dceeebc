import { defaultCreatedAt } from '../../../plugin/domain/kr-lifetime.ts';
import { decodeRow } from '../../../plugin/records/row-codec.ts';
import { COLLECTIONS } from './collections.ts';
import type { Tables } from './tables.ts';

/**
 * Key results stored before their creation time was kept have no `proposedAt`: they get their
 * cycle's start at 00:00Z, what they counted from until then (the reference host's migration
 * 0006-key-result-created-at does the same). Runs at every start; after the first it changes nothing.
 * @returns the number of key results filled
 */
export async function backfillKrCreationDates(tables: Tables): Promise<number> {
  return tables.transaction(async (tx) => {
    let filled = 0;
    for (const row of await tx.find(COLLECTIONS.cycles)) {
      const cycle = decodeRow('cycles', row);
      filled += await tx.updateWhere(
        COLLECTIONS.keyResults,
        { cycleId: cycle.id, proposedAt: null },
        { proposedAt: defaultCreatedAt(cycle) },
      );
    }
    return filled;
  });
}
