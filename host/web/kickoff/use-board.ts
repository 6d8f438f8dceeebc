import { useCallback, useEffect, useRef, useState } from 'react';
import type { Id } from '../../../plugin/domain/types.ts';
import {
  applyChange,
  type BoardChange,
  type BoardKr,
  type BoardState,
  EMPTY_BOARD,
  type PresenceMember,
  withKr,
} from './board-state.ts';

export type BoardIntent =
  | { kind: 'link'; krId: Id; objectiveId: Id; weight: number; version: number | null }
  | { kind: 'unlink'; krId: Id; objectiveId: Id; version: number }
  | {
      kind: 'update-kr';
      krId: Id;
      version: number;
      fields: { rationale?: string; title?: string; evidence?: string };
    };

type ServerMessage =
  | {
      type: 'welcome';
      board: { locked: boolean; objectives: BoardState['objectives']; keyResults: BoardKr[] };
      seq: number;
      presence: PresenceMember[];
      heartbeatMs: number;
      you: { personId: Id };
    }
  | { type: 'ack'; id: string; kr: BoardKr }
  | { type: 'change'; change: BoardChange }
  | { type: 'stale'; id: string; krId: Id; current: BoardKr }
  | { type: 'error'; id: string | null; code: string; message: string }
  | { type: 'presence'; members: PresenceMember[] };

export type ConnectionStatus = 'connecting' | 'open' | 'closed';

/**
 * Something the user should read: a refused (stale) write, or a board error by its code (worded by
 * `kickoff.boardError.<code>`; `message` is the server's English, for a code the shell has no words for).
 */
type NoticeBody = { kind: 'stale'; kr: BoardKr } | { kind: 'error'; code: string; message: string };
export type BoardNotice = NoticeBody & { seq: number };

const RECONNECT_MS = [500, 1000, 2000, 5000, 10000];
const CLOSE_CODES: Record<number, string> = { 4401: 'expired', 4403: 'forbidden', 4404: 'not-found' };

/** The board socket signs in with the session cookie only; nothing in the address carries access. */
export function boardSocketUrl(cycleId: Id): string {
  const { protocol, host } = window.location;
  return `${protocol === 'https:' ? 'wss' : 'ws'}://${host}/api/boards/${encodeURIComponent(cycleId)}/ws`;
}

/**
 * The live board of a cycle over the board WebSocket: the server's state, every committed change
 * from any screen, presence, and intents sent with the row version (a stale one comes back as a notice
 * with the current row). Reconnects with backoff; a reconnect starts from a fresh welcome.
 */
export function useBoard(cycleId: Id | null) {
  const [state, setState] = useState<BoardState>(EMPTY_BOARD);
  const [status, setStatus] = useState<ConnectionStatus>('connecting');
  const [loaded, setLoaded] = useState(false);
  const [notices, setNotices] = useState<BoardNotice[]>([]);
  const socketRef = useRef<WebSocket | null>(null);
  const counter = useRef(0);

  useEffect(() => {
    if (!cycleId) return;
    let stopped = false;
    let attempt = 0;
    let heartbeat: ReturnType<typeof setInterval> | undefined;
    let retry: ReturnType<typeof setTimeout> | undefined;

    const notice = (n: NoticeBody) => {
      counter.current += 1;
      const seq = counter.current;
      setNotices((list) => [...list.slice(-4), { ...n, seq }]);
    };

    const connect = () => {
      setStatus('connecting');
      const socket = new WebSocket(boardSocketUrl(cycleId));
      socketRef.current = socket;
      socket.onopen = () => {
        attempt = 0;
        setStatus('open');
      };
      socket.onmessage = (event) => {
        let message: ServerMessage;
        try {
          message = JSON.parse(String(event.data)) as ServerMessage;
        } catch {
          return;
        }
        switch (message.type) {
          case 'welcome':
            setState({ ...message.board, presence: message.presence, seq: message.seq });
            setLoaded(true);
            clearInterval(heartbeat);
            heartbeat = setInterval(() => {
              if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify({ type: 'heartbeat' }));
            }, message.heartbeatMs);
            return;
          case 'change':
            setState((s) => applyChange(s, message.change));
            return;
          case 'ack':
            setState((s) => withKr(s, message.kr));
            return;
          case 'stale':
            setState((s) => withKr(s, message.current));
            notice({ kind: 'stale', kr: message.current });
            return;
          case 'error':
            notice({ kind: 'error', code: message.code, message: message.message });
            return;
          case 'presence':
            setState((s) => ({ ...s, presence: message.members }));
            return;
          default:
            return;
        }
      };
      socket.onclose = (event) => {
        clearInterval(heartbeat);
        if (socketRef.current === socket) socketRef.current = null;
        if (stopped) return;
        setStatus('closed');
        // 4401: not signed in / access ended; 4403: not this board; 4404: no such board — retrying will not help.
        const final = CLOSE_CODES[event.code];
        if (final) {
          notice({ kind: 'error', code: final, message: event.reason });
          return;
        }
        const delay = RECONNECT_MS[Math.min(attempt, RECONNECT_MS.length - 1)] ?? 10000;
        attempt += 1;
        retry = setTimeout(connect, delay);
      };
    };
    connect();
    return () => {
      stopped = true;
      clearInterval(heartbeat);
      clearTimeout(retry);
      socketRef.current?.close(1000, 'page left');
      socketRef.current = null;
      setLoaded(false);
      setState(EMPTY_BOARD);
    };
  }, [cycleId]);

  const send = useCallback((intent: BoardIntent): boolean => {
    const socket = socketRef.current;
    if (!socket || socket.readyState !== WebSocket.OPEN) return false;
    counter.current += 1;
    socket.send(JSON.stringify({ type: 'intent', id: `i${Date.now()}-${counter.current}`, intent }));
    return true;
  }, []);

  const dismiss = useCallback((seq: number) => setNotices((list) => list.filter((n) => n.seq !== seq)), []);

  return { state, status, loaded, notices, send, dismiss };
}
