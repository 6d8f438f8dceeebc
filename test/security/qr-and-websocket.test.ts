/**
 * Replays of the attacks of issue #15 on the kickoff QR code and the board WebSocket, against the real
 * server on 127.0.0.1 with real `ws` clients. Each must fail, and the data must read back unchanged.
 */
import WebSocket from 'ws';
import { DEMO_PASSWORD } from '../../host/demo/case-study-people.ts';
import { DEFAULT_REALTIME_OPTIONS } from '../../host/server/realtime/board-realtime.ts';
import type { ServerMessage } from '../../host/server/realtime/protocol.ts';
import { joinBoard, mintInvite } from '../server/board-join.ts';
import {
  type Client,
  type TestServer as DemoServer,
  LOGINS,
  startServer as startDemo,
} from '../server/helpers.ts';
import {
  BoardClient,
  PASSWORD,
  startServer,
  type TestServer,
  upgradeStatus,
} from '../server/realtime-fixture.ts';

type Msg<T extends ServerMessage['type']> = Extract<ServerMessage, { type: T }>;

const CYCLE = 'cycle-2026-h1';

/** The session cookie a demo client carries, for the fetch-based board helpers. */
const cookieOf = (client: Client): string => client.cookie ?? '';

describe('the QR code carries no identity (case-study demo)', () => {
  let demo: DemoServer;
  beforeAll(async () => {
    demo = await startDemo();
  });
  afterAll(() => demo.close());

  const readKr = async (id: string) =>
    demo.storage.db.selectFrom('key_results').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  it('refuses to mint for another person: the invite names no one, the old route is gone', async () => {
    const strategy = await demo.login(LOGINS.strategy);
    const forAdmin = await strategy.post(`/api/boards/${CYCLE}/invites`, { personId: 'person-zhoulei' });
    expect(forAdmin.status).toBe(400);
    expect(forAdmin.body.code).toBe('invalid-request');
    const old = await strategy.post(`/api/boards/${CYCLE}/qr-tokens`, { personId: 'person-zhoulei' });
    expect(old.status).toBe(404);
    expect((await strategy.post(`/api/boards/${CYCLE}/qr-sign-in`, { token: 'x' })).status).toBe(404);
    const sales = await demo.login(LOGINS.sales);
    expect((await sales.post(`/api/boards/${CYCLE}/invites`, {})).status).toBe(403);
  });

  it('gives nothing for the invite alone: no session, no board, no API', async () => {
    const minted = await mintInvite(demo.url, cookieOf(await demo.login(LOGINS.hr)), CYCLE);
    const { invite } = minted.body;
    const info = await fetch(`${demo.url}/api/boards/${CYCLE}/join?invite=${encodeURIComponent(invite)}`);
    expect(await info.json()).toMatchObject({ boardId: `cycle:${CYCLE}`, you: null });
    const alone = await joinBoard(demo.url, CYCLE, { invite });
    expect(alone.status).toBe(400);
    expect(alone.cookie).toBe('');
    const asCookie = await fetch(`${demo.url}/api/auth/me`, { headers: { cookie: `okr_session=${invite}` } });
    expect(asCookie.status).toBe(401);
    const asBearer = await fetch(`${demo.url}/api/people`, {
      headers: { authorization: `Bearer ${invite}` },
    });
    expect(asBearer.status).toBe(401);
    const ws = `${demo.url.replace(/^http/, 'ws')}/api/boards/${CYCLE}/ws`;
    expect(await upgradeStatus(`${ws}?token=${encodeURIComponent(invite)}`)).toBe(401);
    expect(await upgradeStatus(`${ws}?qr=${encodeURIComponent(invite)}`)).toBe(401);
  });

  it('strategy cannot become the admin through the QR code, and the KR reads back unchanged', async () => {
    const strategy = await demo.login(LOGINS.strategy);
    const kr = await strategy.get('/api/key-results/kr-sunhao-1');
    expect(kr.status).toBe(200);
    expect(
      (await strategy.patch('/api/key-results/kr-sunhao-1', { version: kr.body.version, title: 'x' })).status,
    ).toBe(403);
    const before = await readKr('kr-sunhao-1');
    const { invite } = (await mintInvite(demo.url, cookieOf(strategy), CYCLE)).body;

    // The admin's login without the admin's password is a wrong login, not a session.
    const asAdmin = await joinBoard(demo.url, CYCLE, {
      invite,
      login: LOGINS.admin,
      password: DEMO_PASSWORD.slice(1),
    });
    expect(asAdmin.status).toBe(401);
    expect(asAdmin.body.code).toBe('wrong-login');
    expect(asAdmin.cookie).toBe('');

    // Joining with their own password, the strategy user is themself, on a board-only session.
    const own = await joinBoard(demo.url, CYCLE, { invite, login: LOGINS.strategy, password: DEMO_PASSWORD });
    expect(own.status).toBe(200);
    expect(own.body.personId).toBe('person-wangjianguo');
    const patched = await fetch(`${demo.url}/api/key-results/kr-sunhao-1`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', cookie: own.cookie },
      body: JSON.stringify({ version: before.version, title: 'taken over' }),
    });
    expect(patched.status).toBe(403);
    const board = await BoardClient.connect(
      `${demo.url.replace(/^http/, 'ws')}/api/boards/${CYCLE}/ws`,
      own.cookie,
    );
    try {
      expect(board.welcome().you.personId).toBe('person-wangjianguo');
      const viaSocket = (await board.intent({
        kind: 'update-kr',
        krId: 'kr-sunhao-1',
        version: before.version,
        fields: { title: 'taken over' },
      })) as Msg<'error'>;
      expect(viaSocket.code).toBe('forbidden');
    } finally {
      await board.close();
    }
    expect(await readKr('kr-sunhao-1')).toEqual(before);
  });

  it("hr cannot raise a rep's target through the rep's QR session, and the target reads back unchanged", async () => {
    const hr = await demo.login(LOGINS.hr);
    const before = await readKr('kr-sunhao-1');
    const { invite } = (await mintInvite(demo.url, cookieOf(hr), CYCLE)).body;
    const asRep = await joinBoard(demo.url, CYCLE, {
      invite,
      login: LOGINS.sameRegionSales,
      password: 'guessed',
    });
    expect(asRep.status).toBe(401);
    const own = await joinBoard(demo.url, CYCLE, { invite, login: LOGINS.hr, password: DEMO_PASSWORD });
    expect(own.body.personId).toBe('person-linxue');
    const raised = await fetch(`${demo.url}/api/key-results/kr-sunhao-1`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', cookie: own.cookie },
      body: JSON.stringify({ version: before.version, target: before.target * 10, targetReason: 'x10' }),
    });
    expect(raised.status).toBe(403);
    expect(await readKr('kr-sunhao-1')).toEqual(before);
  });

  it('refuses a replayed join, and a board session replayed after sign-out', async () => {
    const { invite } = (await mintInvite(demo.url, cookieOf(await demo.login(LOGINS.manager)), CYCLE)).body;
    const join = { invite, login: LOGINS.sales, password: DEMO_PASSWORD };
    const first = await joinBoard(demo.url, CYCLE, join);
    expect(first.status).toBe(200);
    const replay = await joinBoard(demo.url, CYCLE, join);
    expect(replay.status).toBe(409);
    expect(replay.body.code).toBe('invite-used');
    expect(replay.cookie).toBe('');
    // The same code still lets someone else in, as themself.
    const colleague = await joinBoard(demo.url, CYCLE, { ...join, login: LOGINS.sameRegionSales });
    expect(colleague.body.personId).toBe('person-sunhao');

    await fetch(`${demo.url}/api/auth/logout`, { method: 'POST', headers: { cookie: first.cookie } });
    expect((await fetch(`${demo.url}/api/auth/me`, { headers: { cookie: first.cookie } })).status).toBe(401);
    expect((await joinBoard(demo.url, CYCLE, join)).status).toBe(409);
  });
});

describe('the board WebSocket (small fixture, movable clock)', () => {
  let server: TestServer;
  let offsetMs = 0;
  const clients: BoardClient[] = [];
  beforeAll(async () => {
    server = await startServer({ now: () => new Date(Date.now() + offsetMs) });
  });
  afterEach(async () => {
    offsetMs = 0;
    await Promise.all(clients.splice(0).map((c) => c.close()));
  });
  afterAll(() => server.close());

  const connect = async (cookie: string) => {
    const c = await BoardClient.connect(server.wsUrl('c1'), cookie);
    clients.push(c);
    return c;
  };
  const closed = (c: BoardClient) =>
    new Promise<number>((resolve) => {
      if (c.socket.readyState === WebSocket.CLOSED) resolve(-1);
      c.socket.once('close', (code) => resolve(code));
    });
  const evidenceOf = async (id: string) =>
    (
      await server.storage.db
        .selectFrom('key_results')
        .select(['evidence', 'version'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
    ).evidence;

  it('closes a board-session socket when its QR code expires; it receives nothing after', async () => {
    const minted = await mintInvite(server.base, await server.login('mgr-east'), 'c1', { ttlSeconds: 300 });
    const joined = await joinBoard(server.base, 'c1', {
      invite: minted.body.invite,
      login: 'li',
      password: PASSWORD,
    });
    const phone = await connect(joined.cookie);
    const desk = await connect(await server.login('mgr-east'));
    const end = closed(phone);
    offsetMs = 301_000;
    expect(await end).toBe(4401);
    expect(phone.messages.at(-1)).toMatchObject({ type: 'error', code: 'expired' });
    const seen = phone.messages.length;
    expect(
      (await desk.intent({ kind: 'update-kr', krId: 'kr-li', version: 1, fields: { evidence: 'after' } }))
        .type,
    ).toBe('ack');
    await desk.next((m) => m.type === 'change');
    expect(phone.messages.length).toBe(seen);
    expect(await upgradeStatus(server.wsUrl('c1'), joined.cookie)).toBe(401);
    const late = await joinBoard(server.base, 'c1', {
      invite: minted.body.invite,
      login: 'zhang',
      password: PASSWORD,
    });
    expect(late.body.code).toBe('qr-token-expired');
  });

  it('closes a desk socket when its session ends', async () => {
    const desk = await connect(await server.login('zhang'));
    const end = closed(desk);
    offsetMs = 12 * 60 * 60 * 1000 + 1000;
    expect(await end).toBe(4401);
  });

  it('refuses an upgrade from a foreign Origin, with the session cookie', async () => {
    const cookie = await server.login('hr');
    const from = (origin: string) =>
      new Promise<number>((resolve) => {
        const socket = new WebSocket(server.wsUrl('c1'), { headers: { cookie }, origin });
        socket.once('unexpected-response', (_req, res) => {
          resolve(res.statusCode ?? 0);
          socket.terminate();
        });
        socket.once('message', () => {
          resolve(101);
          socket.close();
        });
        socket.once('error', () => undefined);
      });
    expect(await from('https://evil.example')).toBe(403);
    expect(await from('null')).toBe(403);
    expect(await from(server.base)).toBe(101);
  });

  it('answers no echo-all: 50 frames of 1 KB reach no other socket', async () => {
    const sender = await connect(await server.login('zhang'));
    const victim = await connect(await server.login('li'));
    const payload = 'x'.repeat(1024);
    for (let i = 0; i < 50; i++) sender.send({ type: 'echo-all', id: `e${i}`, payload });
    sender.send({ type: 'echo', id: 'self', payload });
    await sender.next((m) => m.type === 'error' && m.id === 'self');
    const answers = sender.messages.filter((m) => m.type === 'error') as Msg<'error'>[];
    expect(answers.map((m) => m.code)).toEqual(Array(51).fill('bad-message'));
    expect(sender.messages.filter((m) => m.type === 'echo')).toEqual([]);
    // The victim's socket is answered after the sender's frames: had an echo been sent, it came first.
    await victim.intent({ kind: 'update-kr', krId: 'kr-li', version: 99, fields: { evidence: 'x' } });
    expect(victim.messages.filter((m) => m.type === 'echo')).toEqual([]);
  });

  it('limits a flood of intents per socket: refused with rate-limited, then closed', async () => {
    const { burst } = DEFAULT_REALTIME_OPTIONS.frameRate;
    const most = burst + 5; // the bucket refills a little while the frames arrive
    const flooder = await connect(await server.login('zhang'));
    const watcher = await connect(await server.login('mgr-east'));
    const end = closed(flooder);
    for (let i = 0; i < 300; i++) {
      flooder.send({
        type: 'intent',
        id: `f${i}`,
        intent: { kind: 'update-kr', krId: 'kr-zhang', version: 1 + i, fields: { evidence: `flood ${i}` } },
      });
    }
    expect(await end).toBe(1008);
    const limited = flooder.messages.filter((m) => m.type === 'error' && m.code === 'rate-limited');
    expect(limited.length).toBeGreaterThan(0);
    const acks = flooder.messages.filter((m) => m.type === 'ack').length;
    expect(acks).toBeLessThanOrEqual(most);
    const stored = await server.storage.db
      .selectFrom('key_results')
      .select('version')
      .where('id', '=', 'kr-zhang')
      .executeTakeFirstOrThrow();
    expect(stored.version).toBeLessThanOrEqual(1 + most);
    expect(await evidenceOf('kr-zhang')).toBe(`flood ${stored.version - 2}`);
    expect(watcher.messages.filter((m) => m.type === 'change').length).toBeLessThanOrEqual(most);
    // The watcher's own socket is untouched.
    expect(
      (await watcher.intent({ kind: 'update-kr', krId: 'kr-li', version: 1, fields: { evidence: 'calm' } }))
        .type,
    ).not.toBe('error');
  });
});
