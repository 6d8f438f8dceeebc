import { randomUUID } from 'node:crypto';
import type { NotificationInput, NotifyPort } from '../../../plugin/sdk/index.ts';
import type { Db } from '../storage/queries.ts';

/** In-app notifications stored per person; the same `dedupKey` reaches a person once. */
export class StoredNotifications implements NotifyPort {
  constructor(
    private readonly db: Db,
    private readonly now: () => Date,
  ) {}

  async notify(input: NotificationInput): Promise<number> {
    const recipients = [...new Set(input.recipientIds)];
    if (recipients.length === 0) return 0;
    return this.db.transaction().execute(async (trx) => {
      const existing = await trx
        .selectFrom('notifications')
        .select('person_id')
        .where('dedup_key', '=', input.dedupKey)
        .where('person_id', 'in', recipients)
        .execute();
      const have = new Set(existing.map((r) => r.person_id));
      const fresh = recipients.filter((r) => !have.has(r));
      if (fresh.length === 0) return 0;
      const createdAt = this.now().toISOString();
      await trx
        .insertInto('notifications')
        .values(
          fresh.map((personId) => ({
            id: randomUUID(),
            person_id: personId,
            kind: input.kind,
            subject: JSON.stringify(input.subject),
            params: JSON.stringify(input.params),
            dedup_key: input.dedupKey,
            created_at: createdAt,
            read_at: null,
          })),
        )
        .execute();
      return fresh.length;
    });
  }
}
