import { randomUUID } from 'node:crypto';
import type { NotifyPort } from '../../../plugin/sdk/index.ts';
import { COLLECTIONS } from './collections.ts';
import type { Tables } from './tables.ts';

/**
 * The sdk `NotifyPort` as rows of `okr_notifications` (one per recipient, deduplicated by key).
 * A NocoBase workflow on that collection can forward them to NocoBase's in-app messages or mail.
 */
export function createNotifyPort(tables: Tables, now: () => string): NotifyPort {
  return {
    async notify(input) {
      return tables.transaction(async (tx) => {
        let added = 0;
        for (const personId of [...new Set(input.recipientIds)]) {
          const seen = await tx.find(COLLECTIONS.notifications, { personId, dedupKey: input.dedupKey });
          if (seen.length > 0) continue;
          await tx.create(COLLECTIONS.notifications, {
            id: randomUUID(),
            personId,
            kind: input.kind,
            params: input.params,
            subject: input.subject,
            createdAt: now(),
            readAt: null,
            dedupKey: input.dedupKey,
          });
          added += 1;
        }
        return added;
      });
    },
  };
}
