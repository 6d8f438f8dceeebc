import { type ChannelOut, createBoardChannel } from '../../plugin/realtime/board-channel.ts';
import { qrScope, user } from './users.ts';

const setup = () => {
  const sent: { clientId: string; out: ChannelOut }[] = [];
  const open = new Set(['c-rep', 'c-rep-2', 'c-mgr', 'c-other', 'c-hr']);
  let tick = 0;
  const channel = createBoardChannel({
    send: (clientId, out) => sent.push({ clientId, out }),
    connected: (clientId) => open.has(clientId),
    boardExists: async (boardId) => boardId === 'cycle:c1' || boardId === 'cycle:c2',
    now: () => `2026-01-01T00:00:0${tick++}Z`,
  });
  return { sent, open, channel };
};
const rep = user('rep', 'sales', 'east');
const mgr = user('mgr', 'manager', 'east');
const other = user('other', 'sales', 'east');
const hr = user('hr', 'hr');

describe('the pack board channel', () => {
  it('admits a user the pack lets read an existing board and tells the board who is there', async () => {
    const { channel, sent } = setup();
    expect(await channel.join('c-rep', null, 'cycle:c1')).toBe(false);
    expect(await channel.join('c-rep', rep, 'cycle:nope')).toBe(false);
    expect(await channel.join('c-rep', { ...rep, scope: qrScope('cycle:c2') }, 'cycle:c1')).toBe(false);
    expect(sent).toEqual([]);
    expect(await channel.join('c-rep', { ...rep, scope: qrScope('cycle:c1') }, 'cycle:c1')).toBe(true);
    expect(await channel.join('c-mgr', mgr, 'cycle:c1')).toBe(true);
    const people = [
      { personId: 'rep', name: 'REP', since: '2026-01-01T00:00:00Z' },
      { personId: 'mgr', name: 'MGR', since: '2026-01-01T00:00:01Z' },
    ];
    expect(sent.slice(1)).toEqual([
      { clientId: 'c-rep', out: { kind: 'presence', boardId: 'cycle:c1', people } },
      { clientId: 'c-mgr', out: { kind: 'presence', boardId: 'cycle:c1', people } },
    ]);
  });

  it('joining twice keeps the first arrival; leaving and dropping tell only those still there', async () => {
    const { channel, sent, open } = setup();
    await channel.join('c-rep', rep, 'cycle:c1');
    await channel.join('c-rep', rep, 'cycle:c1');
    await channel.join('c-mgr', mgr, 'cycle:c1');
    await channel.join('c-rep-2', rep, 'cycle:c2');
    expect(channel.presence('cycle:c1')).toEqual([
      { personId: 'rep', name: 'REP', since: '2026-01-01T00:00:00Z' },
      { personId: 'mgr', name: 'MGR', since: '2026-01-01T00:00:02Z' },
    ]);
    sent.length = 0;
    channel.leave('c-other', 'cycle:c1');
    expect(sent).toEqual([]);
    channel.drop('c-rep');
    expect(sent).toEqual([
      {
        clientId: 'c-mgr',
        out: {
          kind: 'presence',
          boardId: 'cycle:c1',
          people: [expect.objectContaining({ personId: 'mgr' })],
        },
      },
    ]);
    open.delete('c-rep-2');
    expect(channel.presence('cycle:c2')).toEqual([]);
  });

  it('sends a change only to the clients of its board who may read what it is about', async () => {
    const { channel, sent } = setup();
    for (const [clientId, who] of [
      ['c-rep', rep],
      ['c-mgr', mgr],
      ['c-other', other],
      ['c-hr', hr],
    ] as const)
      await channel.join(clientId, who, 'cycle:c1');
    sent.length = 0;
    const message = { type: 'link.saved', id: 'kr-rep:obj', version: 2 };
    channel.publish('cycle:c1', message, {
      type: 'keyResult',
      ownerPersonId: 'rep',
      regionId: 'east',
      boardId: 'cycle:c1',
    });
    expect(sent.map((s) => s.clientId)).toEqual(['c-rep', 'c-mgr', 'c-hr']);
    expect(sent[0]?.out).toEqual({ kind: 'board', boardId: 'cycle:c1', message });
    sent.length = 0;
    channel.publish('cycle:c2', message);
    expect(sent).toEqual([]);
    channel.publish('cycle:c1', { type: 'settings.published', id: '3' });
    expect(sent.map((s) => s.clientId)).toEqual(['c-rep', 'c-mgr', 'c-other', 'c-hr']);
  });
});
