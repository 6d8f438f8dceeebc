import { randomUUID } from 'node:crypto';
import { type NotificationRows, notifyOnce } from '../../../plugin/app/notify-once.ts';
import type { NotifyPort } from '../../../plugin/sdk/index.ts';
import { COLLECTIONS } from './collections.ts';
import type { TableAccess, Tables } from './tables.ts';

const notificationRows = (tx: TableAccess, now: () => string): NotificationRows => ({
  async notified(personIds, dedupKey) {
    const rows = await tx.find(COLLECTIONS.notifications, { personId: { $in: [...personIds] }, dedupKey });
    return new Set(rows.map((r) => String(r.personId)));
  },
  async add(personIds, { kind, params, subject, dedupKey }) {
    for (const personId of personIds)
      await tx.create(COLLECTIONS.notifications, {
        id: randomUUID(),
        personId,
        kind,
        params,
        subject,
        createdAt: now(),
        readAt: null,
        dedupKey,
      });
  },
});

/**
 * The sdk `NotifyPort` as rows of `okr_notifications` (one per recipient, deduplicated by key).
 * A NocoBase workflow on that collection can forward them to NocoBase's in-app messages or mail.
 */
export const createNotifyPort = (tables: Tables, now: () => string): NotifyPort => ({
  notify: (input) => tables.transaction((tx) => notifyOnce(notificationRows(tx, now), input)),
});
