import { randomUUID } from 'node:crypto';
import { COLLECTIONS } from './collections.ts';
import type { TableAccess } from './tables.ts';

/** Appends one audit entry: who did what to which subject, with the details needed to explain it. */
export async function writeAudit(
  tx: TableAccess,
  entry: { at: string; actorId: string; action: string; subject: string; detail: Record<string, unknown> },
): Promise<void> {
  await tx.create(COLLECTIONS.audit, { id: randomUUID(), ...entry });
}
