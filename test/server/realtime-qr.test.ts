import type { ServerMessage } from '../../host/server/realtime/protocol.ts';
import { mintQrToken, verifyQrToken } from '../../host/server/realtime/qr-token.ts';
import { BoardClient, startServer, type TestServer, upgradeStatus } from './realtime-fixture.ts';

type Msg<T extends ServerMessage['type']> = Extract<ServerMessage, { type: T }>;

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
afterAll(async () => {
  await server.close();
});

async function mint(login: string, body: object, cycleId = 'c1') {
  const cookie = await server.login(login);
  const res = await fetch(`${server.base}/api/boards/${cycleId}/qr-tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify(body),
  });
  return {
    status: res.status,
    body: (await res.json()) as { token: string; expiresAt: string; personId: string; message?: string },
  };
}

describe('kickoff QR token', () => {
  it('signs a phone into its board without a password and lets it edit its KR and links', async () => {
    const { status, body } = await mint('mgr-east', { personId: 'zhang', ttlSeconds: 600 });
    expect(status).toBe(200);
    expect(body.personId).toBe('zhang');
    const phone = await BoardClient.connect(server.wsUrl('c1', body.token));
    clients.push(phone);
    expect(phone.welcome().you).toMatchObject({ personId: 'zhang', via: 'qr' });
    const linked = await phone.intent({
      kind: 'link',
      krId: 'kr-zhang',
      objectiveId: 'o1',
      weight: 50,
      version: null,
    });
    expect(linked.type).toBe('ack');
    const edited = await phone.intent({
      kind: 'update-kr',
      krId: 'kr-zhang',
      version: 1,
      fields: { rationale: '支撑新能源' },
    });
    expect(edited.type).toBe('ack');
    // Still only what zhang may do: not li's KR.
    const other = (await phone.intent({
      kind: 'update-kr',
      krId: 'kr-li',
      version: 1,
      fields: { title: 'x' },
    })) as Msg<'error'>;
    expect(other.code).toBe('forbidden');
  });

  it('is refused on another board, as a cookie for other APIs, and when tampered with', async () => {
    const { body } = await mint('strat', { personId: 'zhang' });
    expect(await upgradeStatus(server.wsUrl('c2', body.token))).toBe(403);
    const asCookie = await fetch(`${server.base}/api/people`, {
      headers: { cookie: `okr_session=${body.token}` },
    });
    expect(asCookie.status).toBe(401);
    const bearer = await fetch(`${server.base}/api/people`, {
      headers: { authorization: `Bearer ${body.token}` },
    });
    expect(bearer.status).toBe(401);
    const [p, claims, mac] = body.token.split('.');
    const forged = Buffer.from(
      Buffer.from(claims!, 'base64url').toString().replace('"cycle:c1"', '"cycle:c2"'),
    ).toString('base64url');
    expect(await upgradeStatus(server.wsUrl('c2', `${p}.${forged}.${mac}`))).toBe(401);
  });

  it('signs in a board-limited session that other APIs and other boards refuse', async () => {
    const { body } = await mint('hr', { personId: 'zhang' });
    const res = await fetch(`${server.base}/api/boards/c1/qr-sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: body.token }),
    });
    expect(res.status).toBe(200);
    const cookie = res.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const me = await fetch(`${server.base}/api/auth/me`, { headers: { cookie } });
    expect(((await me.json()) as { scope: { boardId: string } }).scope.boardId).toBe('cycle:c1');
    // People: names and regions only (what the board draws), never pay data.
    const people = (await (
      await fetch(`${server.base}/api/people`, { headers: { cookie } })
    ).json()) as object[];
    for (const p of people) expect(Object.keys(p).sort()).toEqual(['id', 'name', 'regionId']);
    expect((await fetch(`${server.base}/api/check-ins`, { headers: { cookie } })).status).toBe(403);
    expect((await fetch(`${server.base}/api/activities`, { headers: { cookie } })).status).toBe(403);
    expect(await upgradeStatus(server.wsUrl('c2'), cookie)).toBe(403);
    const phone = await BoardClient.connect(server.wsUrl('c1'), cookie);
    clients.push(phone);
    expect(phone.welcome().you).toMatchObject({ personId: 'zhang', via: 'qr' });
    // A scoped session cannot mint tokens either.
    const again = await fetch(`${server.base}/api/boards/c1/qr-tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: '{}',
    });
    expect(again.status).toBe(403);
  });

  it('expires', async () => {
    const { body } = await mint('mgr-east', { personId: 'li', ttlSeconds: 60 });
    const phone = await BoardClient.connect(server.wsUrl('c1', body.token));
    clients.push(phone);
    offsetMs = 61_000;
    expect(await upgradeStatus(server.wsUrl('c1', body.token))).toBe(401);
    const signIn = await fetch(`${server.base}/api/boards/c1/qr-sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: body.token }),
    });
    expect(signIn.status).toBe(401);
    // An open connection whose token expired can no longer write.
    const late = (await phone.intent({
      kind: 'update-kr',
      krId: 'kr-li',
      version: 1,
      fields: { evidence: 'late' },
    })) as Msg<'error'>;
    expect(late.code).toBe('expired');
    const row = await server.storage.db
      .selectFrom('key_results')
      .select('evidence')
      .where('id', '=', 'kr-li')
      .executeTakeFirstOrThrow();
    expect(row.evidence).toBe('');
  });

  it('is minted only by strategy, managers and hr, a manager only for their region', async () => {
    expect((await mint('zhang', {})).status).toBe(403);
    expect((await mint('admin', {})).status).toBe(403);
    expect((await mint('mgr-east', { personId: 'wang' })).status).toBe(403);
    expect((await mint('mgr-north', { personId: 'wang' })).status).toBe(200);
    expect((await mint('hr', { personId: 'nobody' })).status).toBe(404);
    expect((await mint('hr', {}, 'no-such-cycle')).status).toBe(404);
  });
});

describe('qr-token', () => {
  const secret = 'test-secret';
  it('round-trips and checks board, expiry and signature', () => {
    const now = Date.UTC(2026, 0, 10, 9);
    const { token, claims } = mintQrToken(secret, {
      board: 'cycle:c1',
      sub: 'p',
      by: 'm',
      ttlSeconds: 60,
      now,
    });
    expect(verifyQrToken(secret, token, { board: 'cycle:c1', now: now + 59_000 })).toEqual(claims);
    expect(() => verifyQrToken(secret, token, { board: 'cycle:c1', now: now + 60_000 })).toThrow(/expired/);
    expect(() => verifyQrToken(secret, token, { board: 'cycle:c2', now })).toThrow(/another board/);
    expect(() => verifyQrToken('other-secret', token, { board: 'cycle:c1', now })).toThrow(/signature/);
    expect(() => verifyQrToken(secret, 'garbage', { board: 'cycle:c1', now })).toThrow(
      /not a kickoff QR token/,
    );
  });
});
