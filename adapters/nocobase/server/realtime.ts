import {
  type BoardChannel,
  type BoardChannelPorts,
  type ChannelOut,
  createBoardChannel as packBoardChannel,
} from '../../../plugin/realtime/board-channel.ts';

export type { BoardChannel, ScopedRealtime } from '../../../plugin/realtime/board-channel.ts';

/** Message types on NocoBase's WebSocket (contract: /work/notes/contract.md, "NocoBase realtime"). */
export const WS_TYPES = {
  join: 'okr-align:join',
  leave: 'okr-align:leave',
  board: 'okr-align:board',
  presence: 'okr-align:presence',
} as const;

/** What the pack's channel sends, as NocoBase's WebSocket carries it. */
const wsMessageOf = (out: ChannelOut): { type: string; payload: unknown } =>
  out.kind === 'board'
    ? { type: WS_TYPES.board, payload: { boardId: out.boardId, message: out.message } }
    : { type: WS_TYPES.presence, payload: { boardId: out.boardId, people: out.people } };

export interface ChannelDeps extends Omit<BoardChannelPorts, 'send'> {
  /** Sends one JSON message to one WebSocket client. */
  send(clientId: string, message: { type: string; payload: unknown }): void;
}

/**
 * The pack's board channel over NocoBase's WebSocket. Presence lives in this process (one
 * NocoBase server; a cluster would need NocoBase's pub-sub to share it).
 */
export const createBoardChannel = (deps: ChannelDeps): BoardChannel =>
  packBoardChannel({ ...deps, send: (clientId, out) => deps.send(clientId, wsMessageOf(out)) });
