import { randomUUID } from 'node:crypto';
import type { CheckIn } from '../../../plugin/domain/types.ts';
import { writeAudit } from './audit.ts';
import { COLLECTIONS } from './collections.ts';
import { toCheckIn } from './records.ts';
import type { Tables } from './tables.ts';

/** What a person reports for one KR and month (the check-in form). */
export type CheckInInput = Pick<
  CheckIn,
  'value' | 'selfColour' | 'colourNote' | 'blockers' | 'resourceRequest' | 'confidence'
>;

/** The stored check-in of a KR for a month, or null. */
export async function findCheckIn(tables: Tables, krId: string, month: string): Promise<CheckIn | null> {
  const [row] = await tables.find(COLLECTIONS.checkIns, { krId, month });
  return row ? toCheckIn(row) : null;
}

/**
 * Creates or replaces the check-in of `krId` for `month` in one transaction with its audit entry,
 * like the reference host: one check-in per KR and month, keeping its id when replaced.
 */
export async function saveCheckIn(
  tables: Tables,
  krId: string,
  month: string,
  input: CheckInInput,
  by: { actorId: string; now: string },
): Promise<{ checkIn: CheckIn; created: boolean }> {
  return tables.transaction(async (tx) => {
    const [row] = await tx.find(COLLECTIONS.checkIns, { krId, month });
    const before = row ? toCheckIn(row) : null;
    const checkIn: CheckIn = { id: before?.id ?? randomUUID(), krId, month, ...input, submittedAt: by.now };
    if (before) await tx.update(COLLECTIONS.checkIns, before.id, { ...checkIn });
    else await tx.create(COLLECTIONS.checkIns, { ...checkIn });
    await writeAudit(tx, {
      at: by.now,
      actorId: by.actorId,
      action: before ? 'checkIn.update' : 'checkIn.create',
      subject: `checkIn:${checkIn.id}`,
      detail: { before, after: checkIn },
    });
    return { checkIn, created: !before };
  });
}
