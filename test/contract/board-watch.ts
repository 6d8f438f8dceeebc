import WebSocket from 'ws';
import type { Id } from '../../plugin/domain/types.ts';
import type { BoardMessage } from '../../plugin/sdk/index.ts';
import type { BoardWatcher } from './host-ports.contract.ts';

/** A board watcher over a connected WebSocket, and the door through which its board messages come in. */
export interface SocketWatch {
  watcher: BoardWatcher;
  /** Hands over one board message, once the host's own framing has been taken off. */
  receive(message: BoardMessage): void;
}

/**
 * Keeps the board messages of `socket` for the contract's `next`; each host decodes its frames and
 * calls `receive`. `farewell` is sent before the socket closes, for hosts that want a leave message.
 */
export function socketWatch(socket: WebSocket, personId: Id, farewell?: unknown): SocketWatch {
  const seen: BoardMessage[] = [];
  let waiters: { match: (m: BoardMessage) => boolean; resolve: (m: BoardMessage) => void }[] = [];
  return {
    receive(message) {
      seen.push(message);
      waiters = waiters.filter((w) => {
        if (!w.match(message)) return true;
        w.resolve(message);
        return false;
      });
    },
    watcher: {
      personId,
      next(match, timeoutMs = 5000) {
        const found = seen.find(match);
        if (found) return Promise.resolve(found);
        return new Promise((resolve, reject) => {
          const timer = setTimeout(
            () => reject(new Error(`no matching message within ${timeoutMs} ms`)),
            timeoutMs,
          );
          waiters.push({
            match,
            resolve: (m) => {
              clearTimeout(timer);
              resolve(m);
            },
          });
        });
      },
      close() {
        if (socket.readyState === WebSocket.CLOSED) return Promise.resolve();
        return new Promise((resolve) => {
          socket.once('close', () => resolve());
          if (farewell !== undefined) socket.send(JSON.stringify(farewell));
          socket.close();
        });
      },
    },
  };
}
