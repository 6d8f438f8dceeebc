// The host-port contract against the reference host in-process: SQLite always, PostgreSQL when DATABASE_URL is set.
import type { FastifyRequest } from 'fastify';
import WebSocket from 'ws';
import { demoAccounts } from '../../host/demo/case-study.ts';
import { userFromRequest } from '../../host/server/auth/request-user.ts';
import { SESSION_COOKIE } from '../../host/server/auth/sessions.ts';
import { createHostContext } from '../../host/server/host-context.ts';
import type { ServerMessage } from '../../host/server/realtime/protocol.ts';
import type { Id } from '../../plugin/domain/types.ts';
import type { HostUser } from '../../plugin/sdk/index.ts';
import { startServer, type TestServer } from '../server/helpers.ts';
import { socketWatch } from './board-watch.ts';
import { type BoardWatcher, type HostPorts, hostPortsContract } from './host-ports.contract.ts';

const BACKENDS: { name: string; databaseUrl?: string }[] = [
  { name: 'SQLite' },
  ...(process.env.DATABASE_URL ? [{ name: 'PostgreSQL', databaseUrl: process.env.DATABASE_URL }] : []),
];

const ADMIN = 'person-zhoulei';

/** Signs in the demo account of `personId` over HTTP and returns its session cookie (`name=value`). */
async function sessionOf(server: TestServer, personId: Id): Promise<string> {
  const account = demoAccounts.find((a) => a.personId === personId);
  if (!account) throw new Error(`reference host: no demo account for ${personId}`);
  const cookie = (await server.login(account.login)).cookie;
  if (!cookie) throw new Error(`reference host: login ${account.login} set no cookie`);
  return cookie;
}

/** The user the host's own session lookup gives for that person's session (as its routes see it). */
async function userOf(server: TestServer, personId: Id): Promise<HostUser> {
  const cookie = await sessionOf(server, personId);
  const token = cookie.slice(cookie.indexOf('=') + 1);
  const req = { cookies: { [SESSION_COOKIE]: token } } as unknown as FastifyRequest;
  const user = await userFromRequest(server.app.ctx.db, req, server.app.ctx.now());
  if (!user) throw new Error(`reference host: the session of ${personId} gives no user`);
  return user;
}

/** A real WebSocket client of the board of `cycleId`, signed in as the demo admin. */
async function watchBoard(server: TestServer, cycleId: Id): Promise<BoardWatcher> {
  const cookie = await sessionOf(server, ADMIN);
  const socket = new WebSocket(`${server.url.replace(/^http/, 'ws')}/api/boards/${cycleId}/ws`, {
    headers: { cookie },
  });
  const watch = socketWatch(socket, ADMIN);
  await new Promise<void>((resolve, reject) => {
    socket.on('message', (raw) => {
      const m = JSON.parse(String(raw)) as ServerMessage;
      if (m.type === 'welcome') resolve();
      if (m.type === 'error') reject(new Error(`board refused: ${m.code} ${m.message}`));
      if (m.type === 'change') watch.receive(m.change);
    });
    socket.once('error', reject);
    socket.once('unexpected-response', (_req, res) =>
      reject(new Error(`upgrade refused: ${res.statusCode}`)),
    );
  });
  return watch.watcher;
}

async function startReferenceHost(databaseUrl: string | undefined): Promise<HostPorts> {
  const server = await startServer(databaseUrl ? { databaseUrl } : {});
  const contextOf = async (personId: Id) => createHostContext(server.app.ctx, await userOf(server, personId));
  const admin = await contextOf(ADMIN);
  const bus = admin.realtime;
  return {
    data: admin.data,
    notify: admin.notify,
    settingsAs: async (personId) => (await contextOf(personId)).settings,
    identityAs: async (personId) => {
      const { identity } = await contextOf(personId);
      return {
        currentUser: async () => identity.currentUser(),
        can: async (action, subject) => identity.can(action, subject),
      };
    },
    realtime: {
      port: {
        publish: async (boardId, message) => bus.publish(boardId, message),
        presence: async (boardId) => bus.presence(boardId),
      },
      watch: (cycleId) => watchBoard(server, cycleId),
    },
    close: () => server.close(),
  };
}

for (const backend of BACKENDS) {
  hostPortsContract({
    name: `reference host (${backend.name})`,
    start: () => startReferenceHost(backend.databaseUrl),
  });
}
