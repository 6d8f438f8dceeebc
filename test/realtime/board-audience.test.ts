import { ROLES } from '../../plugin/domain/types.ts';
import { mayJoinBoard, mayReceive } from '../../plugin/realtime/board-audience.ts';
import { KrOwners } from '../../plugin/realtime/kr-owners.ts';
import { krIdOf } from '../../plugin/realtime/message-kr.ts';
import type { BoardMessage, Subject } from '../../plugin/sdk/index.ts';
import { qrScope, user } from './users.ts';

const BOARD = 'cycle:c1';

describe('mayJoinBoard', () => {
  it.each(ROLES)('lets a signed-in %s on any board', (role) => {
    expect(mayJoinBoard(user('p', role, 'east'), BOARD)).toBe(true);
  });

  it('refuses nobody signed in, and a QR session any board but its own', () => {
    expect(mayJoinBoard(null, BOARD)).toBe(false);
    expect(mayJoinBoard(undefined, BOARD)).toBe(false);
    expect(mayJoinBoard(user('p', 'sales', 'east', qrScope('cycle:c2')), BOARD)).toBe(false);
    expect(mayJoinBoard(user('p', 'sales', 'east', qrScope(BOARD)), BOARD)).toBe(true);
  });
});

describe('mayReceive', () => {
  const repKr: Subject = { type: 'keyResult', ownerPersonId: 'rep', regionId: 'east', boardId: BOARD };

  it.each([
    ['a board-wide message', user('other', 'sales', 'east'), undefined, true],
    ['a message about an unknown KR', user('hr', 'hr'), null, false],
    ['the owner', user('rep', 'sales', 'east'), repKr, true],
    ['their manager', user('mgr', 'manager', 'east'), repKr, true],
    ['another region’s manager', user('mgr2', 'manager', 'west'), repKr, false],
    ['another rep', user('other', 'sales', 'east'), repKr, false],
    ['hr', user('hr', 'hr'), repKr, true],
    ['a QR session of another board', user('rep', 'sales', 'east', qrScope('cycle:c2')), repKr, false],
  ] as const)('%s', (_what, who, about, expected) => {
    expect(mayReceive(who, about)).toBe(expected);
  });
});

describe('krIdOf', () => {
  it.each([
    [{ type: 'keyResult.saved', id: 'kr1' }, 'kr1'],
    [{ type: 'checkIn.saved', id: 'ci1', krId: 'kr2' }, 'kr2'],
    [{ type: 'link.saved', id: 'kr3:o1', record: { krId: 'kr3', objectiveId: 'o1' } }, 'kr3'],
    [{ type: 'link.removed', id: 'kr4:o1' }, 'kr4'],
    [{ type: 'objective.saved', id: 'o1' }, null],
    [{ type: 'settings.published', id: '3' }, null],
  ] as [BoardMessage, string | null][])('%j is about %s', (message, krId) => {
    expect(krIdOf(message)).toBe(krId);
  });
});

describe('KrOwners', () => {
  const owners = () => {
    const o = new KrOwners(BOARD, new Map([['rep', 'east']]));
    o.set('kr-rep', { ownerType: 'person', ownerId: 'rep' });
    o.set('kr-west', { ownerType: 'region', ownerId: 'west' });
    return o;
  };

  it('gives the policy subject of a person’s and a region’s KR, and null for a KR it does not know', () => {
    const o = owners();
    expect(o.subjectOf('kr-rep')).toEqual({
      type: 'keyResult',
      ownerPersonId: 'rep',
      regionId: 'east',
      boardId: BOARD,
    });
    expect(o.subjectOf('kr-west')).toEqual({
      type: 'keyResult',
      ownerPersonId: null,
      regionId: 'west',
      boardId: BOARD,
    });
    expect(o.subjectOf('kr-new')).toBeNull();
  });

  it('tells what a message is about and learns KRs created after the board loaded', () => {
    const o = owners();
    expect(o.aboutOf({ type: 'objective.saved', id: 'o1' })).toBeUndefined();
    expect(o.aboutOf({ type: 'link.removed', id: 'kr-rep:o1' })).toMatchObject({ ownerPersonId: 'rep' });
    const created: BoardMessage = {
      type: 'keyResult.saved',
      id: 'kr-new',
      record: { id: 'kr-new', ownerType: 'person', ownerId: 'newbie' },
    };
    expect(o.aboutOf(created)).toBeNull();
    o.learn(created);
    o.learn({ type: 'link.saved', id: 'kr-x:o1', record: { id: 'kr-x', krId: 'kr-x' } });
    expect(o.aboutOf(created)).toEqual({
      type: 'keyResult',
      ownerPersonId: 'newbie',
      regionId: null,
      boardId: BOARD,
    });
    expect(o.subjectOf('kr-x')).toBeNull();
  });
});
