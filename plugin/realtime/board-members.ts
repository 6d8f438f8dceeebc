import type { BoardId } from '../sdk/index.ts';

/**
 * Which clients are on which board, with what the host keeps per client (`M`: the user, a socket…).
 * Only the table: announcing who joined or left is the channel's job.
 */
export class BoardMembers<M> {
  private readonly boards = new Map<BoardId, Map<string, M>>();

  /** Puts a client on a board; false (and the first member kept) when it already is. */
  add(boardId: BoardId, clientId: string, member: M): boolean {
    const board = this.boards.get(boardId) ?? new Map<string, M>();
    this.boards.set(boardId, board);
    if (board.has(clientId)) return false;
    board.set(clientId, member);
    return true;
  }

  /** Takes a client off a board; returns what was kept for it, undefined when it was not there. */
  remove(boardId: BoardId, clientId: string): M | undefined {
    const board = this.boards.get(boardId);
    const member = board?.get(clientId);
    if (!board || member === undefined) return undefined;
    board.delete(clientId);
    if (board.size === 0) this.boards.delete(boardId);
    return member;
  }

  /** The clients of a board in order of joining. */
  entries(boardId: BoardId): [clientId: string, member: M][] {
    return [...(this.boards.get(boardId)?.entries() ?? [])];
  }

  members(boardId: BoardId): M[] {
    return [...(this.boards.get(boardId)?.values() ?? [])];
  }

  size(boardId: BoardId): number {
    return this.boards.get(boardId)?.size ?? 0;
  }

  /** The boards someone is on. */
  boardIds(): BoardId[] {
    return [...this.boards.keys()];
  }

  /** The boards a client is on (to leave them all on disconnect or sign-out). */
  boardsOf(clientId: string): BoardId[] {
    return this.boardIds().filter((boardId) => this.boards.get(boardId)?.has(clientId));
  }

  clear(): void {
    this.boards.clear();
  }
}
