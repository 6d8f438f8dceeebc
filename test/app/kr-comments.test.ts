import { createKeyResult } from '../../plugin/app/commands/key-results.ts';
import { commentOnKeyResult, keyResultComments } from '../../plugin/app/commands/kr-comments.ts';
import type { HostUser } from '../../plugin/sdk/index.ts';
import { type Client, LOGINS, startServer, type TestServer } from '../server/helpers.ts';
import { auditActions, refusalOf, run, userOf } from './run-as.ts';

// Comments on a KR with @mentions, on the reference host's real SQLite records and notifications.
describe('key result comments', () => {
  let server: TestServer;
  let sunhao: Client;
  const as: Record<string, HostUser> = {};
  const freshKr = async () =>
    (
      await run(server, as.zhaomin!, createKeyResult, {
        cycleId: 'cycle-2026-h1',
        ownerType: 'person',
        ownerId: 'person-zhaomin',
        title: '储能项目回款',
        metric: 'number',
        baseline: 0,
        target: 5,
      })
    ).id;

  beforeAll(async () => {
    server = await startServer();
    sunhao = await server.login(LOGINS.sameRegionSales);
    for (const [key, person] of Object.entries({
      zhaomin: 'person-zhaomin',
      chen: 'person-chenzhiqiang',
      south: 'person-huangweiming',
      zhengkai: 'person-zhengkai',
      sunhao: 'person-sunhao',
    }))
      as[key] = await userOf(server, person);
  });
  afterAll(() => server?.close());

  it('stores the comment with its audit row and notifies the person mentioned, linking to the KR', async () => {
    const krId = await freshKr();
    const comment = await run(server, as.chen!, commentOnKeyResult, {
      id: krId,
      text: '@赵敏 请补充回款计划',
      mentionIds: ['person-zhaomin'],
    });
    expect(comment).toMatchObject({ krId, authorId: 'person-chenzhiqiang', mentionIds: ['person-zhaomin'] });
    expect((await auditActions(server, 'keyResult', krId)).map((a) => a.action)).toContain(
      'keyResult.comment',
    );
    const notes = await server.storage.db
      .selectFrom('notifications')
      .selectAll()
      .where('kind', '=', 'kr.mentioned')
      .execute();
    const mine = notes.filter((n) => JSON.parse(n.subject).krId === krId);
    expect(mine.map((n) => n.person_id)).toEqual(['person-zhaomin']);
    expect(JSON.parse(mine[0]!.params)).toEqual({ by: as.chen!.name });
    const listed = await run(server, as.zhaomin!, keyResultComments, { id: krId });
    expect(listed.comments.map((c) => c.text)).toEqual(['@赵敏 请补充回款计划']);
    expect(listed.canComment).toBe(true);
  });

  it('refuses a rep of another region, who cannot see the KR, as author and as mention', async () => {
    const krId = await freshKr();
    expect(
      await refusalOf(run(server, as.zhengkai!, commentOnKeyResult, { id: krId, text: '加油' })),
    ).toMatchObject({ status: 403, code: 'forbidden' });
    expect(await refusalOf(run(server, as.south!, keyResultComments, { id: krId }))).toMatchObject({
      status: 403,
    });
    expect(
      await refusalOf(
        run(server, as.zhaomin!, commentOnKeyResult, {
          id: krId,
          text: 'hi',
          mentionIds: ['person-zhengkai'],
        }),
      ),
    ).toMatchObject({ status: 400, code: 'mention-cannot-read', params: { name: as.zhengkai!.name } });
    expect(
      await refusalOf(
        run(server, as.zhaomin!, commentOnKeyResult, { id: krId, text: 'hi', mentionIds: ['person-nobody'] }),
      ),
    ).toMatchObject({ status: 400, code: 'unknown-mention', params: { id: 'person-nobody' } });
    expect(
      await refusalOf(run(server, as.zhaomin!, commentOnKeyResult, { id: krId, text: '' })),
    ).toMatchObject({
      status: 400,
      code: 'invalid-request',
    });
    expect((await run(server, as.zhaomin!, keyResultComments, { id: krId })).comments).toEqual([]);
  });

  it('answers over HTTP: a same-region rep (who cannot read a peer’s KR) is refused', async () => {
    const krId = await freshKr();
    const refused = await sunhao.post(`/api/key-results/${krId}/comments`, { text: '看看' });
    expect(refused.status).toBe(403);
    const manager = await server.login(LOGINS.manager);
    const ok = await manager.post(`/api/key-results/${krId}/comments`, { text: '好的' });
    expect(ok.status).toBe(201);
    const listed = await manager.get(`/api/key-results/${krId}/comments`);
    expect((listed.body as { comments: { text: string }[] }).comments.map((c) => c.text)).toEqual(['好的']);
    // Who changed what: the KR's audit rows with the actor's name, for readers of the KR only.
    const history = (await manager.get(`/api/key-results/${krId}/history`)).body as {
      action: string;
      actor: { kind: string; name?: string };
    }[];
    expect(history.map((h) => h.action)).toEqual(['keyResult.comment', 'keyResult.create']);
    expect(history[0]!.actor).toEqual({ kind: 'person', name: as.chen!.name });
    const south = await server.login(LOGINS.otherManager);
    expect((await south.get(`/api/key-results/${krId}/history`)).status).toBe(403);
  });
});
