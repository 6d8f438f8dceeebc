import type { Action, SessionScope } from '../../../plugin/sdk/index.ts';
import { createSession } from '../auth/sessions.ts';
import { conflict } from '../http-error.ts';
import type { Db } from '../storage/queries.ts';
import type { BoardInviteClaims } from './qr-token.ts';

/** What a session made from a board invite may do on its board; the policy's SCOPED table narrows it further. */
export const BOARD_SESSION_ACTIONS: Action[] = ['read', 'create', 'update', 'delete'];
/** A kickoff workshop; the organiser may choose between 5 minutes and 8 hours. */
export const INVITE_DEFAULT_TTL_SECONDS = 2 * 60 * 60;
export const INVITE_MIN_TTL_SECONDS = 5 * 60;
export const INVITE_MAX_TTL_SECONDS = 8 * 60 * 60;

/**
 * Makes the board session of a person who proved who they are (login + password) with an invite.
 * Each person joins once per invite: the use is recorded under the invite's nonce, so replaying the
 * join gives nothing new, and the session ends when the invite does.
 */
export async function joinWithInvite(
  db: Db,
  invite: BoardInviteClaims,
  account: { userId: string; personId: string },
  now: Date,
): Promise<{ token: string; scope: SessionScope }> {
  const expiresAt = new Date(invite.exp * 1000).toISOString();
  return db.transaction().execute(async (trx) => {
    await trx.deleteFrom('board_invite_uses').where('expires_at', '<=', now.toISOString()).execute();
    const inserted = await trx
      .insertInto('board_invite_uses')
      .values({
        nonce: invite.nonce,
        person_id: account.personId,
        board_id: invite.board,
        used_at: now.toISOString(),
        expires_at: expiresAt,
      })
      .onConflict((oc) => oc.columns(['nonce', 'person_id']).doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) {
      throw conflict(
        'invite-used',
        'board-join: you have already joined this board with this QR code; continue where you joined, or ask the organiser for a new code',
      );
    }
    const scope: SessionScope = { boardId: invite.board, actions: BOARD_SESSION_ACTIONS, expiresAt };
    const { token } = await createSession(trx, account.userId, now, {
      ttlMs: invite.exp * 1000 - now.getTime(),
      scope,
    });
    return { token, scope };
  });
}
