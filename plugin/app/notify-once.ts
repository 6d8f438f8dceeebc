import type { NotificationInput } from '../sdk/index.ts';

/** A host's stored in-app notifications, read and written inside one transaction. */
export interface NotificationRows {
  /** Of `personIds`, those who have a notification with `dedupKey` already. */
  notified(personIds: readonly string[], dedupKey: string): Promise<ReadonlySet<string>>;
  /** Stores one notification of `input` for each of `personIds`. */
  add(personIds: readonly string[], input: NotificationInput): Promise<void>;
}

/** The sdk's `notify`: each recipient hears of one `dedupKey` once. Returns how many were added. */
export async function notifyOnce(rows: NotificationRows, input: NotificationInput): Promise<number> {
  const recipients = [...new Set(input.recipientIds)];
  if (recipients.length === 0) return 0;
  const have = await rows.notified(recipients, input.dedupKey);
  const fresh = recipients.filter((r) => !have.has(r));
  if (fresh.length > 0) await rows.add(fresh, input);
  return fresh.length;
}
