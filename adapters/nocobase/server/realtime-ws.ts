import * as nocobase from '@nocobase/server';
import type { HostUser } from '../../../plugin/sdk/index.ts';
import { type BoardChannel, createBoardChannel, WS_TYPES } from './realtime.ts';

/** What NocoBase's gateway passes with a client message (`ws:message:<type>`). */
interface WsMessage {
  clientId: string;
  /** `app#main`, and `userId#<id>` once the client sent `auth:token` with a valid token. */
  tags: string[];
  payload?: unknown;
}

/** The event side of a NocoBase application: the gateway's WebSocket talks to plugins through it. */
export interface WsApp {
  on(event: string, listener: (message: WsMessage) => void | Promise<void>): unknown;
  emit(event: string, payload: unknown): unknown;
}

interface WsServerLike {
  webSocketClients: Map<string, { ws: { once(event: 'close', listener: () => void): unknown } }>;
}

/** NocoBase's WebSocket server (one per process), to notice closed sockets: the gateway tells plugins nothing. */
const wsServer = (): WsServerLike | undefined =>
  (
    nocobase as unknown as { Gateway?: { getInstance(): { wsServer?: WsServerLike | null } } }
  ).Gateway?.getInstance().wsServer ?? undefined;

const userIdOf = (tags: readonly string[]): string | null =>
  tags.find((t) => t.startsWith('userId#'))?.slice('userId#'.length) || null;

const boardIdOf = (payload: unknown): string | null => {
  const boardId = (payload as { boardId?: unknown } | undefined)?.boardId;
  return typeof boardId === 'string' && boardId.length <= 200 ? boardId : null;
};

/**
 * The board channel over NocoBase's own WebSocket (`/ws`): clients send `okr-align:join` /
 * `okr-align:leave` after NocoBase's `auth:token` handshake; the user behind the socket's `userId`
 * tag must be allowed by the pack to read the board. Anonymous sockets are ignored.
 */
export function nocobaseBoardChannel(
  app: WsApp,
  deps: {
    userOf(userId: string): Promise<HostUser | null>;
    boardExists(boardId: string): Promise<boolean>;
    now(): string;
    warn(message: string): void;
  },
): BoardChannel {
  const channel = createBoardChannel({
    send: (clientId, message) => void app.emit('ws:sendToClient', { clientId, message }),
    connected: (clientId) => wsServer()?.webSocketClients.has(clientId) ?? true,
    boardExists: deps.boardExists,
    now: deps.now,
  });
  const watched = new Set<string>();
  const watchClose = (clientId: string) => {
    const client = wsServer()?.webSocketClients.get(clientId);
    if (!client || watched.has(clientId)) return;
    watched.add(clientId);
    client.ws.once('close', () => {
      watched.delete(clientId);
      channel.drop(clientId);
    });
  };

  app.on(`ws:message:${WS_TYPES.join}`, async ({ clientId, tags, payload }) => {
    const userId = userIdOf(tags);
    const boardId = boardIdOf(payload);
    if (!userId || !boardId) return;
    try {
      if (await channel.join(clientId, await deps.userOf(userId), boardId)) watchClose(clientId);
    } catch (error) {
      deps.warn(`okr-align: board join failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  });
  app.on(`ws:message:${WS_TYPES.leave}`, ({ clientId, payload }) => {
    const boardId = boardIdOf(payload);
    if (boardId) channel.leave(clientId, boardId);
  });
  // Signing out sends `auth:token` without a token: the socket is nobody's any more.
  app.on('ws:message:auth:token', ({ clientId, payload }) => {
    if (!(payload as { token?: unknown } | undefined)?.token) channel.drop(clientId);
  });
  return channel;
}
