import { BoardMembers } from '../../plugin/realtime/board-members.ts';
import { mergePresence, presenceEntry } from '../../plugin/realtime/presence.ts';

const at = (second: number) => `2026-01-05T09:00:${String(second).padStart(2, '0')}Z`;

describe('mergePresence', () => {
  it('lists each person once: connections add up, a session beats a QR token, the first arrival counts', () => {
    expect(
      mergePresence([
        { personId: 'wang', name: 'Wang', since: at(5), via: 'qr' },
        { personId: 'li', name: 'Li', since: at(3) },
        { personId: 'wang', name: 'Wang', since: at(2), via: 'session', connections: 2 },
        { personId: 'wang', name: 'Wang', since: at(9), via: 'qr' },
      ]),
    ).toEqual([
      { personId: 'wang', name: 'Wang', via: 'session', connections: 4, since: at(2) },
      { personId: 'li', name: 'Li', via: 'session', connections: 1, since: at(3) },
    ]);
  });

  it('keeps a QR-only person as qr and orders people who arrived together by name', () => {
    const merged = mergePresence([
      { personId: 'b', name: 'Bo', since: at(1), via: 'qr' },
      { personId: 'a', name: 'Ai', since: at(1), via: 'qr' },
    ]);
    expect(merged.map((m) => [m.personId, m.via])).toEqual([
      ['a', 'qr'],
      ['b', 'qr'],
    ]);
    expect(merged.map(presenceEntry)[0]).toEqual({ personId: 'a', name: 'Ai', since: at(1) });
  });

  it('does not change what it was given (remote reports are reused on every call)', () => {
    const remote = { personId: 'a', name: 'Ai', since: at(4), via: 'qr' as const, connections: 1 };
    mergePresence([remote, { personId: 'a', name: 'Ai', since: at(1) }]);
    expect(remote).toEqual({ personId: 'a', name: 'Ai', since: at(4), via: 'qr', connections: 1 });
  });
});

describe('BoardMembers', () => {
  it('keeps the first member of a client, forgets empty boards and finds a client on every board', () => {
    const members = new BoardMembers<string>();
    expect(members.add('cycle:1', 'c1', 'first')).toBe(true);
    expect(members.add('cycle:1', 'c1', 'second')).toBe(false);
    members.add('cycle:1', 'c2', 'other');
    members.add('cycle:2', 'c1', 'elsewhere');
    expect(members.entries('cycle:1')).toEqual([
      ['c1', 'first'],
      ['c2', 'other'],
    ]);
    expect(members.boardsOf('c1')).toEqual(['cycle:1', 'cycle:2']);
    expect(members.remove('cycle:2', 'c1')).toBe('elsewhere');
    expect(members.remove('cycle:2', 'c1')).toBeUndefined();
    expect(members.boardIds()).toEqual(['cycle:1']);
    expect(members.size('cycle:1')).toBe(2);
    expect(members.members('cycle:nope')).toEqual([]);
  });
});
