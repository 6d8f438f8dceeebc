import type { Id } from '../domain/types.ts';

/** A message to people. Words come from locale files: `kind` is an i18n key, `params` fill it in. */
export interface NotificationInput {
  recipientIds: Id[];
  kind: string;
  params: Record<string, unknown>;
  /** What it is about, for a link in the UI. */
  subject: { krId?: Id; personId?: Id; accountId?: Id; month?: string; poolRunId?: Id; escalationId?: Id };
  /** Same key for the same recipient is delivered once. */
  dedupKey: string;
}

/** A stored notification of one person. */
export interface Notification {
  id: Id;
  personId: Id;
  kind: string;
  params: Record<string, unknown>;
  subject: NotificationInput['subject'];
  createdAt: string;
  readAt: string | null;
}

/** Notifications the host delivers (in-app list; a host may also mail or push). */
export interface NotifyPort {
  /** Stores one notification per recipient, skipping recipients that already have `dedupKey`. Returns how many were new. */
  notify(input: NotificationInput): Promise<number>;
}
