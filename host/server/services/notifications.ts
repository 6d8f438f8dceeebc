import { randomUUID } from 'node:crypto';
import { notifyOnce } from '../../../plugin/app/notify-once.ts';
import type { NotificationInput, NotifyPort } from '../../../plugin/sdk/index.ts';
import type { Db } from '../storage/queries.ts';

/** In-app notifications stored per person; the same `dedupKey` reaches a person once. */
export class StoredNotifications implements NotifyPort {
  constructor(
    private readonly db: Db,
    private readonly now: () => Date,
  ) {}

  async notify(input: NotificationInput): Promise<number> {
    if (input.recipientIds.length === 0) return 0;
    return this.db.transaction().execute((trx) =>
      notifyOnce(
        {
          async notified(personIds, dedupKey) {
            const rows = await trx
              .selectFrom('notifications')
              .select('person_id')
              .where('dedup_key', '=', dedupKey)
              .where('person_id', 'in', [...personIds])
              .execute();
            return new Set(rows.map((r) => r.person_id));
          },
          add: async (personIds, { kind, subject, params, dedupKey }) => {
            const createdAt = this.now().toISOString();
            await trx
              .insertInto('notifications')
              .values(
                personIds.map((personId) => ({
                  id: randomUUID(),
                  person_id: personId,
                  kind,
                  subject: JSON.stringify(subject),
                  params: JSON.stringify(params),
                  dedup_key: dedupKey,
                  created_at: createdAt,
                  read_at: null,
                })),
              )
              .execute();
          },
        },
        input,
      ),
    );
  }
}
