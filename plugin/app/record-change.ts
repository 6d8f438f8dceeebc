import type { Id } from '../domain/types.ts';
import type { BoardMessage, Subject } from '../sdk/index.ts';
import type { CommandContext } from './command.ts';
import type { AuditEntry } from './ports.ts';

/** Where a change shows: the cycle's board, the message, and the subject whose readers receive it. */
export interface BoardNotice {
  cycleId: Id;
  message: Omit<BoardMessage, 'byPersonId'>;
  about: Subject;
}

/**
 * The tail the write commands share once the row is written: the audit row (before and after, in
 * the command's transaction), then the board message, published only once that transaction commits.
 */
export async function recordChange(
  ctx: CommandContext,
  entry: AuditEntry,
  board: BoardNotice,
): Promise<void> {
  await ctx.audit(entry);
  ctx.announce(board.cycleId, board.message, board.about);
}
