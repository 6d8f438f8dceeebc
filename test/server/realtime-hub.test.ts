import { type BoardConnection, BoardHub, type HubSocket } from '../../host/server/realtime/board-hub.ts';
import { BadMessageError, parseClientMessage } from '../../host/server/realtime/protocol.ts';

function fakeSocket(): HubSocket & { sent: string[]; terminated: boolean; closed: number | null } {
  return {
    readyState: 1,
    bufferedAmount: 0,
    sent: [],
    terminated: false,
    closed: null,
    send(data: string) {
      this.sent.push(data);
    },
    close(code?: number) {
      this.closed = code ?? 1000;
    },
    terminate() {
      this.terminated = true;
    },
  };
}

function conn(id: string, personId: string, lastSeen: number, socket = fakeSocket()): BoardConnection {
  return {
    id,
    boardId: 'c1',
    personId,
    name: personId,
    via: 'session',
    socket,
    since: '2026-01-05T09:00:00.000Z',
    lastSeen,
    pending: null,
  };
}

describe('BoardHub', () => {
  it('drops connections whose heartbeat stopped and tells the others', () => {
    const hub = new BoardHub({ heartbeatTimeoutMs: 1000, maxBufferedBytes: 1 << 20 });
    const a = conn('a', 'alice', 0);
    const b = conn('b', 'bob', 0);
    hub.join(a);
    hub.join(b);
    hub.touch(a, 900);
    expect(hub.sweep(1500)).toBe(1);
    expect((b.socket as ReturnType<typeof fakeSocket>).terminated).toBe(true);
    expect(hub.presence('c1').map((p) => p.personId)).toEqual(['alice']);
    const last = JSON.parse((a.socket as ReturnType<typeof fakeSocket>).sent.at(-1)!);
    expect(last).toEqual({
      type: 'presence',
      members: [expect.objectContaining({ personId: 'alice', connections: 1 })],
    });
  });

  it('holds messages until the welcome is released', () => {
    const hub = new BoardHub({ heartbeatTimeoutMs: 1000, maxBufferedBytes: 1 << 20 });
    const c = { ...conn('a', 'alice', 0), pending: [] as string[] };
    hub.join(c);
    hub.broadcast('c1', { type: 'echo', id: 'x' });
    const socket = c.socket as ReturnType<typeof fakeSocket>;
    expect(socket.sent).toEqual([]);
    hub.release(c, { type: 'echo', id: 'welcome' });
    expect(socket.sent.map((s) => JSON.parse(s).id ?? JSON.parse(s).type)).toEqual([
      'welcome',
      'presence',
      'x',
    ]);
  });

  it('drops a client too far behind instead of buffering without bound', () => {
    const hub = new BoardHub({ heartbeatTimeoutMs: 1000, maxBufferedBytes: 10 });
    const slow = conn('a', 'alice', 0, { ...fakeSocket(), bufferedAmount: 11 });
    hub.join(slow);
    hub.broadcast('c1', { type: 'echo', id: 'x' });
    expect(hub.connections('c1')).toHaveLength(0);
  });

  it('runs the tasks of one board one after the other, even when one fails', async () => {
    const hub = new BoardHub({ heartbeatTimeoutMs: 1000, maxBufferedBytes: 10 });
    const order: string[] = [];
    const slow = hub.serialize('c1', async () => {
      await new Promise((r) => setTimeout(r, 20));
      order.push('slow');
      throw new Error('boom');
    });
    const fast = hub.serialize('c1', async () => {
      order.push('fast');
    });
    await expect(slow).rejects.toThrow('boom');
    await fast;
    expect(order).toEqual(['slow', 'fast']);
  });
});

describe('parseClientMessage', () => {
  it('accepts the three intents', () => {
    expect(
      parseClientMessage(
        '{"type":"intent","id":"1","intent":{"kind":"link","krId":"k","objectiveId":"o","weight":50,"version":null}}',
      ),
    ).toEqual({
      type: 'intent',
      id: '1',
      intent: { kind: 'link', krId: 'k', objectiveId: 'o', weight: 50, version: null },
    });
    expect(
      parseClientMessage(
        '{"type":"intent","id":"1","intent":{"kind":"unlink","krId":"k","objectiveId":"o","version":3}}',
      ).type,
    ).toBe('intent');
    expect(
      parseClientMessage(
        '{"type":"intent","id":"1","intent":{"kind":"update-kr","krId":"k","version":3,"fields":{"rationale":"r"}}}',
      ),
    ).toMatchObject({ intent: { fields: { rationale: 'r' } } });
  });

  it.each([
    ['not json', /not JSON/],
    ['[]', /JSON object/],
    ['{"type":"nope"}', /"type"/],
    [
      '{"type":"intent","id":"1","intent":{"kind":"link","krId":"k","objectiveId":"o","weight":101,"version":1}}',
      /weight/,
    ],
    [
      '{"type":"intent","id":"1","intent":{"kind":"update-kr","krId":"k","version":1.5,"fields":{"title":"t"}}}',
      /version/,
    ],
    ['{"type":"intent","id":"1","intent":{"kind":"update-kr","krId":"k","version":1,"fields":{}}}', /empty/],
    [
      '{"type":"intent","id":"1","intent":{"kind":"update-kr","krId":"k","version":1,"fields":{"ownerId":"x"}}}',
      /ownerId/,
    ],
  ])('refuses %s', (text, message) => {
    expect(() => parseClientMessage(text)).toThrow(BadMessageError);
    expect(() => parseClientMessage(text)).toThrow(message);
  });
});

describe('realtime words', () => {
  it('has every error code in both locales', async () => {
    const { REALTIME_ERROR_CODES } = await import('../../host/server/realtime/protocol.ts');
    for (const locale of ['zh-CN', 'en-US']) {
      const words = (
        await import(`../../host/server/realtime/locale/${locale}.json`, { with: { type: 'json' } })
      ).default;
      expect(REALTIME_ERROR_CODES.filter((c) => typeof words[`realtime.error.${c}`] !== 'string')).toEqual(
        [],
      );
    }
  });
});
