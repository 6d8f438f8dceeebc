// Realtime over NocoBase's own WebSocket (NOCOBASE_URL): real sockets, NocoBase's auth handshake,
// board messages after committed writes, presence, and nothing for sockets the pack does not admit.
import WebSocket from 'ws';
import {
  type Answer,
  base,
  type Caller,
  call,
  importDemo,
  liveLock,
  signInRoot,
  userFor,
} from './live-client.ts';

const BOARD = 'cycle:cycle-2026-h1';

interface Received {
  at: number;
  type: string;
  // biome-ignore lint/suspicious/noExplicitAny: WebSocket payloads are JSON; the assertions check their shape.
  payload: any;
}

/** A NocoBase WebSocket client that keeps every message it receives. */
class Client {
  readonly received: Received[] = [];
  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const m = JSON.parse(String(data)) as { type: string; payload?: unknown };
      this.received.push({ at: performance.now(), type: m.type, payload: m.payload });
    });
  }

  /**
   * Opens `/ws` and, with a token, authenticates exactly as NocoBase 2.2's client does
   * (`{type:'auth:token', payload:{token, authenticator}}`, answered by `{type:'authorized'}`).
   */
  static async open(token?: string): Promise<Client> {
    const ws = new WebSocket(`${base!.replace(/^http/, 'ws')}/ws`);
    const client = new Client(ws);
    await new Promise((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('error', reject);
    });
    if (token) {
      client.send('auth:token', { token, authenticator: 'basic' });
      await client.next((m) => m.type === 'authorized');
    }
    return client;
  }

  send(type: string, payload: unknown): void {
    this.ws.send(JSON.stringify({ type, payload }));
  }

  /** The first message (from `from` on) matching `match`, waiting up to `timeoutMs`. */
  async next(match: (m: Received) => boolean, timeoutMs = 5000, from = 0): Promise<Received> {
    const until = performance.now() + timeoutMs;
    for (;;) {
      const found = this.received.slice(from).find(match);
      if (found) return found;
      if (performance.now() > until) throw new Error(`no matching message in ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  ours(): Received[] {
    return this.received.filter((m) => m.type.startsWith('okr-align:'));
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.ws.once('close', () => resolve());
      this.ws.close();
    });
  }
}

const presenceOf = (m: Received) =>
  (m.payload.people as { personId: string }[]).map((p) => p.personId).sort();
const isPresence = (ids: string[]) => (m: Received) =>
  m.type === 'okr-align:presence' &&
  m.payload.boardId === BOARD &&
  presenceOf(m).join() === [...ids].sort().join();

describe.skipIf(!base)('nocobase adapter: realtime over NocoBase WebSocket', () => {
  let release = () => {};
  let root: Caller = null;
  const tokens: Record<string, string> = {};
  let rep: Caller = null;
  const sockets: Client[] = [];
  const open = async (token?: string) => {
    const c = await Client.open(token);
    sockets.push(c);
    return c;
  };

  beforeAll(async () => {
    release = await liveLock();
    root = await signInRoot();
    await importDemo(root);
    rep = (await userFor(root, 'okr_live_zhaomin', ['okr_sales'], 'person-zhaomin')).as;
    tokens.rep = rep!.token;
    tokens.manager = (await userFor(root, 'okr_live_chenzhiqiang', ['okr_manager'], 'person-chenzhiqiang'))
      .as!.token;
    tokens.otherRep = (await userFor(root, 'okr_live_sunhao', ['okr_sales'], 'person-sunhao')).as!.token;
    tokens.member = (await userFor(root, 'okr_live_member', ['member'])).as!.token;
  }, 300_000);
  // Each test starts with nobody on the board.
  afterEach(async () => {
    await Promise.all(
      sockets.splice(0).map((s) => (s.ws.readyState === WebSocket.OPEN ? s.close() : undefined)),
    );
  });
  afterAll(() => release());

  it('pushes a link saved over HTTP to the others on the board, with presence, and nothing to strangers', async () => {
    const anonymous = await open();
    const member = await open(tokens.member);
    const repWs = await open(tokens.rep);
    const managerWs = await open(tokens.manager);
    const otherWs = await open(tokens.otherRep);
    for (const c of [anonymous, member, repWs, managerWs, otherWs])
      c.send('okr-align:join', { boardId: BOARD });
    const everyone = ['person-chenzhiqiang', 'person-sunhao', 'person-zhaomin'];
    const presence = await managerWs.next(isPresence(everyone));
    expect(presence.payload.people).toContainEqual({
      personId: 'person-zhaomin',
      name: '赵敏',
      since: expect.any(String),
    });
    await repWs.next(isPresence(everyone));

    const link = { krId: 'kr-zhaomin-1', objectiveId: 'obj-key-accounts' };
    const from = managerWs.received.length;
    const saved = await call(rep, 'okrAlign:saveLink', { ...link, weight: 10 });
    expect(saved.status).toBe(200);
    const pushed = await managerWs.next((m) => m.type === 'okr-align:board', 5000, from);
    expect(pushed.payload).toEqual({
      boardId: BOARD,
      message: {
        type: 'link.saved',
        id: 'kr-zhaomin-1:obj-key-accounts',
        version: 1,
        record: { ...link, weight: 10, version: 1, linkedAt: saved.data.linkedAt },
        byPersonId: 'person-zhaomin',
      },
    });
    await repWs.next((m) => m.type === 'okr-align:board' && m.payload.message.version === 1);

    const removed = await call(rep, 'okrAlign:deleteLink', { ...link, version: 1 });
    expect(removed.status).toBe(200);
    const gone = await managerWs.next(
      (m) => m.type === 'okr-align:board' && m.payload.message.type === 'link.removed',
    );
    expect(gone.payload.message).toEqual({
      type: 'link.removed',
      id: 'kr-zhaomin-1:obj-key-accounts',
      byPersonId: 'person-zhaomin',
    });

    // Another rep may not read 赵敏's KRs, so hears of the board's people but not of her links.
    await new Promise((r) => setTimeout(r, 300));
    expect(otherWs.ours().filter((m) => m.type === 'okr-align:board')).toEqual([]);
    expect(otherWs.ours().some(isPresence(everyone))).toBe(true);
    expect(anonymous.ours()).toEqual([]);
    expect(member.ours()).toEqual([]);
  });

  it('pushes KR updates and check-ins; measures delivery latency of 20 link saves', async () => {
    const repWs = await open(tokens.rep);
    const managerWs = await open(tokens.manager);
    for (const c of [repWs, managerWs]) c.send('okr-align:join', { boardId: BOARD });
    await managerWs.next((m) => m.type === 'okr-align:presence' && presenceOf(m).includes('person-zhaomin'));

    const kr = (await call(rep, 'okrAlign:snapshot')).data.keyResults.find(
      (k: { id: string }) => k.id === 'kr-zhaomin-4',
    );
    let from = managerWs.received.length;
    await call(rep, 'okrAlign:updateKeyResult', {
      id: kr.id,
      version: kr.version,
      unit: '单',
    });
    const krMsg = await managerWs.next((m) => m.type === 'okr-align:board', 5000, from);
    expect(krMsg.payload.message).toMatchObject({
      type: 'keyResult.saved',
      id: kr.id,
      version: kr.version + 1,
      record: { unit: '单' },
    });
    from = managerWs.received.length;
    const checkIn = await call(rep, 'okrAlign:saveCheckIn', {
      krId: kr.id,
      month: '2026-06',
      value: 3,
      confidence: 6,
    });
    const ciMsg = await managerWs.next((m) => m.type === 'okr-align:board', 5000, from);
    expect(ciMsg.payload.message).toMatchObject({
      type: 'checkIn.saved',
      id: checkIn.data.id,
      record: { value: 3 },
    });

    const link = { krId: 'kr-zhaomin-4', objectiveId: 'obj-new-energy' };
    let version: number | null = null;
    const sinceRequest: number[] = [];
    const sinceResponse: number[] = [];
    for (let i = 0; i < 20; i++) {
      from = managerWs.received.length;
      const sent = performance.now();
      const r: Answer = await call(rep, 'okrAlign:saveLink', {
        ...link,
        weight: 10 + i,
        ...(version === null ? {} : { version }),
      });
      const answered = performance.now();
      expect(r.status).toBe(200);
      version = r.data.version;
      const m = await managerWs.next(
        (x) => x.type === 'okr-align:board' && x.payload.message.version === version,
        5000,
        from,
      );
      sinceRequest.push(m.at - sent);
      sinceResponse.push(m.at - answered);
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const ms = (x: number) => `${x.toFixed(1)} ms`;
    console.info(
      `okr-align realtime latency over 20 link saves: request→push median ${ms(median(sinceRequest))}, max ${ms(Math.max(...sinceRequest))}; HTTP answer→push median ${ms(median(sinceResponse))}`,
    );
    expect(median(sinceRequest)).toBeLessThan(1000);
  }, 60_000);

  it('updates presence when someone leaves the board or their socket closes', async () => {
    const repWs = await open(tokens.rep);
    const managerWs = await open(tokens.manager);
    const otherWs = await open(tokens.otherRep);
    for (const c of [repWs, managerWs, otherWs]) c.send('okr-align:join', { boardId: BOARD });
    await repWs.next(isPresence(['person-chenzhiqiang', 'person-sunhao', 'person-zhaomin']));
    let from = repWs.received.length;
    managerWs.send('okr-align:leave', { boardId: BOARD });
    await repWs.next(isPresence(['person-sunhao', 'person-zhaomin']), 5000, from);
    from = repWs.received.length;
    await otherWs.close();
    await repWs.next(isPresence(['person-zhaomin']), 5000, from);
    // Left the board: the manager hears nothing of it any more.
    from = managerWs.received.length;
    await call(rep, 'okrAlign:saveLink', {
      krId: 'kr-zhaomin-5',
      objectiveId: 'obj-new-energy',
      weight: 5,
    });
    await repWs.next(
      (m) => m.type === 'okr-align:board' && m.payload.message.id === 'kr-zhaomin-5:obj-new-energy',
    );
    expect(managerWs.ours().slice(from)).toEqual([]);
  });
});
