/**
 * Messages of the board WebSocket (`/api/boards/:boardId/ws`). JSON text frames.
 * Clients send intents; the server commits them and broadcasts what was committed.
 */
import { AppError } from '../../../plugin/app/errors.ts';
import { checkInput, linkWeight } from '../../../plugin/app/input.ts';
import type { StoredLink } from '../../../plugin/app/ports.ts';
import type { Id, IsoDateTime, KeyResult, Objective } from '../../../plugin/domain/types.ts';
import type { PresenceMember } from '../../../plugin/realtime/presence.ts';
import type { BoardMessage } from '../../../plugin/sdk/index.ts';

/** A KR as the board sees it: its links carry their own row version. */
export type BoardKr = Omit<KeyResult, 'links'> & { links: StoredLink[] };

/** KR fields a board client may change through `update-kr`. */
export const EDITABLE_KR_FIELDS = [
  'title',
  'rationale',
  'evidence',
  'focusTags',
  'updateIntervalDays',
] as const;
export type EditableKrField = (typeof EDITABLE_KR_FIELDS)[number];
export type KrFieldChanges = Partial<Pick<KeyResult, EditableKrField>>;

export type BoardIntent =
  /** Creates the link (`version` null) or changes its weight (`version` = the link's row version). */
  | { kind: 'link'; krId: Id; objectiveId: Id; weight: number; version: number | null }
  /** `version` is the link's row version. */
  | { kind: 'unlink'; krId: Id; objectiveId: Id; version: number }
  /** `version` is the KR's row version. */
  | { kind: 'update-kr'; krId: Id; version: number; fields: KrFieldChanges };

export type ClientMessage =
  /** `id` is chosen by the client and echoed in the answer (`ack`, `stale` or `error`). */
  | { type: 'intent'; id: string; intent: BoardIntent }
  | { type: 'heartbeat' }
  /**
   * Bench only (`RealtimeOptions.benchEcho`, off in production): answered by `echo` to the sender, or
   * for `echo-all` broadcast to the whole board without touching storage (the fan-out bench's baseline).
   */
  | { type: 'echo' | 'echo-all'; id: string; payload?: unknown };

/**
 * A committed change as broadcast to the board: the sdk `BoardMessage` published after the commit
 * (by this channel or by an HTTP route), numbered in publish order. Types: `keyResult.saved`
 * (record: the KR), `keyResult.removed`, `link.saved` (record: the link with `krId` and `version`),
 * `link.removed` (id `krId:objectiveId`), `objective.saved`, `objective.removed`, and after a write
 * `keyResult.evaluated` (record: the KR's new score and month colours, services/live-evaluation.ts).
 */
export type BoardChange = BoardMessage & { seq: number; at: IsoDateTime };

export type ServerMessage =
  | {
      type: 'welcome';
      boardId: Id;
      you: { personId: Id; name: string; via: 'session' | 'qr'; connectionId: string };
      board: { locked: boolean; objectives: Objective[]; keyResults: BoardKr[] };
      seq: number;
      presence: PresenceMember[];
      heartbeatMs: number;
    }
  /** The intent `id` was committed; `kr` is the row as stored now. Sent after the `change` broadcast. */
  | { type: 'ack'; id: string; kr: BoardKr }
  | { type: 'change'; change: BoardChange }
  /** The intent carried an old version; nothing was written. `current` is the row as stored. */
  | { type: 'stale'; id: string; krId: Id; current: BoardKr }
  | { type: 'error'; id: string | null; code: RealtimeErrorCode; message: string }
  | { type: 'presence'; members: PresenceMember[] }
  | { type: 'echo'; id: string; payload?: unknown };

/** Error codes of the board channel; the words live in `locale/*.json` (`realtime.error.<code>`). */
export const REALTIME_ERROR_CODES = [
  'bad-message',
  'forbidden',
  'not-found',
  'board-locked',
  'expired',
  'too-large',
  'rate-limited',
  'internal',
] as const;
export type RealtimeErrorCode = (typeof REALTIME_ERROR_CODES)[number];

export class BadMessageError extends Error {
  override name = 'BadMessageError';
}

function str(o: Record<string, unknown>, key: string, max = 200): string {
  const v = o[key];
  if (typeof v !== 'string' || v.length === 0 || v.length > max) {
    throw new BadMessageError(`realtime: "${key}" must be a non-empty string of at most ${max} characters`);
  }
  return v;
}

function version(o: Record<string, unknown>): number {
  const v = o.version;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) {
    throw new BadMessageError(
      'realtime: "version" must be the integer row version you last saw (null to create a link)',
    );
  }
  return v;
}

function obj(v: unknown, what: string): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) {
    throw new BadMessageError(`realtime: ${what} must be a JSON object`);
  }
  return v as Record<string, unknown>;
}

function parseFields(raw: unknown): KrFieldChanges {
  const f = obj(raw, '"fields"');
  const out: KrFieldChanges = {};
  const keys = Object.keys(f);
  if (keys.length === 0)
    throw new BadMessageError('realtime: "fields" is empty; send at least one field to change');
  for (const key of keys) {
    const v = f[key];
    switch (key) {
      case 'title':
        if (typeof v !== 'string' || v.trim().length === 0 || v.length > 500) {
          throw new BadMessageError(
            'realtime: "fields.title" must be a non-empty string of at most 500 characters',
          );
        }
        out.title = v;
        break;
      case 'rationale':
      case 'evidence':
        if (typeof v !== 'string' || v.length > 5000) {
          throw new BadMessageError(`realtime: "fields.${key}" must be a string of at most 5000 characters`);
        }
        out[key] = v;
        break;
      case 'focusTags':
        if (
          !Array.isArray(v) ||
          v.length > 20 ||
          !v.every((t) => typeof t === 'string' && t.length > 0 && t.length <= 60)
        ) {
          throw new BadMessageError(
            'realtime: "fields.focusTags" must be a list of at most 20 short strings',
          );
        }
        out.focusTags = v as string[];
        break;
      case 'updateIntervalDays':
        if (v !== null && (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > 366)) {
          throw new BadMessageError(
            'realtime: "fields.updateIntervalDays" must be null or an integer of days 1–366',
          );
        }
        out.updateIntervalDays = v as number | null;
        break;
      default:
        throw new BadMessageError(
          `realtime: field "${key}" cannot be edited on the board; editable: ${EDITABLE_KR_FIELDS.join(', ')}`,
        );
    }
  }
  return out;
}

/** The weight as `link.save` takes it: the same schema, so the board and the API agree on 0 and 100. */
const WEIGHT_INPUT = { type: 'object', required: ['weight'], properties: { weight: linkWeight } } as const;
function weight(i: Record<string, unknown>): number {
  try {
    return checkInput<{ weight: number }>(WEIGHT_INPUT, { weight: i.weight }, 'realtime: link').weight;
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    throw new BadMessageError(
      `realtime: link "weight" must be a number from ${linkWeight.minimum} to ${linkWeight.maximum}`,
    );
  }
}

function parseIntent(raw: unknown): BoardIntent {
  const i = obj(raw, '"intent"');
  switch (i.kind) {
    case 'link':
      return {
        kind: 'link',
        krId: str(i, 'krId'),
        objectiveId: str(i, 'objectiveId'),
        weight: weight(i),
        version: i.version === null ? null : version(i),
      };
    case 'unlink':
      return {
        kind: 'unlink',
        krId: str(i, 'krId'),
        objectiveId: str(i, 'objectiveId'),
        version: version(i),
      };
    case 'update-kr':
      return { kind: 'update-kr', krId: str(i, 'krId'), version: version(i), fields: parseFields(i.fields) };
    default:
      throw new BadMessageError('realtime: intent "kind" must be one of link, unlink, update-kr');
  }
}

/** Parses and checks one client frame; throws `BadMessageError` with what to fix. */
export function parseClientMessage(text: string, options: { benchEcho?: boolean } = {}): ClientMessage {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new BadMessageError('realtime: frame is not JSON; send one JSON object per frame');
  }
  const m = obj(raw, 'a frame');
  switch (m.type) {
    case 'intent':
      return { type: 'intent', id: str(m, 'id', 100), intent: parseIntent(m.intent) };
    case 'heartbeat':
      return { type: 'heartbeat' };
    case 'echo':
    case 'echo-all':
      if (options.benchEcho) return { type: m.type, id: str(m, 'id', 100), payload: m.payload };
      throw new BadMessageError('realtime: "type" must be intent or heartbeat');
    default:
      throw new BadMessageError('realtime: "type" must be intent or heartbeat');
  }
}
