import type { Id, KeyResult, KrLink, Objective } from '../../../plugin/domain/types.ts';
import type { BoardId, BoardMessage, PresenceEntry } from '../../../plugin/sdk/realtime-port.ts';
import type { BoardData } from './board-data.ts';

/** A link as the live board holds it: its row version once a write or a message has told it. */
export type LiveLink = KrLink & { version?: number };
export type LiveKr = Omit<KeyResult, 'links'> & { links: LiveLink[] };

/** What the alignment board block draws, kept current by the board channel. */
export interface LiveBoard {
  cycleId: Id;
  objectives: Objective[];
  keyResults: LiveKr[];
}

/** `applied` changed the board, `ignored` left it (old, repeated or not drawn), `reload` means a gap. */
export type ApplyOutcome = 'applied' | 'ignored' | 'reload';

/** A saved link as `okrAlign:saveLink` / `deleteLink` and `link.saved` messages carry it. */
export interface LinkRecord {
  krId: Id;
  objectiveId: Id;
  weight: number;
  linkedAt: string;
  version: number;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** The live board of a freshly loaded `okrAlign:board` answer (links keep a `version` when it is sent). */
export function liveBoardOf(data: BoardData): LiveBoard {
  return {
    cycleId: data.snapshot.cycle.id,
    objectives: data.snapshot.objectives,
    keyResults: data.snapshot.keyResults as LiveKr[],
  };
}

/** `<krId>:<objectiveId>`, the id of link messages; KR ids may hold `:` themselves, objective ids do not. */
export function linkMessageId(krId: Id, objectiveId: Id): string {
  return `${krId}:${objectiveId}`;
}

function splitLinkId(id: string): [Id, Id] {
  const cut = id.lastIndexOf(':');
  return cut > 0 ? [id.slice(0, cut), id.slice(cut + 1)] : [id, ''];
}

export function findLink(board: LiveBoard, krId: Id, objectiveId: Id): LiveLink | undefined {
  return board.keyResults.find((k) => k.id === krId)?.links.find((l) => l.objectiveId === objectiveId);
}

const asLinkRecord = (v: unknown): LinkRecord | null =>
  isObject(v) &&
  typeof v.krId === 'string' &&
  typeof v.objectiveId === 'string' &&
  typeof v.weight === 'number' &&
  typeof v.version === 'number'
    ? {
        krId: v.krId,
        objectiveId: v.objectiveId,
        weight: v.weight,
        version: v.version,
        linkedAt: typeof v.linkedAt === 'string' ? v.linkedAt : new Date().toISOString(),
      }
    : null;

const mapKr = (board: LiveBoard, krId: Id, f: (kr: LiveKr) => LiveKr): LiveBoard => ({
  ...board,
  keyResults: board.keyResults.map((k) => (k.id === krId ? f(k) : k)),
});

function savedLink(board: LiveBoard, message: BoardMessage): { board: LiveBoard; outcome: ApplyOutcome } {
  const link = asLinkRecord(message.record);
  if (!link) return { board, outcome: 'reload' };
  if (!board.keyResults.some((k) => k.id === link.krId)) return { board, outcome: 'reload' };
  const held = findLink(board, link.krId, link.objectiveId);
  if (held?.version !== undefined) {
    if (link.version <= held.version) return { board, outcome: 'ignored' };
    if (link.version > held.version + 1) return { board, outcome: 'reload' };
  } else if (!held && link.version > 1) {
    // A link the board never saw, already past its first version: some writes did not reach us.
    return { board, outcome: 'reload' };
  }
  const { krId: _k, ...stored } = link;
  return {
    board: mapKr(board, link.krId, (kr) => {
      const others = kr.links.filter((l) => l.objectiveId !== link.objectiveId);
      return { ...kr, links: [...others, stored] };
    }),
    outcome: 'applied',
  };
}

function removedLink(board: LiveBoard, message: BoardMessage): { board: LiveBoard; outcome: ApplyOutcome } {
  const record = asLinkRecord(message.record);
  const [krId, objectiveId] = record ? [record.krId, record.objectiveId] : splitLinkId(message.id);
  const held = findLink(board, krId, objectiveId);
  if (!held) return { board, outcome: 'ignored' };
  const version = message.version ?? record?.version;
  // The removal of an older row than the one held (the link was made again since).
  if (version !== undefined && held.version !== undefined && version < held.version)
    return { board, outcome: 'ignored' };
  return {
    board: mapKr(board, krId, (kr) => ({
      ...kr,
      links: kr.links.filter((l) => l.objectiveId !== objectiveId),
    })),
    outcome: 'applied',
  };
}

function savedKr(board: LiveBoard, message: BoardMessage): { board: LiveBoard; outcome: ApplyOutcome } {
  const kr = message.record as KeyResult | undefined;
  if (!isObject(kr) || typeof kr.version !== 'number') return { board, outcome: 'reload' };
  if (kr.cycleId !== board.cycleId) return { board, outcome: 'ignored' };
  const held = board.keyResults.find((k) => k.id === kr.id);
  if (!held) {
    if (kr.version > 1) return { board, outcome: 'reload' };
    return { board: { ...board, keyResults: [...board.keyResults, kr] }, outcome: 'applied' };
  }
  if (kr.version <= held.version) return { board, outcome: 'ignored' };
  if (kr.version > held.version + 1) return { board, outcome: 'reload' };
  // Links travel in their own messages with their own versions; the KR row does not carry them.
  return { board: mapKr(board, kr.id, () => ({ ...kr, links: held.links })), outcome: 'applied' };
}

/**
 * Applies one committed change of the board channel by row version: an older or repeated version is
 * ignored, the next one applied, a version further ahead (or a change to something unknown) asks
 * for a reload. Changes the alignment board does not draw (check-ins…) are ignored.
 */
export function applyBoardMessage(
  board: LiveBoard,
  message: BoardMessage,
): { board: LiveBoard; outcome: ApplyOutcome } {
  switch (message.type) {
    case 'link.saved':
      return savedLink(board, message);
    case 'link.removed':
      return removedLink(board, message);
    case 'keyResult.saved':
      return savedKr(board, message);
    case 'keyResult.removed':
      return board.keyResults.some((k) => k.id === message.id)
        ? {
            board: { ...board, keyResults: board.keyResults.filter((k) => k.id !== message.id) },
            outcome: 'applied',
          }
        : { board, outcome: 'ignored' };
    case 'objective.saved':
    case 'objective.removed':
      // Objectives carry no row version here: read them again.
      return { board, outcome: 'reload' };
    default:
      return { board, outcome: 'ignored' };
  }
}

/** Applies messages in order; `reload` when any of them showed a gap. */
export function applyBoardMessages(
  board: LiveBoard,
  messages: readonly BoardMessage[],
): { board: LiveBoard; reload: boolean } {
  let reload = false;
  let current = board;
  for (const message of messages) {
    const next = applyBoardMessage(current, message);
    current = next.board;
    if (next.outcome === 'reload') reload = true;
  }
  return { board: current, reload };
}

/** The `link.saved` message equal to a write's answer, so own writes go through the same path. */
export function savedLinkMessage(record: LinkRecord): BoardMessage {
  return {
    type: 'link.saved',
    id: linkMessageId(record.krId, record.objectiveId),
    version: record.version,
    record,
  };
}

/** The `link.removed` message equal to a delete's answer (the link as it was). */
export function removedLinkMessage(record: LinkRecord): BoardMessage {
  return {
    type: 'link.removed',
    id: linkMessageId(record.krId, record.objectiveId),
    version: record.version,
    record,
  };
}

/** The board message of an `okr-align:board` payload for `boardId`; null for another board or a bad payload. */
export function boardMessageOf(boardId: BoardId, payload: unknown): BoardMessage | null {
  if (!isObject(payload) || payload.boardId !== boardId || !isObject(payload.message)) return null;
  const m = payload.message;
  return typeof m.type === 'string' && typeof m.id === 'string' ? (m as unknown as BoardMessage) : null;
}

/** Everyone but `selfPersonId` in an `okr-align:presence` payload for `boardId`; null for another board. */
export function presenceOf(
  boardId: BoardId,
  payload: unknown,
  selfPersonId: Id | null,
): { id: Id; name: string }[] | null {
  if (!isObject(payload) || payload.boardId !== boardId || !Array.isArray(payload.people)) return null;
  const seen = new Set<Id>();
  const people: { id: Id; name: string }[] = [];
  for (const p of payload.people as PresenceEntry[]) {
    if (!isObject(p) || typeof p.personId !== 'string' || p.personId === selfPersonId) continue;
    if (seen.has(p.personId)) continue;
    seen.add(p.personId);
    people.push({ id: p.personId, name: typeof p.name === 'string' ? p.name : p.personId });
  }
  return people;
}
