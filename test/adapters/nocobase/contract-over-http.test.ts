// The host-port contract against a running NocoBase with @okr-align/nocobase, over HTTP through the
// test-only port bridge (adapters/nocobase/testing/port-bridge.ts; start NocoBase with OKR_ALIGN_PORT_BRIDGE=1).
// Skipped unless NOCOBASE_URL is set.
import WebSocket from 'ws';
import type { Id } from '../../../plugin/domain/types.ts';
import type {
  BoardMessage,
  DataPort,
  IdentityPort,
  NotifyPort,
  RealtimePort,
  SettingsStore,
} from '../../../plugin/sdk/index.ts';
import { socketWatch } from '../../contract/board-watch.ts';
import {
  type BoardWatcher,
  type HostPorts,
  hostPortsContract,
  type Remote,
} from '../../contract/host-ports.contract.ts';
import { demoSnapshot } from './demo.ts';
import { liveLock } from './live-client.ts';

const base = process.env.NOCOBASE_URL;
const account = process.env.NOCOBASE_ACCOUNT ?? 'admin@nocobase.com';
const password = process.env.NOCOBASE_PASSWORD ?? 'admin123';

type PortName = 'data' | 'identity' | 'notify' | 'settings' | 'realtime';
type Outcome = { ok: true; value: unknown } | { ok: false; error: { name: string; message: string } };

async function signIn(url: string, who = account, secret = password): Promise<string> {
  const r = await fetch(`${url}/api/auth:signIn`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-authenticator': 'basic' },
    body: JSON.stringify({ account: who, password: secret }),
  });
  const json = (await r.json()) as { data?: { token?: string } };
  if (!json.data?.token) throw new Error(`nocobase: sign-in of ${who} failed (${r.status})`);
  return json.data.token;
}

/** POSTs an action and returns its `data`; throws with NocoBase's errors otherwise. */
async function post<T>(url: string, token: string, action: string, body: unknown): Promise<T> {
  const r = await fetch(`${url}/api/${action}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  const text = await r.text();
  if (r.status !== 200) {
    const hint = r.status === 404 ? ' (is NocoBase started with OKR_ALIGN_PORT_BRIDGE=1?)' : '';
    throw new Error(`nocobase: ${action} answered ${r.status}${hint}: ${text.slice(0, 300)}`);
  }
  return (JSON.parse(text) as { data: T }).data;
}

/** A port whose every method is one bridge call; errors come back as errors with the host's message. */
function remotePort<P>(url: string, token: string, port: PortName, as?: Id): P {
  const call = async (method: string, args: unknown[]) => {
    const outcome = await post<Outcome>(url, token, 'okrAlignPorts:call', { port, method, args, as });
    if (!outcome.ok) throw Object.assign(new Error(outcome.error.message), { name: outcome.error.name });
    return outcome.value;
  };
  return new Proxy({} as Record<string, unknown>, {
    // Not thenable: `await` of a promise of this port must not take it for a promise.
    get: (_t, method) =>
      typeof method === 'string' && method !== 'then'
        ? (...args: unknown[]) => call(method, args)
        : undefined,
  }) as P;
}

/** A client of NocoBase's /ws: signs in with the token, joins the board, then yields its board messages. */
async function watchBoard(url: string, token: string, cycleId: Id, personId: Id): Promise<BoardWatcher> {
  const boardId = `cycle:${cycleId}`;
  const socket = new WebSocket(`${url.replace(/^http/, 'ws')}/ws`);
  const watch = socketWatch(socket, personId, { type: 'okr-align:leave', payload: { boardId } });
  let onPresence: (people: { personId: Id }[]) => void = () => undefined;
  let onAuthorized: () => void = () => undefined;
  socket.on('message', (raw) => {
    const m = JSON.parse(String(raw)) as { type: string; payload?: Record<string, unknown> };
    if (m.type === 'authorized') onAuthorized();
    if (m.payload?.boardId !== boardId) return;
    if (m.type === 'okr-align:presence') onPresence(m.payload.people as { personId: Id }[]);
    if (m.type === 'okr-align:board') watch.receive(m.payload.message as BoardMessage);
  });
  const within = <T>(p: Promise<T>, what: string) =>
    Promise.race([
      p,
      new Promise<T>((_r, reject) =>
        setTimeout(() => reject(new Error(`nocobase /ws: no ${what} within 5 s`)), 5000),
      ),
    ]);
  await within(
    new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    }),
    'connection',
  );
  const authorized = new Promise<void>((resolve) => {
    onAuthorized = resolve;
  });
  socket.send(JSON.stringify({ type: 'auth:token', payload: { token, authenticator: 'basic' } }));
  await within(authorized, 'authorized');
  const joined = new Promise<void>((resolve) => {
    onPresence = (people) => {
      if (people.some((p) => p.personId === personId)) resolve();
    };
  });
  socket.send(JSON.stringify({ type: 'okr-align:join', payload: { boardId } }));
  await within(joined, `okr-align:presence of ${boardId} listing ${personId}`);
  return watch.watcher;
}

async function startNocobase(url: string): Promise<HostPorts> {
  // Other live files re-import the demo too: hold the shared lock for the whole suite.
  const release = await liveLock();
  const token = await signIn(url);
  const info = await post<{ realtime: boolean; realtimeMissing?: string }>(
    url,
    token,
    'okrAlignPorts:info',
    {},
  );
  // Every run starts from the case-study demo (replaces its records; notifications and settings versions stay).
  await post(url, token, 'okrAlign:importSnapshot', { snapshot: demoSnapshot() });
  const me = await post<{ personId: Id }>(url, token, 'okrAlign:me', {});
  return {
    data: remotePort<DataPort>(url, token, 'data'),
    notify: remotePort<NotifyPort>(url, token, 'notify'),
    settingsAs: async (personId) => remotePort<SettingsStore>(url, token, 'settings', personId),
    identityAs: async (personId) => remotePort<Remote<IdentityPort>>(url, token, 'identity', personId),
    realtime: info.realtime
      ? {
          port: remotePort<Remote<RealtimePort>>(url, token, 'realtime'),
          watch: (cycleId) => watchBoard(url, token, cycleId, me.personId),
        }
      : { missing: info.realtimeMissing ?? 'the port bridge reports no realtime' },
    close: async () => release(),
  };
}

describe.skipIf(!base)('NocoBase adapter over HTTP', () => {
  it('answers the port bridge to root and admin only', async () => {
    const url = base as string;
    const root = await signIn(url);
    const username = 'okr_contract_sales';
    const filter = encodeURIComponent(JSON.stringify({ username }));
    const found = await fetch(`${url}/api/users:list?filter=${filter}`, {
      headers: { authorization: `Bearer ${root}` },
    }).then((r) => r.json() as Promise<{ data: unknown[] }>);
    if (found.data.length === 0) {
      await post(url, root, 'users:create', {
        username,
        password: 'okr-contract-pass',
        roles: ['okr_sales'],
      });
    }
    const rep = await signIn(url, username, 'okr-contract-pass');
    const asRep = await fetch(`${url}/api/okrAlignPorts:info`, {
      method: 'POST',
      headers: { authorization: `Bearer ${rep}`, 'x-role': 'okr_sales' },
    });
    expect(asRep.status).toBe(403);
    const anonymous = await fetch(`${url}/api/okrAlignPorts:info`, { method: 'POST' });
    expect(anonymous.status).toBeGreaterThanOrEqual(401);
    expect(await post(url, root, 'okrAlignPorts:info', {})).toMatchObject({ host: { name: 'NocoBase' } });
  });

  hostPortsContract({
    name: `NocoBase at ${base}`,
    start: () => startNocobase(base as string),
    startTimeoutMs: 120_000,
  });
});
