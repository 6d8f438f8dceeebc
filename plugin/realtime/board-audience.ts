import { type BoardId, can, type HostUser, type Subject } from '../sdk/index.ts';

/** Whether `user` may be on a board at all: signed in and allowed to read it (a QR session: its own board only). */
export const mayJoinBoard = (user: HostUser | null | undefined, boardId: BoardId): user is HostUser =>
  !!user && can(user, 'read', { type: 'objective', boardId });

/**
 * Whether a client of `user` gets a board message about `about`: everyone on the board when the
 * message is board-wide (`undefined`), nobody when it is about a record the board cannot place
 * (`null`: its owner is unknown, so its readers are too), else those who may read `about`.
 */
export const mayReceive = (user: HostUser, about: Subject | null | undefined): boolean =>
  about === undefined || (about !== null && can(user, 'read', about));
