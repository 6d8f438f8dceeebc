import type { Id, KeyResult, Objective } from '../../../plugin/domain/types.ts';
import type { Evaluation } from '../api/endpoints.ts';

/** A link as the board channel sends it: with its own row version. */
export interface BoardLink {
  objectiveId: Id;
  weight: number;
  linkedAt: string;
  version: number;
  krId?: Id;
}

/** A KR on the board (the server's `BoardKr`). */
export type BoardKr = Omit<KeyResult, 'links'> & { links: BoardLink[] };

export interface PresenceMember {
  personId: Id;
  name: string;
  via: 'session' | 'qr';
  connections: number;
  since: string;
}

export interface BoardState {
  locked: boolean;
  objectives: Objective[];
  keyResults: BoardKr[];
  presence: PresenceMember[];
  seq: number;
  /** KRs the server evaluated again after a write since the board was read (`keyResult.evaluated`). */
  evaluated?: Record<Id, EvaluatedKr>;
}

/** A KR's alignment row and month colours as the server pushes them after a write. */
export interface EvaluatedKr {
  krId: Id;
  score: number;
  factors: Evaluation['alignment'][number]['factors'];
  colours: Evaluation['colours'];
}

/** A committed change broadcast by the server (`change.change`). */
export interface BoardChange {
  type: string;
  id: Id;
  version?: number;
  record?: unknown;
  byPersonId?: Id;
  seq: number;
  at: string;
}

export const EMPTY_BOARD: BoardState = {
  locked: false,
  objectives: [],
  keyResults: [],
  presence: [],
  seq: 0,
};

const splitLinkId = (id: string): [Id, Id] => {
  const cut = id.indexOf(':');
  return cut > 0 ? [id.slice(0, cut), id.slice(cut + 1)] : [id, ''];
};

/** Keeps link versions the board knew when a KR record arrives without them (HTTP routes send plain KRs). */
function mergeKr(old: BoardKr | undefined, record: KeyResult | BoardKr): BoardKr {
  const oldVersions = new Map((old?.links ?? []).map((l) => [l.objectiveId, l.version]));
  return {
    ...record,
    links: record.links.map((l) => ({
      ...l,
      version:
        'version' in l && typeof l.version === 'number' ? l.version : (oldVersions.get(l.objectiveId) ?? 1),
    })),
  };
}

/** Replaces (or adds) one KR by id. */
export function withKr(state: BoardState, kr: KeyResult | BoardKr): BoardState {
  const old = state.keyResults.find((k) => k.id === kr.id);
  const merged = mergeKr(old, kr);
  if (old && old.version > merged.version) return state;
  return {
    ...state,
    keyResults: old
      ? state.keyResults.map((k) => (k.id === kr.id ? merged : k))
      : [...state.keyResults, merged],
  };
}

/** Applies one committed change; changes the board does not draw (check-ins…) leave it as is. */
export function applyChange(state: BoardState, change: BoardChange): BoardState {
  const next = { ...state, seq: Math.max(state.seq, change.seq) };
  switch (change.type) {
    case 'keyResult.evaluated': {
      const record = change.record as EvaluatedKr | undefined;
      if (!record) return next;
      return { ...next, evaluated: { ...next.evaluated, [change.id]: record } };
    }
    case 'keyResult.saved':
      return change.record ? withKr(next, change.record as KeyResult) : next;
    case 'keyResult.removed':
      return { ...next, keyResults: next.keyResults.filter((k) => k.id !== change.id) };
    case 'link.saved': {
      const link = change.record as BoardLink | undefined;
      const [krId, objectiveId] = link?.krId ? [link.krId, link.objectiveId] : splitLinkId(change.id);
      if (!link) return next;
      return {
        ...next,
        keyResults: next.keyResults.map((k) => {
          if (k.id !== krId) return k;
          const others = k.links.filter((l) => l.objectiveId !== objectiveId);
          return {
            ...k,
            links: [
              ...others,
              { objectiveId, weight: link.weight, linkedAt: link.linkedAt, version: link.version },
            ],
          };
        }),
      };
    }
    case 'link.removed': {
      const [krId, objectiveId] = splitLinkId(change.id);
      return {
        ...next,
        keyResults: next.keyResults.map((k) =>
          k.id === krId ? { ...k, links: k.links.filter((l) => l.objectiveId !== objectiveId) } : k,
        ),
      };
    }
    case 'objective.saved': {
      const o = change.record as (Objective & { version?: number }) | undefined;
      if (!o) return next;
      const { version: _v, ...objective } = o;
      const exists = next.objectives.some((x) => x.id === objective.id);
      return {
        ...next,
        objectives: exists
          ? next.objectives.map((x) => (x.id === objective.id ? objective : x))
          : [...next.objectives, objective],
      };
    }
    case 'objective.removed':
      return { ...next, objectives: next.objectives.filter((o) => o.id !== change.id) };
    default:
      return next;
  }
}

/** The evaluation read over HTTP with the KRs the server pushed since (their rows replace the read ones). */
export function withEvaluated<E extends Pick<Evaluation, 'alignment' | 'colours'>>(
  evaluation: E | null | undefined,
  evaluated: BoardState['evaluated'],
): E | null | undefined {
  if (!evaluation || !evaluated) return evaluation;
  const pushed = Object.values(evaluated);
  if (pushed.length === 0) return evaluation;
  const ids = new Set(pushed.map((e) => e.krId));
  return {
    ...evaluation,
    alignment: [
      ...evaluation.alignment.filter((a) => !ids.has(a.krId)),
      ...pushed.map(({ krId, score, factors }) => ({ krId, score, factors })),
    ],
    colours: [...evaluation.colours.filter((c) => !ids.has(c.krId)), ...pushed.flatMap((e) => e.colours)],
  };
}
