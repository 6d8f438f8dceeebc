import type { ServerMessage } from '../../host/server/realtime/protocol.ts';
import { mintBoardInvite, verifyBoardInvite } from '../../host/server/realtime/qr-token.ts';
import { joinBoard, mintInvite } from './board-join.ts';
import { BoardClient, PASSWORD, startServer, type TestServer, upgradeStatus } from './realtime-fixture.ts';

type Msg<T extends ServerMessage['type']> = Extract<ServerMessage, { type: T }>;

let server: TestServer;
const clients: BoardClient[] = [];

beforeAll(async () => {
  server = await startServer();
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
});
afterAll(async () => {
  await server.close();
});

async function invite(login: string, body: object = {}, cycleId = 'c1') {
  return mintInvite(server.base, await server.login(login), cycleId, body);
}

describe('kickoff QR code: one invite per board, each phone joins as itself', () => {
  it('lets two people join with the same code, each as themselves, each held to what they may do', async () => {
    const minted = await invite('mgr-east', { ttlSeconds: 600 });
    expect(minted.status).toBe(200);
    expect(Object.keys(minted.body).sort()).toEqual(
      ['boardId', 'cycleId', 'cycleName', 'expiresAt', 'invite', 'path'].sort(),
    );
    expect(minted.body.path).toBe(`/board/c1?qr=${encodeURIComponent(minted.body.invite)}`);

    const zhang = await joinBoard(server.base, 'c1', {
      invite: minted.body.invite,
      login: 'zhang',
      password: PASSWORD,
    });
    const li = await joinBoard(server.base, 'c1', {
      invite: minted.body.invite,
      login: 'li',
      password: PASSWORD,
    });
    expect([zhang.status, li.status]).toEqual([200, 200]);
    expect(zhang.body).toMatchObject({ boardId: 'cycle:c1', personId: 'zhang', name: '张三' });
    expect(zhang.body.expiresAt).toBe(minted.body.expiresAt);

    const phone = await BoardClient.connect(server.wsUrl('c1'), zhang.cookie);
    const other = await BoardClient.connect(server.wsUrl('c1'), li.cookie);
    clients.push(phone, other);
    expect(phone.welcome().you).toMatchObject({ personId: 'zhang', via: 'qr' });
    expect(other.welcome().you).toMatchObject({ personId: 'li', via: 'qr' });
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
    const notHis = (await phone.intent({
      kind: 'update-kr',
      krId: 'kr-li',
      version: 1,
      fields: { title: 'x' },
    })) as Msg<'error'>;
    expect(notHis.code).toBe('forbidden');
  });

  it('gives a session limited to the board: other APIs, other boards and minting are refused', async () => {
    const minted = await invite('hr');
    const joined = await joinBoard(server.base, 'c1', {
      invite: minted.body.invite,
      login: 'wang',
      password: PASSWORD,
    });
    const cookie = joined.cookie;
    const info = (await (
      await fetch(`${server.base}/api/boards/c1/join?invite=${encodeURIComponent(minted.body.invite)}`, {
        headers: { cookie },
      })
    ).json()) as { cycleName: string; you: { personId: string } | null };
    expect(info).toMatchObject({ cycleName: '2026 H1', you: { personId: 'wang' } });
    const me = (await (await fetch(`${server.base}/api/auth/me`, { headers: { cookie } })).json()) as {
      personId: string;
      scope: { boardId: string; expiresAt: string };
    };
    expect(me.personId).toBe('wang');
    expect(me.scope).toMatchObject({ boardId: 'cycle:c1', expiresAt: minted.body.expiresAt });
    const people = (await (
      await fetch(`${server.base}/api/people`, { headers: { cookie } })
    ).json()) as object[];
    for (const p of people) expect(Object.keys(p).sort()).toEqual(['id', 'name', 'regionId']);
    expect((await fetch(`${server.base}/api/check-ins`, { headers: { cookie } })).status).toBe(403);
    expect((await fetch(`${server.base}/api/activities`, { headers: { cookie } })).status).toBe(403);
    expect(await upgradeStatus(server.wsUrl('c2'), cookie)).toBe(403);
    expect((await mintInvite(server.base, cookie, 'c1')).status).toBe(403);
  });

  it('is refused for another board, and when tampered with', async () => {
    const minted = await invite('strat');
    const elsewhere = await joinBoard(server.base, 'c2', {
      invite: minted.body.invite,
      login: 'zhang',
      password: PASSWORD,
    });
    expect(elsewhere.status).toBe(403);
    const [p, claims, mac] = minted.body.invite.split('.');
    const forged = Buffer.from(
      Buffer.from(claims!, 'base64url').toString().replace('"cycle:c1"', '"cycle:c2"'),
    ).toString('base64url');
    const tampered = await joinBoard(server.base, 'c2', {
      invite: `${p}.${forged}.${mac}`,
      login: 'zhang',
      password: PASSWORD,
    });
    expect(tampered.status).toBe(401);
    expect(tampered.body.code).toBe('qr-token-invalid');
  });

  it('is shown by strategy, managers and hr, for a board that exists and is open', async () => {
    expect((await invite('zhang')).status).toBe(403);
    expect((await invite('admin')).status).toBe(403);
    expect((await invite('mgr-north')).status).toBe(200);
    expect((await invite('hr', {}, 'no-such-cycle')).status).toBe(404);
    expect((await invite('hr', { ttlSeconds: 10 })).status).toBe(400);
  });
});

describe('board invite token', () => {
  const secret = 'test-secret';
  it('carries only board, expiry and nonce, and checks board, expiry and signature', () => {
    const now = Date.UTC(2026, 0, 10, 9);
    const { token, claims } = mintBoardInvite(secret, { board: 'cycle:c1', ttlSeconds: 60, now });
    expect(Object.keys(claims).sort()).toEqual(['board', 'exp', 'nonce']);
    expect(JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString())).toEqual(claims);
    expect(verifyBoardInvite(secret, token, { board: 'cycle:c1', now: now + 59_000 })).toEqual(claims);
    expect(() => verifyBoardInvite(secret, token, { board: 'cycle:c1', now: now + 60_000 })).toThrow(
      /expired/,
    );
    expect(() => verifyBoardInvite(secret, token, { board: 'cycle:c2', now })).toThrow(/another board/);
    expect(() => verifyBoardInvite('other-secret', token, { board: 'cycle:c1', now })).toThrow(/signature/);
    expect(() => verifyBoardInvite(secret, 'garbage', { board: 'cycle:c1', now })).toThrow(
      /not a board QR code/,
    );
    expect(mintBoardInvite(secret, { board: 'cycle:c1', ttlSeconds: 60, now }).claims.nonce).not.toBe(
      claims.nonce,
    );
  });
});
