import { randomUUID } from 'node:crypto';
import type { MessageInput } from '../../../plugin/notify/messages.ts';
import type { NotifyDb, NotifyTables } from '../schedules/notify-tables.ts';

export type Channel = 'in-app' | 'webhook';
export type DeliveryStatus = 'pending' | 'sending' | 'sent' | 'failed';

/** One message to one recipient over one channel, planned by a schedule occurrence. */
export interface PlannedDelivery {
  scheduleId: string;
  occurrence: string;
  /** `person:<id>` or `webhook:<id>`. */
  recipient: string;
  channel: Channel;
  webhookId: string | null;
  message: MessageInput;
}

export interface Delivery extends PlannedDelivery {
  id: string;
  idemKey: string;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}

/** schedule id + occurrence + recipient + channel: the same delivery always has the same key. */
export const idempotencyKey = (
  d: Pick<PlannedDelivery, 'scheduleId' | 'occurrence' | 'recipient' | 'channel'>,
) => [d.scheduleId, d.occurrence, d.recipient, d.channel].join('|');

export const toDelivery = (r: NotifyTables['notify_deliveries']): Delivery => ({
  id: r.id,
  idemKey: r.idem_key,
  scheduleId: r.schedule_id,
  occurrence: r.occurrence,
  recipient: r.recipient,
  channel: r.channel as Channel,
  webhookId: r.webhook_id,
  message: JSON.parse(r.message) as MessageInput,
  status: r.status as DeliveryStatus,
  attempts: Number(r.attempts),
  nextAttemptAt: r.next_attempt_at,
  lastError: r.last_error,
  createdAt: r.created_at,
  sentAt: r.sent_at,
});

/**
 * Stores each planned delivery under its idempotency key before anything is sent and returns the
 * ones this caller stored. A key already stored (an earlier run, another process) is skipped, so a
 * delivery is claimed by exactly one runner.
 */
export async function claimDeliveries(
  db: NotifyDb,
  planned: PlannedDelivery[],
  now: Date,
): Promise<Delivery[]> {
  const at = now.toISOString();
  const claimed: Delivery[] = [];
  for (const p of planned) {
    const row: NotifyTables['notify_deliveries'] = {
      id: randomUUID(),
      idem_key: idempotencyKey(p),
      schedule_id: p.scheduleId,
      occurrence: p.occurrence,
      recipient: p.recipient,
      channel: p.channel,
      webhook_id: p.webhookId,
      message: JSON.stringify(p.message),
      status: p.channel === 'in-app' ? 'sending' : 'pending',
      attempts: 0,
      next_attempt_at: at,
      lease_until: null,
      last_error: null,
      created_at: at,
      sent_at: null,
    };
    const res = await db
      .insertInto('notify_deliveries')
      .values(row)
      .onConflict((oc) => oc.column('idem_key').doNothing())
      .executeTakeFirst();
    if (Number(res.numInsertedOrUpdatedRows ?? 0n) === 1) claimed.push(toDelivery(row));
  }
  return claimed;
}

export async function markSent(db: NotifyDb, id: string, now: Date): Promise<void> {
  await db
    .updateTable('notify_deliveries')
    .set({ status: 'sent', sent_at: now.toISOString(), lease_until: null })
    .where('id', '=', id)
    .execute();
}

export async function listDeliveries(
  db: NotifyDb,
  filter: { status?: DeliveryStatus; channel?: Channel; limit?: number } = {},
): Promise<Delivery[]> {
  let q = db
    .selectFrom('notify_deliveries')
    .selectAll()
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(filter.limit ?? 500);
  if (filter.status) q = q.where('status', '=', filter.status);
  if (filter.channel) q = q.where('channel', '=', filter.channel);
  return (await q.execute()).map(toDelivery);
}
