import { createBoardChannel } from '../../../adapters/nocobase/server/realtime.ts';
import type { HostUser } from '../../../plugin/sdk/index.ts';

const user = (personId: string, role: HostUser['role'], regionId: string | null = null): HostUser => ({
  userId: `u-${personId}`,
  personId,
  name: personId.toUpperCase(),
  role,
  regionId,
  scope: null,
});

describe('board channel (RealtimePort over NocoBase WebSocket)', () => {
  const setup = () => {
    const sent: { clientId: string; type: string; payload: { boardId: string; [k: string]: unknown } }[] = [];
    const open = new Set(['c-rep', 'c-rep-2', 'c-mgr', 'c-other', 'c-hr']);
    let tick = 0;
    const channel = createBoardChannel({
      send: (clientId, m) => sent.push({ clientId, ...(m as { type: string; payload: never }) }),
      connected: (clientId) => open.has(clientId),
      boardExists: async (boardId) => boardId === 'cycle:c1',
      now: () => `2026-01-01T00:00:0${tick++}Z`,
    });
    return { sent, open, channel };
  };
  const rep = user('rep', 'sales', 'east');
  const mgr = user('mgr', 'manager', 'east');
  const other = user('other', 'sales', 'east');

  it('admits only users the pack lets read the board, on boards that exist', async () => {
    const { channel, sent } = setup();
    expect(await channel.join('c-rep', null, 'cycle:c1')).toBe(false);
    expect(await channel.join('c-rep', rep, 'cycle:nope')).toBe(false);
    expect(
      await channel.join(
        'c-rep',
        { ...rep, role: 'sales', scope: { boardId: 'cycle:c2', actions: [], expiresAt: 'x' } },
        'cycle:c1',
      ),
    ).toBe(false);
    expect(sent).toEqual([]);
    expect(await channel.join('c-rep', rep, 'cycle:c1')).toBe(true);
    expect(sent).toEqual([
      {
        clientId: 'c-rep',
        type: 'okr-align:presence',
        payload: {
          boardId: 'cycle:c1',
          people: [{ personId: 'rep', name: 'REP', since: '2026-01-01T00:00:00Z' }],
        },
      },
    ]);
  });

  it('lists each person once, however many tabs, and tells the board when they go', async () => {
    const { channel, sent, open } = setup();
    await channel.join('c-rep', rep, 'cycle:c1');
    await channel.join('c-mgr', mgr, 'cycle:c1');
    await channel.join('c-rep-2', rep, 'cycle:c1');
    expect(channel.presence('cycle:c1').map((p) => p.personId)).toEqual(['rep', 'mgr']);
    sent.length = 0;
    channel.leave('c-mgr', 'cycle:c1');
    expect(sent.map((m) => m.clientId).sort()).toEqual(['c-rep', 'c-rep-2']);
    expect(sent[0]?.payload.people).toEqual([
      { personId: 'rep', name: 'REP', since: '2026-01-01T00:00:00Z' },
    ]);
    channel.drop('c-rep');
    expect(channel.presence('cycle:c1')).toHaveLength(1);
    open.delete('c-rep-2');
    expect(channel.presence('cycle:c1')).toEqual([]);
  });

  it('sends a change only to clients who may read what it is about', async () => {
    const { channel, sent } = setup();
    await channel.join('c-rep', rep, 'cycle:c1');
    await channel.join('c-mgr', mgr, 'cycle:c1');
    await channel.join('c-other', other, 'cycle:c1');
    await channel.join('c-hr', user('hr', 'hr'), 'cycle:c1');
    sent.length = 0;
    const message = { type: 'link.saved', id: 'kr-rep:obj', version: 2 };
    channel.publish('cycle:c1', message, {
      type: 'keyResult',
      ownerPersonId: 'rep',
      regionId: 'east',
      boardId: 'cycle:c1',
    });
    expect(sent.map((m) => m.clientId).sort()).toEqual(['c-hr', 'c-mgr', 'c-rep']);
    expect(sent[0]).toMatchObject({ type: 'okr-align:board', payload: { boardId: 'cycle:c1', message } });
    sent.length = 0;
    channel.publish('cycle:c2', message);
    channel.publish('cycle:c1', { type: 'settings.published', id: '3' });
    expect(sent).toHaveLength(4);
  });
});
