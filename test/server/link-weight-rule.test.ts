import type { ServerMessage } from '../../host/server/realtime/protocol.ts';
import { BadMessageError, parseClientMessage } from '../../host/server/realtime/protocol.ts';
import { BoardClient, startServer, type TestServer } from './realtime-fixture.ts';

type Msg<T extends ServerMessage['type']> = Extract<ServerMessage, { type: T }>;

// One rule for a link's weight (plugin/app/input.ts `linkWeight`): the board's channel once refused 0
// that `link.save` stored; now both take 0 to 100 and refuse the rest.
const frame = (weight: unknown) =>
  JSON.stringify({
    type: 'intent',
    id: '1',
    intent: { kind: 'link', krId: 'k', objectiveId: 'o', weight, version: null },
  });

describe('the link weight rule', () => {
  it.each([0, 0.5, 100])('the channel parses weight %s', (weight) => {
    expect(parseClientMessage(frame(weight))).toMatchObject({ intent: { weight } });
  });

  it.each([-1, 100.01, '50', null])('the channel refuses weight %s, saying the range', (weight) => {
    expect(() => parseClientMessage(frame(weight))).toThrow(BadMessageError);
    expect(() => parseClientMessage(frame(weight))).toThrow('"weight" must be a number from 0 to 100');
  });

  describe('on the real server, over the WebSocket and over HTTP', () => {
    let server: TestServer;
    let cookie: string;
    beforeAll(async () => {
      server = await startServer();
      cookie = await server.login('zhang');
    });
    afterAll(() => server.close());

    const put = (objectiveId: string, weight: number) =>
      fetch(`${server.base}/api/key-results/kr-zhang/links/${objectiveId}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', cookie },
        body: JSON.stringify({ weight }),
      });
    const stored = (objectiveId: string) =>
      server.storage.db
        .selectFrom('kr_links')
        .select('weight')
        .where('kr_id', '=', 'kr-zhang')
        .where('objective_id', '=', objectiveId)
        .executeTakeFirst();

    it('stores a weight of 0 from the board, as the API does', async () => {
      const board = await BoardClient.connect(server.wsUrl('c1'), cookie);
      try {
        const answer = await board.intent({
          kind: 'link',
          krId: 'kr-zhang',
          objectiveId: 'o1',
          weight: 0,
          version: null,
        });
        expect(answer.type).toBe('ack');
        expect((answer as Msg<'ack'>).kr.links).toEqual([
          expect.objectContaining({ objectiveId: 'o1', weight: 0, version: 1 }),
        ]);
        const tooMuch = await board.intent({
          kind: 'link',
          krId: 'kr-zhang',
          objectiveId: 'o2',
          weight: 101,
          version: null,
        });
        expect([tooMuch.type, (tooMuch as Msg<'error'>).code]).toEqual(['error', 'bad-message']);
      } finally {
        await board.close();
      }
      expect(await stored('o1')).toEqual({ weight: 0 });
      expect(await stored('o2')).toBeUndefined();
    });

    it('answers the same weights the same way over HTTP', async () => {
      const zero = await put('o2', 0);
      expect(zero.status).toBe(201);
      const tooMuch = await put('o2', 101);
      const body = await tooMuch.json();
      expect([tooMuch.status, body.code, body.params.field, body.params.limit]).toEqual([
        400,
        'invalid-request',
        'weight',
        100,
      ]);
      expect(await stored('o2')).toEqual({ weight: 0 });
    });
  });
});
