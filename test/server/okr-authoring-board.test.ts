import type { ServerMessage } from '../../host/server/realtime/protocol.ts';
import { BoardClient, startServer, type TestServer } from './realtime-fixture.ts';

type Change = Extract<ServerMessage, { type: 'change' }>;

// Issue 14: what the web shell's drawers write over HTTP reaches every board screen over its socket.
describe('authoring reaches the board', () => {
  let server: TestServer;
  const clients: BoardClient[] = [];
  const cookies = new Map<string, string>();
  const cookieOf = async (login: string) => {
    const cookie = cookies.get(login) ?? (await server.login(login));
    cookies.set(login, cookie);
    return cookie;
  };
  const connect = async (login: string) => {
    const c = await BoardClient.connect(server.wsUrl('c1'), await cookieOf(login));
    clients.push(c);
    return c;
  };
  const http = async (login: string, method: string, path: string, body: unknown) => {
    const res = await fetch(`${server.base}${path}`, {
      method,
      headers: { 'content-type': 'application/json', cookie: await cookieOf(login), origin: server.base },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: await res.json() };
  };

  beforeAll(async () => {
    server = await startServer();
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()));
  });
  afterAll(() => server.close());

  it('shows a proposed KR on every screen that may read it, and drops it once archived', async () => {
    const screens = await Promise.all(['zhang', 'mgr-east', 'hr'].map(connect));
    const created = await http('zhang', 'POST', '/api/key-results', {
      cycleId: 'c1',
      ownerType: 'person',
      ownerId: 'zhang',
      title: '新签储能客户 6 家',
      metric: 'number',
      baseline: 0,
      target: 6,
    });
    expect(created.status).toBe(201);
    for (const s of screens) {
      const m = await s.next<Change>((x) => x.type === 'change' && x.change.id === created.body.id);
      expect(m.change).toMatchObject({ type: 'keyResult.saved', byPersonId: 'zhang' });
      expect(m.change.record).toMatchObject({ title: '新签储能客户 6 家', target: 6 });
    }
    const archived = await http('mgr-east', 'POST', `/api/key-results/${created.body.id}/archive`, {
      version: created.body.version,
    });
    expect([archived.status, typeof archived.body.archivedAt]).toEqual([200, 'string']);
    for (const s of screens) {
      const m = await s.next<Change>(
        (x) =>
          x.type === 'change' && x.change.id === created.body.id && x.change.type === 'keyResult.removed',
      );
      expect(m.change.byPersonId).toBe('mgr-east');
    }
  });

  it('shows an archived objective to the board with its archive time, so screens grey it out', async () => {
    const hr = await connect('hr');
    const made = await http('strat', 'POST', '/api/objectives', {
      cycleId: 'c1',
      title: '开拓海外渠道',
      description: '东南亚代理商',
      weight: 5,
    });
    expect([made.status, made.body.description]).toEqual([201, '东南亚代理商']);
    await hr.next<Change>((x) => x.type === 'change' && x.change.id === made.body.id);
    const archived = await http('strat', 'POST', `/api/objectives/${made.body.id}/archive`, { version: 1 });
    expect(archived.status).toBe(200);
    const m = await hr.next<Change>(
      (x) =>
        x.type === 'change' &&
        x.change.id === made.body.id &&
        typeof (x.change.record as { archivedAt?: string } | undefined)?.archivedAt === 'string',
    );
    expect(m.change.type).toBe('objective.saved');
  });
});
