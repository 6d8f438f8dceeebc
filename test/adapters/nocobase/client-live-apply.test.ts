import {
  applyBoardMessage,
  applyBoardMessages,
  boardMessageOf,
  findLink,
  type LinkRecord,
  type LiveBoard,
  liveBoardOf,
  presenceOf,
  removedLinkMessage,
  savedLinkMessage,
} from '../../../adapters/nocobase/client/apply-board-message.ts';
import { alignmentCards } from '../../../adapters/nocobase/client/board-data.ts';
import { liveCards } from '../../../adapters/nocobase/client/live-cards.ts';
import { defaultSettings, evaluate } from '../../../plugin/engine/index.ts';
import type { BoardMessage } from '../../../plugin/sdk/realtime-port.ts';
import { boardOf } from '../../../plugin/sdk/realtime-port.ts';
import { demoSnapshot } from './demo.ts';

const snapshot = demoSnapshot();
const settings = defaultSettings();
const at = '2026-03-31';
const data = { snapshot, settings, at, evaluation: evaluate(snapshot, settings, at) };
const unlinked = snapshot.keyResults.find((k) => k.links.length === 0)!;
const linked = snapshot.keyResults.find((k) => k.links.length > 0)!;
const [o1, o2] = snapshot.objectives;

const link = (krId: string, objectiveId: string, version: number, weight = 100): LinkRecord => ({
  krId,
  objectiveId,
  weight,
  version,
  linkedAt: '2026-02-01T08:00:00.000Z',
});
const fresh = (): LiveBoard => liveBoardOf(structuredClone(data));
const linksOf = (b: LiveBoard, krId: string) => b.keyResults.find((k) => k.id === krId)!.links;

describe('live alignment board: applying board messages by row version', () => {
  it('links a KR on link.saved version 1 and ignores the same message again', () => {
    const first = applyBoardMessage(fresh(), savedLinkMessage(link(unlinked.id, o1!.id, 1)));
    expect(first.outcome).toBe('applied');
    expect(findLink(first.board, unlinked.id, o1!.id)).toMatchObject({ version: 1, weight: 100 });
    const again = applyBoardMessage(first.board, savedLinkMessage(link(unlinked.id, o1!.id, 1, 40)));
    expect(again.outcome).toBe('ignored');
    expect(findLink(again.board, unlinked.id, o1!.id)?.weight).toBe(100);
  });

  it('applies the next version, ignores an older one and reloads on a gap', () => {
    let b = applyBoardMessage(fresh(), savedLinkMessage(link(unlinked.id, o1!.id, 1))).board;
    b = applyBoardMessage(b, savedLinkMessage(link(unlinked.id, o1!.id, 2, 60))).board;
    expect(findLink(b, unlinked.id, o1!.id)).toMatchObject({ version: 2, weight: 60 });
    const older = applyBoardMessage(b, savedLinkMessage(link(unlinked.id, o1!.id, 1, 10)));
    expect(older.outcome).toBe('ignored');
    expect(older.board).toBe(b);
    expect(applyBoardMessage(b, savedLinkMessage(link(unlinked.id, o1!.id, 4, 10))).outcome).toBe('reload');
  });

  it('takes the version of a loaded link (sent without one) from the first message about it', () => {
    const objectiveId = linked.links[0]!.objectiveId;
    const b = fresh();
    expect(findLink(b, linked.id, objectiveId)?.version).toBeUndefined();
    const r = applyBoardMessage(b, savedLinkMessage(link(linked.id, objectiveId, 3, 70)));
    expect(r.outcome).toBe('applied');
    expect(findLink(r.board, linked.id, objectiveId)).toMatchObject({ version: 3, weight: 70 });
  });

  it('reloads for a link it never saw that is already past version 1, or for an unknown KR', () => {
    expect(applyBoardMessage(fresh(), savedLinkMessage(link(unlinked.id, o1!.id, 2))).outcome).toBe('reload');
    expect(applyBoardMessage(fresh(), savedLinkMessage(link('kr-nobody', o1!.id, 1))).outcome).toBe('reload');
  });

  it('unlinks on link.removed (the server sends only the id) and ignores it when already gone', () => {
    const objectiveId = linked.links[0]!.objectiveId;
    const removed: BoardMessage = { type: 'link.removed', id: `${linked.id}:${objectiveId}` };
    const r = applyBoardMessage(fresh(), removed);
    expect(r.outcome).toBe('applied');
    expect(linksOf(r.board, linked.id).some((l) => l.objectiveId === objectiveId)).toBe(false);
    expect(applyBoardMessage(r.board, removed).outcome).toBe('ignored');
  });

  it('ignores the removal of an older row than the one it holds (the link was made again)', () => {
    let b = applyBoardMessage(fresh(), savedLinkMessage(link(unlinked.id, o1!.id, 1))).board;
    b = applyBoardMessage(b, savedLinkMessage(link(unlinked.id, o1!.id, 2))).board;
    const r = applyBoardMessage(b, removedLinkMessage(link(unlinked.id, o1!.id, 1)));
    expect(r.outcome).toBe('ignored');
    expect(findLink(r.board, unlinked.id, o1!.id)?.version).toBe(2);
  });

  it('moves a KR between objectives as unlink then link, and a replay of both changes nothing more', () => {
    const from = linked.links[0]!.objectiveId;
    const to = snapshot.objectives.find((o) => !linked.links.some((l) => l.objectiveId === o.id))!.id;
    const messages: BoardMessage[] = [
      { type: 'link.removed', id: `${linked.id}:${from}` },
      savedLinkMessage(link(linked.id, to, 1, linked.links[0]!.weight)),
    ];
    const moved = applyBoardMessages(fresh(), messages);
    expect(moved.reload).toBe(false);
    const objectives = linksOf(moved.board, linked.id).map((l) => l.objectiveId);
    expect(objectives).toContain(to);
    expect(objectives).not.toContain(from);
    const replay = applyBoardMessages(moved.board, messages);
    expect(replay.board).toEqual(moved.board);
  });

  it('keeps KR fields by KR version and keeps the links it holds', () => {
    const b = applyBoardMessage(fresh(), savedLinkMessage(link(linked.id, o2!.id, 1))).board;
    const next = { ...linked, title: 'Renamed', links: [], version: linked.version + 1 };
    const r = applyBoardMessage(b, {
      type: 'keyResult.saved',
      id: linked.id,
      version: next.version,
      record: next,
    });
    expect(r.outcome).toBe('applied');
    const kr = r.board.keyResults.find((k) => k.id === linked.id)!;
    expect(kr.title).toBe('Renamed');
    expect(kr.links).toEqual(linksOf(b, linked.id));
    const old = { ...linked, title: 'Old', version: linked.version };
    expect(applyBoardMessage(r.board, { type: 'keyResult.saved', id: linked.id, record: old }).outcome).toBe(
      'ignored',
    );
    const ahead = { ...linked, version: linked.version + 5 };
    expect(
      applyBoardMessage(r.board, { type: 'keyResult.saved', id: linked.id, record: ahead }).outcome,
    ).toBe('reload');
  });

  it('ignores changes it does not draw and KRs of another cycle', () => {
    const b = fresh();
    expect(applyBoardMessage(b, { type: 'checkIn.saved', id: 'ci-1', version: 1 }).outcome).toBe('ignored');
    const other = { ...unlinked, id: 'kr-other', cycleId: 'another', version: 1 };
    expect(applyBoardMessage(b, { type: 'keyResult.saved', id: 'kr-other', record: other }).outcome).toBe(
      'ignored',
    );
  });
});

describe('live alignment board: channel payloads', () => {
  const boardId = boardOf(snapshot.cycle.id);

  it('takes board messages of its own board only', () => {
    const message = { type: 'link.removed', id: 'a:b' };
    expect(boardMessageOf(boardId, { boardId, message })).toEqual(message);
    expect(boardMessageOf(boardId, { boardId: 'cycle:other', message })).toBeNull();
    expect(boardMessageOf(boardId, { boardId, message: { type: 1 } })).toBeNull();
    expect(boardMessageOf(boardId, null)).toBeNull();
  });

  it('shows everyone on the board but the user, once per person', () => {
    const people = [
      { personId: 'p-me', name: 'Me', since: '2026-01-01T00:00:00Z' },
      { personId: 'p-wang', name: 'Wang', since: '2026-01-01T00:00:01Z' },
      { personId: 'p-wang', name: 'Wang', since: '2026-01-01T00:00:02Z' },
    ];
    expect(presenceOf(boardId, { boardId, people }, 'p-me')).toEqual([{ id: 'p-wang', name: 'Wang' }]);
    expect(presenceOf(boardId, { boardId: 'cycle:x', people }, 'p-me')).toBeNull();
  });
});

describe('live alignment board: cards', () => {
  it('scores the loaded board as the server evaluation did', () => {
    const byId = new Map(alignmentCards(data).map((c) => [c.kr.id, c]));
    for (const card of liveCards(fresh(), data)) {
      const served = byId.get(card.kr.id)!;
      expect([card.kr.id, card.score, card.ownerName, card.regionName]).toEqual([
        served.kr.id,
        served.score,
        served.ownerName,
        served.regionName,
      ]);
    }
  });

  it('rescores a KR when a change links it', () => {
    const before = liveCards(fresh(), data).find((c) => c.kr.id === unlinked.id)!;
    const focus =
      snapshot.objectives.find((o) => o.focusTags.some((t) => unlinked.focusTags.includes(t))) ?? o1!;
    const b = applyBoardMessage(fresh(), {
      ...savedLinkMessage(link(unlinked.id, focus.id, 1)),
      record: { ...link(unlinked.id, focus.id, 1), linkedAt: '2026-01-15T00:00:00.000Z' },
    }).board;
    const after = liveCards(b, data).find((c) => c.kr.id === unlinked.id)!;
    expect(after.score).toBeGreaterThan(before.score);
  });
});
