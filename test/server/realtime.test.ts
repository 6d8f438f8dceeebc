import type { BoardKr } from '../../host/server/realtime/board-store.ts';
import type { ServerMessage } from '../../host/server/realtime/protocol.ts';
import { BACKENDS, BoardClient, startServer, type TestServer } from './realtime-fixture.ts';

type Msg<T extends ServerMessage['type']> = Extract<ServerMessage, { type: T }>;

describe.each(BACKENDS)('board WebSocket on $name', (backend) => {
  let server: TestServer;
  const clients: BoardClient[] = [];
  const cookies = new Map<string, string>();

  async function connect(login: string, cycleId = 'c1'): Promise<BoardClient> {
    let cookie = cookies.get(login);
    if (!cookie) {
      cookie = await server.login(login);
      cookies.set(login, cookie);
    }
    const c = await BoardClient.connect(server.wsUrl(cycleId), cookie);
    clients.push(c);
    return c;
  }

  async function storedKr(id: string) {
    return server.storage.db
      .selectFrom('key_results')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
  }

  beforeAll(async () => {
    server = await startServer({ databaseUrl: backend.databaseUrl });
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()));
  });
  afterAll(async () => {
    await server.close();
  });

  it('welcomes a client with the board it may read', async () => {
    const hr = await connect('hr');
    const zhang = await connect('zhang');
    expect(
      hr
        .welcome()
        .board.keyResults.map((k) => k.id)
        .sort(),
    ).toEqual(['kr-east', 'kr-li', 'kr-wang', 'kr-zhang']);
    expect(hr.welcome().board.objectives.map((o) => o.id)).toEqual(['o1', 'o2']);
    // A rep reads only their own KRs (same policy as the HTTP API).
    expect(zhang.welcome().board.keyResults.map((k) => k.id)).toEqual(['kr-zhang']);
    expect(zhang.welcome().you).toMatchObject({ personId: 'zhang', via: 'session' });
  });

  it('refuses an upgrade without a session', async () => {
    await expect(BoardClient.connect(server.wsUrl('c1'))).rejects.toThrow(/401/);
  });

  it('broadcasts a committed link to every client that may read the KR', async () => {
    const zhang = await connect('zhang');
    const watchers = await Promise.all(['hr', 'strat', 'admin', 'mgr-east'].map((l) => connect(l)));
    const li = await connect('li');
    const answer = await zhang.intent({
      kind: 'link',
      krId: 'kr-zhang',
      objectiveId: 'o1',
      weight: 60,
      version: null,
    });
    expect(answer.type).toBe('ack');
    const kr = (answer as Msg<'ack'>).kr;
    expect(kr.links).toEqual([expect.objectContaining({ objectiveId: 'o1', weight: 60, version: 1 })]);
    for (const c of [zhang, ...watchers]) {
      const m = await c.next<Msg<'change'>>((x) => x.type === 'change' && x.change.id === 'kr-zhang:o1');
      expect(m.change).toMatchObject({ type: 'link.saved', version: 1, byPersonId: 'zhang' });
      expect(m.change.record).toMatchObject({ krId: 'kr-zhang', objectiveId: 'o1', weight: 60 });
    }
    // li (another rep) gets his own change but never zhang's: broadcasts leave in commit order.
    await li.intent({ kind: 'update-kr', krId: 'kr-li', version: 1, fields: { evidence: 'li' } });
    await li.next((m) => m.type === 'change' && m.change.id === 'kr-li');
    expect(li.messages.some((m) => m.type === 'change' && m.change.id === 'kr-zhang:o1')).toBe(false);
    const rows = await server.storage.db
      .selectFrom('kr_links')
      .selectAll()
      .where('kr_id', '=', 'kr-zhang')
      .execute();
    expect(rows).toHaveLength(1);
    // The link change is in the audit log, written in the same transaction.
    const audit = await server.storage.db
      .selectFrom('audit_log')
      .selectAll()
      .where('subject_id', '=', 'kr-zhang:o1')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['link.create']);
  });

  it('sends a check-in only to the clients who may read its KR, never to another rep', async () => {
    const zhang = await connect('zhang');
    const mgr = await connect('mgr-east');
    const li = await connect('li');
    const cookie = cookies.get('zhang')!;
    const res = await fetch(`${server.base}/api/key-results/kr-zhang/check-ins/2026-06`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', cookie, origin: server.base },
      body: JSON.stringify({ value: 3, confidence: 6, blockers: '' }),
    });
    expect(res.status, await res.clone().text()).toBeLessThan(300);
    for (const c of [zhang, mgr]) {
      const m = await c.next<Msg<'change'>>((x) => x.type === 'change' && x.change.type === 'checkIn.saved');
      expect(m.change.record).toMatchObject({ krId: 'kr-zhang', value: 3 });
    }
    // li's own change arrives after zhang's in commit order: by then zhang's check-in would have too.
    const version = li.welcome().board.keyResults.find((k) => k.id === 'kr-li')!.version;
    expect(
      (await li.intent({ kind: 'update-kr', krId: 'kr-li', version, fields: { evidence: 'li 2' } })).type,
    ).toBe('ack');
    await li.next((m) => m.type === 'change' && m.change.id === 'kr-li');
    expect(li.messages.some((m) => m.type === 'change' && m.change.type === 'checkIn.saved')).toBe(false);
  });

  it('refuses a stale write with the current row and writes nothing', async () => {
    const zhang = await connect('zhang');
    const mgr = await connect('mgr-east');
    const v = zhang.welcome().board.keyResults.find((k) => k.id === 'kr-zhang')!.version;
    const first = await zhang.intent({
      kind: 'update-kr',
      krId: 'kr-zhang',
      version: v,
      fields: { title: '张三的新标题' },
    });
    expect(first.type).toBe('ack');
    const late = await mgr.intent({
      kind: 'update-kr',
      krId: 'kr-zhang',
      version: v,
      fields: { title: '经理的标题' },
    });
    expect(late.type).toBe('stale');
    const current = (late as Msg<'stale'>).current;
    expect(current).toMatchObject({ id: 'kr-zhang', title: '张三的新标题', version: v + 1 });
    expect(await storedKr('kr-zhang')).toMatchObject({ title: '张三的新标题', version: v + 1 });
    // Retrying on the current row succeeds.
    const retry = await mgr.intent({
      kind: 'update-kr',
      krId: 'kr-zhang',
      version: current.version,
      fields: { title: '经理的标题' },
    });
    expect(retry.type).toBe('ack');
    expect(await storedKr('kr-zhang')).toMatchObject({ title: '经理的标题', version: v + 2 });
  });

  it('refuses a stale link version and a second create of the same link', async () => {
    const zhang = await connect('zhang');
    const created = (await zhang.intent({
      kind: 'link',
      krId: 'kr-zhang',
      objectiveId: 'o2',
      weight: 10,
      version: null,
    })) as Msg<'ack'>;
    expect(created.type).toBe('ack');
    const again = await zhang.intent({
      kind: 'link',
      krId: 'kr-zhang',
      objectiveId: 'o2',
      weight: 20,
      version: null,
    });
    expect(again.type).toBe('stale');
    const updated = await zhang.intent({
      kind: 'link',
      krId: 'kr-zhang',
      objectiveId: 'o2',
      weight: 30,
      version: 1,
    });
    expect(updated.type).toBe('ack');
    const stale = (await zhang.intent({
      kind: 'unlink',
      krId: 'kr-zhang',
      objectiveId: 'o2',
      version: 1,
    })) as Msg<'stale'>;
    expect(stale.type).toBe('stale');
    expect(stale.current.links.find((l) => l.objectiveId === 'o2')).toMatchObject({ weight: 30, version: 2 });
    const removed = (await zhang.intent({
      kind: 'unlink',
      krId: 'kr-zhang',
      objectiveId: 'o2',
      version: 2,
    })) as Msg<'ack'>;
    expect(removed.kr.links.some((l) => l.objectiveId === 'o2')).toBe(false);
    await zhang.next(
      (m) => m.type === 'change' && m.change.type === 'link.removed' && m.change.id === 'kr-zhang:o2',
    );
  });

  it('refuses edits the policy forbids, KRs of other boards, and bad frames', async () => {
    const li = await connect('li');
    const forbidden = (await li.intent({
      kind: 'update-kr',
      krId: 'kr-zhang',
      version: 1,
      fields: { title: 'x' },
    })) as Msg<'error'>;
    expect(forbidden).toMatchObject({ type: 'error', code: 'forbidden' });
    const hr = await connect('admin');
    const other = (await hr.intent({
      kind: 'update-kr',
      krId: 'kr-zhang-h2',
      version: 1,
      fields: { title: 'x' },
    })) as Msg<'error'>;
    expect(other).toMatchObject({ type: 'error', code: 'not-found' });
    const badField = (await hr.intent({
      kind: 'update-kr',
      krId: 'kr-zhang',
      version: 1,
      fields: { target: 5 },
    })) as Msg<'error'>;
    expect(badField).toMatchObject({ type: 'error', code: 'bad-message' });
    expect(badField.message).toMatch(/target/);
    hr.socket.send('not json');
    const e = await hr.next<Msg<'error'>>((m) => m.type === 'error' && m.id === null);
    expect(e.code).toBe('bad-message');
    expect((await storedKr('kr-zhang-h2')).title).toBe('H2');
  });

  it('forwards changes made over HTTP to the board', async () => {
    const hr = await connect('hr');
    const cookie = await server.login('wang');
    const res = await fetch(`${server.base}/api/key-results/kr-wang/links/o2`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ weight: 40 }),
    });
    expect(res.status).toBe(201);
    const m = await hr.next<Msg<'change'>>((x) => x.type === 'change' && x.change.id === 'kr-wang:o2');
    expect(m.change).toMatchObject({ type: 'link.saved', version: 1, byPersonId: 'wang' });
  });

  it('tracks presence: join, second connection, leave', async () => {
    const hr = await connect('hr');
    const zhang1 = await connect('zhang');
    const zhang2 = await connect('zhang');
    const members = (m: ServerMessage) => (m.type === 'presence' ? m.members : []);
    await hr.next((m) => members(m).some((p) => p.personId === 'zhang' && p.connections === 2));
    expect(
      zhang2
        .welcome()
        .presence.map((p) => p.personId)
        .sort(),
    ).toEqual(['hr', 'zhang']);
    const http = await fetch(`${server.base}/api/boards/c1/presence`, {
      headers: { cookie: cookies.get('hr')! },
    });
    expect(((await http.json()) as { personId: string }[]).map((p) => p.personId).sort()).toEqual([
      'hr',
      'zhang',
    ]);
    await zhang1.close();
    await hr.next((m) => members(m).some((p) => p.personId === 'zhang' && p.connections === 1));
    await zhang2.close();
    const last = await hr.next(
      (m) => m.type === 'presence' && !members(m).some((p) => p.personId === 'zhang'),
    );
    expect(members(last).map((p) => p.personId)).toEqual(['hr']);
    expect(server.app.ctx.bus.presence('cycle:c1').map((p) => p.personId)).toEqual(['hr']);
  });

  it('concurrent edits of the same KR from several clients lose no accepted write', async () => {
    const logins = ['mgr-north', 'mgr-north', 'admin', 'admin', 'wang', 'wang'];
    const writers = await Promise.all(logins.map((l) => connect(l)));
    const observer = await connect('hr');
    const start = observer.welcome().board.keyResults.find((k) => k.id === 'kr-wang')!;
    const perWriter = 8;
    const accepted: string[] = [];
    let staleAnswers = 0;
    // Each writer adds its own tokens to the evidence, starting from whatever row it last saw; on stale it
    // retries on the row the server sent. Every ack'ed token must survive in the final row.
    await Promise.all(
      writers.map(async (w, i) => {
        let row: Pick<BoardKr, 'evidence' | 'version'> = start;
        for (let n = 0; n < perWriter; n++) {
          const token = `w${i}-${n}`;
          for (;;) {
            const answer = await w.intent({
              kind: 'update-kr',
              krId: 'kr-wang',
              version: row.version,
              fields: { evidence: `${row.evidence}${token};` },
            });
            if (answer.type === 'ack') {
              accepted.push(token);
              row = answer.kr;
              break;
            }
            if (answer.type !== 'stale') throw new Error(`unexpected answer ${JSON.stringify(answer)}`);
            staleAnswers++;
            row = answer.current;
          }
        }
      }),
    );
    const final = await storedKr('kr-wang');
    expect(accepted).toHaveLength(logins.length * perWriter);
    const tokens = final.evidence.split(';').filter(Boolean);
    expect(tokens.sort()).toEqual([...accepted].sort());
    expect(Number(final.version)).toBe(start.version + accepted.length);
    expect(staleAnswers).toBeGreaterThan(0);
    // Every client saw the versions in order and ends on the stored row.
    for (const c of [...writers, observer]) {
      await c.next(
        (m) => m.type === 'change' && m.change.id === 'kr-wang' && m.change.version === Number(final.version),
      );
      const versions = c.messages.flatMap((m) =>
        m.type === 'change' && m.change.id === 'kr-wang' ? [m.change.version!] : [],
      );
      expect(versions).toEqual([...versions].sort((a, b) => a - b));
    }
  });
});
