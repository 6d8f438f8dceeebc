import { useAPIClient, useApp } from '@nocobase/client';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Id } from '../../../plugin/domain/types.ts';
import type { BoardId, BoardMessage } from '../../../plugin/sdk/realtime-port.ts';
import type { PresenceUser } from '../../../widgets/AlignmentBoard/index.tsx';
import { boardMessageOf, presenceOf } from './apply-board-message.ts';

export type LiveStatus = 'connecting' | 'live' | 'offline';

const OPEN = 1;
/** Blocks on this page per board, so the last one to leave says `leave`. */
const holders = new Map<BoardId, number>();

export interface BoardLiveHandlers {
  /** A committed change of the board, in the order the server sent it. */
  onMessage(message: BoardMessage): void;
  /**
   * The server confirmed the join (its presence answer): changes from now on arrive as messages.
   * `again` after a dropped socket. Changes committed before may have been missed.
   */
  onJoined(again: boolean): void;
}

/**
 * The block's membership of a board on NocoBase's own WebSocket: joins once the socket is signed in,
 * passes on `okr-align:board` changes, keeps presence (everyone but this user), and joins again after
 * the socket reconnects.
 */
export function useBoardLive(
  boardId: BoardId | null,
  handlers: BoardLiveHandlers,
): { status: LiveStatus; presence: PresenceUser[] } {
  const app = useApp();
  const api = useAPIClient();
  const [status, setStatus] = useState<LiveStatus>('connecting');
  const [people, setPeople] = useState<unknown>(null);
  const [self, setSelf] = useState<Id | null>(null);
  const handlersRef = useRef(handlers);
  handlersRef.current = handlers;

  useEffect(() => {
    let live = true;
    api
      .request<{ personId: Id }>({ url: 'okrAlign:me' })
      .then((res) => {
        if (live) setSelf(res.data.data.personId);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [api]);

  useEffect(() => {
    const ws = app.ws;
    const bus = app.eventBus;
    if (!boardId || !ws?.enabled || !bus) {
      setStatus('offline');
      return;
    }
    let joins = 0;
    let joining = false;
    const send = (type: string) => {
      if (ws.readyState === OPEN) ws.send(JSON.stringify({ type, payload: { boardId } }));
    };
    const join = () => {
      joining = true;
      send('okr-align:join');
      // Live once the server answers with the board's presence (it ignores a join it refuses).
      setStatus('connecting');
    };
    const detail = (event: Event) => (event as CustomEvent<unknown>).detail;
    const onBoard = (event: Event) => {
      const message = boardMessageOf(boardId, detail(event));
      if (message) handlersRef.current.onMessage(message);
    };
    const onPresence = (event: Event) => {
      const payload = detail(event);
      if (!presenceOf(boardId, payload, null)) return;
      setPeople(payload);
      setStatus('live');
      if (!joining) return;
      // The server has added this socket to the board: every later change reaches us from here on.
      joining = false;
      handlersRef.current.onJoined(joins > 0);
      joins += 1;
    };
    const onClose = () => {
      joining = false;
      setStatus('offline');
      setPeople(null);
    };
    bus.addEventListener('ws:message:authorized', join);
    bus.addEventListener('ws:message:okr-align:board', onBoard);
    bus.addEventListener('ws:message:okr-align:presence', onPresence);
    ws.on('close', onClose);
    holders.set(boardId, (holders.get(boardId) ?? 0) + 1);
    // Already signed in on an open socket: join now; otherwise the `authorized` message will.
    if (app.isWsAuthorized && ws.readyState === OPEN) join();
    else setStatus(ws.readyState === OPEN ? 'connecting' : 'offline');
    return () => {
      bus.removeEventListener('ws:message:authorized', join);
      bus.removeEventListener('ws:message:okr-align:board', onBoard);
      bus.removeEventListener('ws:message:okr-align:presence', onPresence);
      ws.off('close', onClose);
      const left = (holders.get(boardId) ?? 1) - 1;
      if (left > 0) holders.set(boardId, left);
      else {
        holders.delete(boardId);
        send('okr-align:leave');
      }
    };
  }, [app, boardId]);

  const presence = useMemo(
    () => (boardId ? (presenceOf(boardId, people, self) ?? []) : []),
    [boardId, people, self],
  );
  return { status, presence };
}
